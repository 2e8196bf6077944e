import type { CatalogList } from '@jianban/shared';

// query keys of the catalog feature. Public data carries the community asked about; personal data the person's id.
// Each group has a prefix key so a mutation can refresh the whole group.
const MY_REPORTS = ['catalog', 'my-reports'] as const;
const QUEUE = ['catalog', 'queue'] as const;
const PROPOSALS = ['catalog', 'proposals'] as const;

export const catalogKeys = {
  // everything that shows item content: refreshed together after a staff edit
  content: ['catalog', 'content'] as const,
  search: (q: string, community: string) => ['catalog', 'content', 'search', q, community] as const,
  lists: (community: string, list?: CatalogList) => ['catalog', 'content', 'lists', community, list ?? 'both'] as const,
  item: (code: string, community: string) => ['catalog', 'content', 'item', code, community] as const,
  history: (code: string) => ['catalog', 'content', 'history', code] as const,
  workLists: ['catalog', 'work-lists'] as const,
  myReportsAll: MY_REPORTS,
  myReports: (meId: string, page: number) => [...MY_REPORTS, meId, page] as const,
  queueAll: QUEUE,
  queue: (status: string, page: number) => [...QUEUE, status, page] as const,
  proposalsAll: PROPOSALS,
  proposals: (status: string, page: number) => [...PROPOSALS, status, page] as const,
};
