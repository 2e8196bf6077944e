import type { RegionView } from '@jianban/shared';

export interface StreetGroup {
  street: RegionView;
  communities: RegionView[];
}

/** communities grouped under their street, both in the order the server sent them */
export function groupCommunities(items: readonly RegionView[]): StreetGroup[] {
  const streets = items.filter((r) => r.level === 'street');
  const groups = new Map<string, StreetGroup>(streets.map((s) => [s.code, { street: s, communities: [] }]));
  for (const r of items) {
    if (r.level !== 'community' || !r.parentCode) continue;
    groups.get(r.parentCode)?.communities.push(r);
  }
  return [...groups.values()].filter((g) => g.communities.length > 0);
}
