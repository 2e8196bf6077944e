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

export interface CommunityMatch {
  community: RegionView;
  street: RegionView;
}

// what people type around a name: spaces, and the committee words of the official name (梅村社区居委会, 红光村村委会)
const plainQuery = (q: string): string => q.replace(/\s+/g, '').replace(/(居民委员会|村民委员会|居委会|村委会|委员会)$/, '');

/**
 * communities and villages whose name holds what was typed (梅村 → 梅村社区), each with its street or town; names that
 * start with it first, then the server's order. Typing a street's or town's name lists its communities and villages.
 */
export function searchCommunities(items: readonly RegionView[], query: string, limit = 8): CommunityMatch[] {
  const q = plainQuery(query);
  if (!q) return [];
  const streets = new Map(items.filter((r) => r.level === 'street').map((s) => [s.code, s]));
  const matches: (CommunityMatch & { rank: number; at: number })[] = [];
  items.forEach((r, at) => {
    const street = r.level === 'community' && r.parentCode ? streets.get(r.parentCode) : undefined;
    if (!street) return;
    const rank = r.name.startsWith(q) ? 0 : r.name.includes(q) ? 1 : street.name.includes(q) ? 2 : -1;
    if (rank >= 0) matches.push({ community: r, street, rank, at });
  });
  return matches
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, limit)
    .map(({ community, street }) => ({ community, street }));
}
