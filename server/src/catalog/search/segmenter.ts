import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';

// One jieba segmenter for the process (@node-rs/jieba: prebuilt native binaries from the registry, no build step).
// Loading its dictionary takes ~0.3 s, so it is loaded once, on the first index build, not on a search.
// The catalog's own terms (names, aliases, everyday words) are added to its dictionary so a sentence is cut at them;
// words are only ever added (a removed alias stays a known word, which changes nothing but where a sentence is cut).
let jieba: Jieba | null = null;
const added = new Set<string>();
// as frequent as an ordinary common word: enough to keep a catalog term whole, not so much that it swallows neighbours
const TERM_FREQ = 3000;

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export function segmenter(): Jieba {
  return instance();
}

segmenter.addWords = (words: Iterable<string>): void => {
  const fresh = [...new Set(words)].filter((w) => [...w].length >= 2 && !added.has(w));
  if (fresh.length === 0) return;
  instance().loadDict(Buffer.from(fresh.map((w) => `${w} ${TERM_FREQ}`).join('\n') + '\n'));
  for (const w of fresh) added.add(w);
};

// whether a word was added as one of the catalog's own terms
segmenter.isTerm = (word: string): boolean => added.has(word);

// How informative a word is in everyday Chinese, from jieba's general-corpus IDF table (0.1 … 1): 的/我/要/什么/没有
// say nothing about which certificate is meant even when only one catalog item happens to contain them. Words the
// table does not know are taken as informative. Loaded with the segmenter (~0.1 s), looked up per query token.
let generalIdf: Map<string, number> | null = null;
const GENERAL_LOW = 3;
const GENERAL_SPAN = 4;

function loadGeneralIdf(): Map<string, number> {
  if (generalIdf) return generalIdf;
  const m = new Map<string, number>();
  for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) m.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  generalIdf = m;
  return m;
}

const ASPECT = new Set(['了', '过', '着']);

// whether jieba's general table knows the word (the catalog's own terms it does not)
export function generallyKnown(word: string): boolean {
  return loadGeneralIdf().has(word);
}

export function informativeness(word: string): number {
  const m = loadGeneralIdf();
  let v = m.get(word);
  if (v === undefined) {
    const chars = [...word];
    // a verb with its aspect particle (丢了, 犯过) is as informative as the verb
    if (chars.length === 2 && ASPECT.has(chars[1]) && !ASPECT.has(chars[0])) return informativeness(chars[0]);
    // an unknown pair of characters is as informative as its less informative character (么证, 要开)
    if (chars.length === 2) return Math.min(informativeness(chars[0]), informativeness(chars[1]));
    return 1;
  }
  v = (v - GENERAL_LOW) / GENERAL_SPAN;
  return Math.min(1, Math.max(0.1, v));
}
