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

/** the communities a staff member's place covers: their own community, a street's communities, or all of a district's */
export function communitiesUnder(items: readonly RegionView[], regionCode: string): RegionView[] {
  const parentOf = new Map(items.map((r) => [r.code, r.parentCode]));
  const covered = (code: string | null): boolean => {
    for (let c = code, hops = 0; c && hops < 6; c = parentOf.get(c) ?? null, hops++) if (c === regionCode) return true;
    return false;
  };
  return items.filter((r) => r.level === 'community' && covered(r.code));
}
