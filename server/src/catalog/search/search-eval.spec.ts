import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, seededIndex, type EvalQuery } from './search-eval';

// Issue 13: the ranking measured on the evaluation sets (server/test/search-eval/queries.json, and the held-out set
// heldout.json written afterwards without looking at the ranking) may not fall below these absolute floors. They may
// only rise: raise them when the search gets better. Issue 14 (scope) lowered them once, with the set itself: other
// places' items left the resident catalog and their queries now expect the national equivalent or no match (measured
// then: queries 92.3 / 94.6 / 14.8 %, held-out 91.4 / 94.3 / 20.3 %). heldout2.json is the third round's blind set (the
// second round tuned against heldout.json), written before any change of that round and floored at the ranking of the
// day it was committed (84.3 / 88.4 / 40.7 %). The third round (other places' items in the ranking, amount questions,
// ages as decades, weak lone-character evidence) was chosen on queries.json and heldout.json only; after it: queries
// 97.7 / 98.8 / 2.1 %, held-out 95.2 / 99.0 / 8.5 %, heldout2 84.3 / 89.0 / 27.8 %. Then everyday words for two
// items' subjects (局子/蹲监狱/坐过牢/判过刑/劳改 for 无犯罪记录, 活得好好/没去世… for 健在), read off queries.json's
// misses: queries 98.5 / 99.6 / 2.1 %, the two held-out sets unchanged. heldout3.json is the fourth round's blind set
// (written by someone who saw neither the ranking nor the thesaurus), floored at the ranking of the day it was
// committed (81.0 / 85.5 / 9.2 %). The fourth round, chosen on queries.json, heldout.json and heldout2.json (no longer
// blind): a name's head in mixed pinyin + zm (jianzaizm) → queries 98.5 / 99.6 / 2.1, heldout 95.2 / 99.0 / 8.5,
// heldout2 87.8 / 92.4 / 27.8, heldout3 81.5 / 86.0 / 9.2 %. Then, read off heldout3.json's misses (so it is no
// longer blind for the next round): pinyin typed together with characters (jibing证明) read as pinyin → heldout3
// 88.5 / 92.0 / 9.2 %, the other three sets unchanged. heldout4.json is the fifth round's blind set (written the same
// way, 345 queries less the 70 that repeated an earlier set), floored at the ranking of the day it was committed
// (83.7 / 87.9 / 36.5 %): the false-match rate of a new set is where the ranking is weakest. The fifth round, chosen on
// the four earlier sets (heldout2/3's false matches): a how or where question that asks for no paper and meets a
// certificate only on its subject words (车子年检在哪做, 猫丢了怎么找) gives no certificate → queries 98.1 / 99.2 / 2.1
// (lost 老头子留下的房子俺们咋分), heldout 95.2 / 99.0 / 8.5, heldout2 87.8 / 92.4 / 24.1, heldout3 88.5 / 92.0 / 6.9 %,
// and on the blind heldout4 83.2 / 87.4 / 32.9 % (one more miss, three fewer false matches). heldout5.json is the sixth
// round's blind set (written the same way by someone who saw neither the ranking, the thesaurus nor the earlier sets;
// 284 queries less the 44 that repeated an earlier set or itself), floored at the ranking of the day it was committed
// (66.7 / 70.1 / 30.1 %), its misses not yet read. Scored once by the seventh round, its misses showed 41 queries
// expecting other places' items residents never see (issue 14's scope): relabelled to the item residents here are sent
// to for the same paper (standsFor) or to nothing, and floored at the ranking of the day before that round
// (87.4 / 93.3 / 25.6 %); no longer blind. heldout6.json is the seventh round's blind set (written the same way, from
// the items' names, descriptions and routes only; 302 queries less the 78 that repeated an earlier set's), floored at
// the ranking of the day it was committed (91.8 / 93.8 / 48.7 %): its 78 queries expecting nothing are mostly traps
// sharing a word with an item (养猫需要登记吗, 老人去世后丧葬费怎么领). The seventh round (a question asking for no paper
// is about its most informative word: a document that does not explain it is no answer; a pair the catalog made a
// word of counts as its more informative character; 369 everyday words written item by item by someone who saw no
// evaluation set; the service centre's names as booking words), chosen on the five earlier sets → queries
// 98.1 / 99.2 / 2.8, heldout 96.2 / 99.0 / 6.8, heldout2 92.4 / 95.3 / 24.1, heldout3 90.5 / 93.0 / 5.7, heldout4
// 90.0 / 94.7 / 24.7, heldout5 (relabelled) 89.1 / 94.1 / 24.8 %, and on the blind heldout6 94.5 / 95.9 / 46.2 %.
const SETS = {
  'queries.json': { minQueries: 310, floor: { top1: 98, top3: 99, falseMatchMax: 3 } },
  'heldout.json': { minQueries: 160, floor: { top1: 96, top3: 99, falseMatchMax: 7 } },
  'heldout2.json': { minQueries: 220, floor: { top1: 92, top3: 95, falseMatchMax: 25 } },
  'heldout3.json': { minQueries: 280, floor: { top1: 90, top3: 93, falseMatchMax: 6 } },
  'heldout4.json': { minQueries: 270, floor: { top1: 90, top3: 94, falseMatchMax: 25 } },
  'heldout5.json': { minQueries: 240, floor: { top1: 89, top3: 94, falseMatchMax: 25 } },
  'heldout6.json': { minQueries: 220, floor: { top1: 94, top3: 95, falseMatchMax: 47 } },
};

const load = (file: string) => (JSON.parse(readFileSync(join(__dirname, '../../../test/search-eval', file), 'utf8')) as { queries: EvalQuery[] }).queries;

describe('search quality on the evaluation sets', () => {
  const index = seededIndex();
  for (const [file, { minQueries, floor }] of Object.entries(SETS)) {
    it(`holds the floor for top-1, top-3 and false matches on ${file}`, () => {
      const queries = load(file);
      const s = evaluate(index, queries);
      if (process.env.SEARCH_EVAL_VERBOSE) {
        process.stdout.write(`${file}: top-1 ${s.top1} %  top-3 ${s.top3} %  false ${s.falseMatch} %\n`);
        for (const m of s.misses) process.stdout.write(`miss ${m.q}  expected ${m.expect}  got ${m.got.join(',')}\n`);
        for (const f of s.falseMatches) process.stdout.write(`false ${f.q}  got ${f.got.join(',')}\n`);
      }
      expect(queries.length).toBeGreaterThanOrEqual(minQueries);
      expect(s.top1).toBeGreaterThanOrEqual(floor.top1);
      expect(s.top3).toBeGreaterThanOrEqual(floor.top3);
      expect(s.falseMatch).toBeLessThanOrEqual(floor.falseMatchMax);
    });
  }
});
