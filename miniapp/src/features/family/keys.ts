// query keys carry the signed-in person's id, so one person's data never shows for another
export const familyKeys = {
  all: ['family'] as const,
  list: (meId: string) => ['family', 'list', meId] as const,
};
export const regionKeys = {
  all: ['regions'] as const,
};
export const staffKeys = {
  all: ['staff'] as const,
  elders: (communityCode: string, page: number, pageSize: number) => ['staff', 'elders', communityCode, page, pageSize] as const,
};
