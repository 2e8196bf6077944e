import type { CatalogItemSummary, CatalogList } from '@jianban/shared';
// imported (resolveJsonModule) so tsc ships the data with server/dist
import order from './seed-data/resident-order.json';

const RANKS: Record<CatalogList, Map<string, number>> = {
  not_issue: new Map(order.not_issue.map((code, i) => [code, i])),
  issue: new Map(order.issue.map((code, i) => [code, i])),
};

// an item's place in the default order (what residents most often need first); unnamed items after all named ones
export function defaultRank(list: CatalogList, code: string): number {
  return RANKS[list].get(code) ?? Number.MAX_SAFE_INTEGER;
}

// residents' demand reports of the last DEMAND_WINDOW_DAYS: an item reported at least DEMAND_MIN times comes first
export const DEMAND_WINDOW_DAYS = 90;
export const DEMAND_MIN = 3;
export type DemandCounts = ReadonlyMap<string, number>;
const demandOf = (demand: DemandCounts, code: string) => {
  const n = demand.get(code) ?? 0;
  return n >= DEMAND_MIN ? n : 0;
};

// the items of one list in the order residents need them (often reported first, then the default order), stable
// for items the order does not name
export function orderItems<T extends Pick<CatalogItemSummary, 'code' | 'list'>>(items: readonly T[], demand: DemandCounts = new Map()): T[] {
  return items
    .map((item, at) => ({ item, at }))
    .sort(
      (a, b) =>
        demandOf(demand, b.item.code) - demandOf(demand, a.item.code) ||
        defaultRank(a.item.list, a.item.code) - defaultRank(b.item.list, b.item.code) ||
        a.at - b.at,
    )
    .map((x) => x.item);
}

// ordered items grouped by category, the categories in the order of their first item
export function groupByCategory<T extends Pick<CatalogItemSummary, 'code' | 'list' | 'category'>>(items: readonly T[], demand: DemandCounts = new Map()): { name: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of orderItems(items, demand)) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return [...groups.entries()].map(([name, its]) => ({ name, items: its }));
}
