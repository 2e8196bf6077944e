// query keys of the catalog feature. Public data carries the community asked about; personal data the person's id.
export const catalogKeys = {
  all: ['catalog'] as const,
  // everything that shows item content: refreshed together after a staff edit
  content: ['catalog', 'content'] as const,
  search: (q: string, community: string) => ['catalog', 'content', 'search', q, community] as const,
  lists: (community: string) => ['catalog', 'content', 'lists', community] as const,
  item: (code: string, community: string) => ['catalog', 'content', 'item', code, community] as const,
  history: (code: string) => ['catalog', 'content', 'history', code] as const,
  workLists: ['catalog', 'work-lists'] as const,
  myReports: (meId: string, page: number) => ['catalog', 'my-reports', meId, page] as const,
  queue: (status: string, page: number) => ['catalog', 'queue', status, page] as const,
  proposals: (status: string, page: number) => ['catalog', 'proposals', status, page] as const,
};
