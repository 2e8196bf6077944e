import { originOfJurisdiction } from '@jianban/shared';
import researchData from '../seed-data/certificate-catalog.json';
import { contentOf } from '../catalog.seed';
import { DISTRICT_OWNER } from '../catalog.mapper';
import { SERVICE_DOCS_FOR_EVAL } from './catalog-index.service';
import { normalizeQuery, NOT_ADOPTED_OWNER, SearchIndex, type IndexedDoc } from './search-index';
import searchData from '../seed-data/search-terms.json';

// The evaluation of issue 13 over the seeded catalog, for the test command's floor (search-eval.spec.ts); the same
// set is scored over HTTP against the built server by scripts/search-eval.mjs.
export interface EvalQuery {
  q: string;
  kind: string;
  expect: string[];
}
export interface EvalScore {
  top1: number;
  top3: number;
  falseMatch: number;
  misses: { q: string; expect: string; got: string[] }[];
  falseMatches: { q: string; got: string[] }[];
}

export function seededIndex(extra: IndexedDoc[] = []): SearchIndex {
  // what residents can find: another place's item is indexed under an owner no request names until the district admin
  // adopts it (as CatalogIndexService does)
  const docs: IndexedDoc[] = (researchData.items as (Parameters<typeof contentOf>[0] & { jurisdiction?: string | null })[]).map((it) => {
    const c = contentOf(it);
    const owner = originOfJurisdiction(it.jurisdiction, DISTRICT_OWNER) === 'other_place' ? NOT_ADOPTED_OWNER : DISTRICT_OWNER;
    return { code: it.id, owner, name: c.name, aliases: c.aliases, everyday: c.everydayWords ?? [], usedFor: c.usedFor, route: c.routeSteps };
  });
  return new SearchIndex([...docs, ...extra, ...SERVICE_DOCS_FOR_EVAL], { popular: searchData.popular, standsFor: searchData.standsFor }, 1);
}

export function evaluate(index: SearchIndex, queries: EvalQuery[]): EvalScore {
  const owners = new Set([DISTRICT_OWNER]);
  const answers = queries.map((x) => ({ ...x, ids: index.search(normalizeQuery(x.q), owners, 8).map((h) => h.code) }));
  const pos = answers.filter((a) => a.expect.length > 0);
  const neg = answers.filter((a) => a.expect.length === 0);
  const pct = (n: number, d: number) => Math.round((1000 * n) / d) / 10;
  const falseMatches = neg.filter((a) => a.ids.length > 0);
  return {
    top1: pct(pos.filter((a) => a.expect.includes(a.ids[0])).length, pos.length),
    top3: pct(pos.filter((a) => a.ids.slice(0, 3).some((id) => a.expect.includes(id))).length, pos.length),
    falseMatch: pct(falseMatches.length, neg.length),
    misses: pos.filter((a) => !a.expect.includes(a.ids[0])).map((a) => ({ q: a.q, expect: a.expect.join('|'), got: a.ids.slice(0, 3) })),
    falseMatches: falseMatches.map((a) => ({ q: a.q, got: a.ids.slice(0, 3) })),
  };
}
