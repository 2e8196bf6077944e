import { pinyin } from 'pinyin-pro';
import type { EverydayWord, MatchKind } from '@jianban/shared';
import { generallyKnown, informativeness, segmenter } from './segmenter';

// The in-memory search over the (small) catalog and the services, built from the DB rows and rebuilt when the
// catalog version changes (issue 3, ranking of issue 13).
//
// Chinese queries are scored with BM25F: every document (an item or a service) has weighted fields (name, aliases,
// everyday words, what it was asked for, the alternative route), every text becomes tokens (words from the jieba
// segmenter with the catalog's own terms in its dictionary, character bigrams and single characters, and the bigrams
// of their sounds for homophone typos), and document frequencies are computed over the catalog — a token every item
// has (证明, 开, 要, 的) is worth almost nothing, a distinctive one decides. Latin queries are pinyin or initials of
// a name, alias or everyday word. Below a threshold nothing is a result (honest no-match).

export interface IndexedDoc {
  code: string; // item code, or service:<id>
  owner: string; // 'district', a community code, or 'service' (always visible)
  name: string;
  aliases: string[];
  everyday: Pick<EverydayWord, 'word' | 'kind'>[];
  usedFor: string | null;
  route: string[]; // alternative-route steps
  aboutCertificates?: boolean; // a service about certificates themselves (a question naming 证明 may be for it)
}

export interface SearchVocabulary {
  popular: string[];
  // another place's item the district has not adopted → the item residents here are sent to for the same paper (独生子女证明
  // → 婚育状况证明): a question about the former is answered with the latter, never with the hidden item itself
  standsFor?: Record<string, string>;
}

export interface Hit {
  code: string;
  score: number;
  matchedBy: MatchKind;
  matchedText: string;
}

export const QUERY_WORK_MAX = 64;
const MEMO_MAX = 5000;
export const SERVICE_OWNER = 'service';
// another place's item the district has not adopted: indexed (so word statistics and every other item's ranking stay
// as they are) but under an owner no request names, so no search, suggestion or popular list ever returns it
export const NOT_ADOPTED_OWNER = 'not-adopted';

// ---- normalisation ----

// full-width → half-width (NFKC), lower case, keep letters/digits/CJK only, bounded length
export function normalizeQuery(raw: string): string {
  const kept = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]/gu, '');
  return [...kept].slice(0, QUERY_WORK_MAX).join('');
}

const normalizeText = (raw: string) => raw.normalize('NFKC').toLowerCase().replace(/[^\p{Script=Han}a-z0-9]/gu, '');
const HAN = /\p{Script=Han}/u;
const hasHan = (s: string) => HAN.test(s);

function pinyinOf(text: string): { full: string; initials: string; syllables: string[] } {
  if (!hasHan(text)) return { full: '', initials: '', syllables: [] };
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).map((x) => x.toLowerCase());
  // initials: each syllable's first letter (what pinyin-pro's pattern 'first' gives, without asking it a second time)
  return { full: syllables.join(''), initials: syllables.map((x) => x[0]).join(''), syllables };
}

/**
 * whether `q` is the first syllables of a word typed as a phone keyboard lets people mix them: each syllable either in
 * full or by its initial (zh/ch/sh count as one) — jianzai, jianz, jzai and jz all begin 健在证明
 */
export function mixedPinyinPrefix(q: string, syllables: readonly string[]): boolean {
  // at: the positions in q reachable after the syllables read so far
  let at = new Set([0]);
  for (const syl of syllables) {
    const next = new Set<number>();
    const initial = /^[zcs]h/.test(syl) ? syl.slice(0, 2) : syl.slice(0, 1);
    for (const i of at) {
      for (const form of syl === initial ? [syl] : [syl, initial]) if (q.startsWith(form, i)) next.add(i + form.length);
      // a double initial typed as its first letter (zm for 证明)
      if (initial.length === 2 && q.startsWith(initial[0], i) && !q.startsWith(initial, i)) next.add(i + 1);
    }
    if (next.has(q.length)) return true;
    if (next.size === 0) return false;
    at = next;
  }
  return false;
}

/**
 * a query of pinyin letters and characters as pinyin alone — each character by its sound, 证明 at the end as zm so the
 * rules for a name's head + 证明 apply — or null when it is not such a mix (no run of two letters, or no character)
 */
export function pinyinWithCharacters(q: string): string | null {
  if (!/[a-z]{2}/.test(q) || !hasHan(q)) return null;
  const body = q.replace(/[^a-z0-9\p{Script=Han}]/gu, '');
  const head = body.endsWith('证明') ? body.slice(0, -2) : body;
  const tail = head === body ? '' : 'zm';
  return [...head].map(soundOfChar).join('') + tail;
}

// per-character sound, cached for the process (a few thousand characters at most): pinyin-pro on a whole query
// costs ~0.2 ms, a map lookup nothing. Used only to match homophones, where a character's context matters little.
const CHAR_SOUND = new Map<string, string>();
function soundOfChar(c: string): string {
  let py = CHAR_SOUND.get(c);
  if (py === undefined) {
    py = hasHan(c) ? pinyin(c, { toneType: 'none', v: true }).toLowerCase() : c;
    if (CHAR_SOUND.size < 30_000) CHAR_SOUND.set(c, py);
  }
  return py;
}

// ---- tokens ----
const HEAD_WEIGHT = 0.5;
// what asks for a paper or a service
const REQUEST = /证明|开|办|申请|领|补/;
// what asks for a paper (a certificate, or the steps to get one)
const ASKS_PAPER = /证|开|办|申请|补|手续|材料|盖章/;
// what asks how much, what price, or when
const ASKS_AMOUNT = /多少|几点|几号|几块|什么时候|啥时候|哪一天|免费|收费|要钱吗|价钱|价格/;
// a question how or where to do something (怎么找, 在哪做, 咋分)
const ASKS_HOW = /怎么|怎样|咋|么样|如何|在哪|哪里|哪儿|去哪|哪个|哪家/;
// h: the last character of a word; w: a word of two or more characters; b: a character bigram; c: one Han character; s: the sounds of a bigram
type TokenType = 'w' | 'b' | 'c' | 's' | 'h';
const TYPE_WEIGHT: Record<TokenType, number> = { w: 1, b: 0.8, c: 0.25, s: 0.5, h: HEAD_WEIGHT };

// each token with the text it stands for (a sound token: the two characters it was heard from)
function tokenize(text: string, into: Map<string, number> = new Map(), texts?: Map<string, string>): Map<string, number> {
  const add = (t: string, src: string) => {
    into.set(t, (into.get(t) ?? 0) + 1);
    if (texts && !texts.has(t)) texts.set(t, src);
  };
  if (!text) return into;
  const chars = [...text];
  for (const w of segmenter().cutForSearch(text, false)) {
    if (!hasHan(w)) continue;
    add(`w:${w}`, w);
    // the last character of a word is what it is (住 of 居住, 病 of 疾病): a question saying just that character meets it
    const cs = [...w];
    if (cs.length >= 2 && hasHan(cs[cs.length - 1])) add(`h:${cs[cs.length - 1]}`, cs[cs.length - 1]);
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (hasHan(c)) add(`c:${c}`, c);
    if (i + 1 < chars.length) {
      const pair = c + chars[i + 1];
      add(`b:${pair}`, pair);
      if (hasHan(c) && hasHan(chars[i + 1])) add(`s:${soundOfChar(c)}|${soundOfChar(chars[i + 1])}`, pair);
    }
  }
  return into;
}

// question words and fillers: how a question is asked, not what it is about (they neither match nor count as unmatched)
const FILLER = new Set([
  '请问', '问一下', '怎么', '怎么办', '怎么弄', '怎样', '怎么样', '如何', '咋', '咋办', '咋整', '咋弄', '啥', '啥子', '么子', '什么', '哪里', '哪儿', '去哪',
  '在哪', '哪个', '能不能', '可不可以', '可以', '需要', '要开', '开个', '开具', '办理', '一下', '麻烦', '你好', '谢谢', '证明', '俺', '俺们', '咱', '我们', '我家', '我的', '开证', '开证明',
]);
const FILLER_CHARS = new Set([...'什么怎样哪咋啥俺的了吗呢吧啊呀要开个我你他她是在有']);
// where and about whom residents ask (社区, 居委会, 老人, 孩子): in nearly every question here, so they count little
const DOMAIN_COMMON = new Set(['社区', '居委会', '村委会', '居委', '村委', '委会', '村里', '街道', '老人', '老年', '老年人', '孩子', '家里', '屋里']);
const DOMAIN_COMMON_WEIGHT = 0.2;
function generalWeight(text: string): number {
  if (DOMAIN_COMMON.has(text)) return DOMAIN_COMMON_WEIGHT;
  // a pair the catalog made a word of (走丢) that everyday Chinese does not know: as informative as its more
  // informative character (丢), not its less (走) as an unknown pair across words (么证, 要开) is
  if ([...text].length === 2 && !generallyKnown(text) && segmenter.isTerm(text)) return Math.max(...[...text].map((c) => informativeness(c)));
  // a longer word everyday Chinese does not know (a catalog term: 一个孩子, 老年人补贴) is as informative as its most
  // informative known part, not fully informative because it is unknown
  if ([...text].length > 2 && !generallyKnown(text)) {
    const parts = segmenter().cutForSearch(text, false).filter((w) => w !== text && [...w].length >= 2);
    if (parts.length > 0) return Math.max(...parts.map(generalWeight));
  }
  return informativeness(text);
}

// ---- documents ----
type Field = 'name' | 'alias' | 'everydayName' | 'subject' | 'use' | 'usedFor' | 'route';
// the item's own words weigh most; everyday words less; the alternative route's text least
const FIELD_WEIGHT: Record<Field, number> = { name: 3, alias: 2.4, everydayName: 1.8, subject: 1.5, use: 1.3, usedFor: 1, route: 0.2 };
// length normalisation (BM25 b) per field: a short name that is all about the query beats a long one that mentions it
const FIELD_B: Record<Field, number> = { name: 0.6, alias: 0.3, everydayName: 0.2, subject: 0.1, use: 0.1, usedFor: 0.5, route: 0.5 };
const K1 = 1.2;
const LIST_FIELDS = new Set<Field>(['alias', 'everydayName', 'subject', 'use']);
const NAMING_FIELDS = new Set<Field>(['name', 'alias', 'everydayName']);
const EVERYDAY_FIELD: Record<EverydayWord['kind'], Field> = { name: 'everydayName', subject: 'subject', use: 'use' };
// what a whole term found in the query is called
const KIND_OF: Record<Field, MatchKind> = { name: 'name', alias: 'alias', everydayName: 'synonym', subject: 'everyday', use: 'keyword', usedFor: 'keyword', route: 'sentence' };

interface Term {
  doc: number;
  field: Field;
  text: string; // normalised
  len: number; // characters of text
  shown: string; // as written
  pinyin: string;
  initials: string;
  syllables: string[];
}

interface Doc {
  code: string;
  owner: string;
  terms: Term[];
}

// the threshold below which a document is not a result, and the share of the best score a further result needs
export const MATCH_THRESHOLD = 1;
const PAPER_THRESHOLD = 0.75;
const WEAK_EVIDENCE = 0;
const COVERAGE_FLOOR = 0.4;
const SINGLE_WORD_WEIGHT = 0.25;
const MIN_COVERAGE = 0.05;
const PHRASE_BONUS = 1.25;
const SERVICE_FOR_CERTIFICATE = 0.5;
const CLOSE_THRESHOLD = 0.5;
const TAIL_SHARE = 0.3;
// a question answered through a not-adopted item it stands for counts a little less than one about the item itself
const STANDS_FOR_SHARE = 0.9;
// a result must score at least this share of the best not-adopted item with no stand-in here
const ELSEWHERE_MARGIN = 1;
// … when it is matched mostly (this share of its informative characters) on what that item explains too
const ELSEWHERE_SHARE = 0.5;
const ELSEWHERE_CLEAR = 2;
const NAMED_MAX = 8;
// a document explains what a question is about when it explains a word at least this share as informative as the
// question's most informative one
const LEAD_SHARE = 0.9;
// … a service when it explains a word at least this share as informative: services are asked for in looser words
// (约个时间去社区), but 九价疫苗在哪里预约 is about the vaccine, not about booking a visit here
const SERVICE_LEAD_SHARE = 0.5;

const stripParens = (s: string) => s.replace(/\(.*?\)|（.*?）/g, '');

// whether a document matched only on lone characters (c:狗, h:住, w:狗), no pair or longer word
function onlyLoneCharacters(parts: Map<string, number>): boolean {
  for (const t of parts.keys()) {
    const kind = t[0];
    if (kind === 'b' || kind === 's' || (kind === 'w' && t.length > 3)) return false;
  }
  return true;
}

// ages of old people in a question (60 … 119), written in digits or in Chinese, with the positions they occupy
const CN_DIGIT = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function decadesIn(q: string): { decade: number; at: number[] }[] {
  const chars = [...q];
  const out: { decade: number; at: number[] }[] = [];
  const text = chars.join('');
  for (const m of text.matchAll(/(?<![0-9])([6-9][0-9]|1[01][0-9])(?![0-9])/g)) {
    const n = Number(m[1]);
    if (n >= 100) continue; // 一百岁 is written as such in the catalog
    const start = [...text.slice(0, m.index)].length;
    out.push({ decade: Math.floor(n / 10), at: [start, start + 1] });
  }
  for (const m of text.matchAll(/([六七八九])十/g)) {
    const start = [...text.slice(0, m.index)].length;
    out.push({ decade: CN_DIGIT.indexOf(m[1]), at: [start, start + 1] });
  }
  return out;
}

export class SearchIndex {
  private readonly docs: Doc[] = [];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly idf = new Map<string, number>();
  private readonly popular: Set<string>;
  private readonly memo = new Map<string, Hit[]>();
  private readonly byCode = new Map<string, number>();
  private readonly aboutCertificates = new Set<number>();
  private readonly soundInformativeness = new Map<string, number>();
  private readonly postingDocs = new Map<string, Set<number>>();
  private readonly ownWords = new Map<string, Set<number>>(); // token → documents having it outside the route text
  private readonly nameWords = new Map<string, Set<number>>(); // token → documents having it in what names them (name, alias, everyday name)

  constructor(
    docs: IndexedDoc[],
    private readonly vocabulary: SearchVocabulary,
    readonly version: number,
  ) {
    this.popular = new Set(vocabulary.popular);
    // the catalog's own terms go into the segmenter's dictionary, so a sentence is cut at them
    segmenter.addWords(docs.flatMap((d) => [d.name, ...d.aliases, ...d.everyday.map((e) => e.word)].map((t) => normalizeText(stripParens(t)))));

    const fieldTexts: { doc: number; field: Field; text: string }[] = [];
    docs.forEach((d, i) => {
      const doc: Doc = { code: d.code, owner: d.owner, terms: [] };
      this.docs.push(doc);
      this.byCode.set(d.code, i);
      if (d.aboutCertificates) this.aboutCertificates.add(i);
      const addTerm = (field: Field, shown: string) => {
        const text = normalizeText(stripParens(shown));
        if ([...text].length < (hasHan(text) ? 1 : 2)) return;
        const py = pinyinOf(text);
        doc.terms.push({ doc: i, field, text, len: [...text].length, shown, pinyin: py.full, initials: py.initials, syllables: py.syllables });
        fieldTexts.push({ doc: i, field, text });
        const full = normalizeText(shown);
        if (full !== text) fieldTexts.push({ doc: i, field, text: full });
      };
      addTerm('name', d.name);
      for (const a of d.aliases) addTerm('alias', a);
      for (const e of d.everyday) addTerm(EVERYDAY_FIELD[e.kind], e.word);
      if (d.usedFor) fieldTexts.push({ doc: i, field: 'usedFor', text: normalizeText(d.usedFor) });
      for (const r of d.route) fieldTexts.push({ doc: i, field: 'route', text: normalizeText(r) });
    });

    // BM25F: per document and token, the weighted, length-normalised term frequency summed over its fields
    const perField = new Map<Field, { doc: number; tokens: Map<string, number>; len: number }[]>();
    const tokenTexts = new Map<string, Set<string>>();
    for (const { doc, field, text } of fieldTexts) {
      const texts = new Map<string, string>();
      const tokens = tokenize(text, new Map(), texts);
      if (field !== 'route') for (const t of tokens.keys()) this.ownWords.set(t, (this.ownWords.get(t) ?? new Set()).add(doc));
      if (NAMING_FIELDS.has(field)) for (const t of tokens.keys()) this.nameWords.set(t, (this.nameWords.get(t) ?? new Set()).add(doc));
      for (const [t, src] of texts) if (t.startsWith('s:')) tokenTexts.set(t, (tokenTexts.get(t) ?? new Set()).add(src));
      const list = perField.get(field) ?? [];
      const same = list.find((x) => x.doc === doc);
      if (same) {
        for (const [t, n] of tokens) same.tokens.set(t, (same.tokens.get(t) ?? 0) + n);
        same.len += [...text].length;
      } else list.push({ doc, tokens, len: [...text].length });
      perField.set(field, list);
    }
    const tf = new Map<string, Map<number, number>>();
    for (const [field, list] of perField) {
      const avg = list.reduce((s, x) => s + x.len, 0) / Math.max(1, list.length);
      for (const x of list) {
        const norm = 1 - FIELD_B[field] + (FIELD_B[field] * x.len) / Math.max(1, avg);
        for (const [t, n] of x.tokens) {
          const m = tf.get(t) ?? new Map<number, number>();
          // a list of words (aliases, everyday words) says a token once however many entries repeat it: five
          // everyday words with 户口 do not make an item five times more about 户口
          const count = LIST_FIELDS.has(field) ? 1 : n;
          m.set(x.doc, (m.get(x.doc) ?? 0) + (FIELD_WEIGHT[field] * count) / norm);
          tf.set(t, m);
        }
      }
    }
    for (const [t, srcs] of tokenTexts) this.soundInformativeness.set(t, Math.max(...[...srcs].map((x) => informativeness(x))));
    const n = this.docs.length;
    for (const [t, m] of tf) {
      this.postings.set(t, [...m.entries()].map(([doc, f]) => ({ doc, tf: f })));
      this.postingDocs.set(t, new Set(m.keys()));
      this.idf.set(t, Math.log(1 + (n - m.size + 0.5) / (m.size + 0.5)));
    }
  }

  // ranked hits for a normalised query, best per item, only items visible to `owners` (services always).
  // Residents ask the same few things over and over: answers are memoised for the life of this index.
  search(q: string, owners: Set<string>, limit: number): Hit[] {
    if (q.length === 0) return [];
    const key = `${[...owners].join(',')}|${limit}|${q}`;
    const memo = this.memo.get(key);
    if (memo) return memo;
    // a question that asks for a paper says what it wants: weaker evidence of which paper is enough
    const threshold = ASKS_PAPER.test(q) ? PAPER_THRESHOLD : MATCH_THRESHOLD;
    const hits = this.rank(q, owners).filter((h) => h.score >= threshold);
    const best = hits[0]?.score ?? 0;
    const out = hits.filter((h) => h.score >= best * TAIL_SHARE).slice(0, limit);
    if (this.memo.size >= MEMO_MAX) this.memo.delete(this.memo.keys().next().value!);
    this.memo.set(key, out);
    return out;
  }

  private visible(d: Doc, owners: Set<string>): boolean {
    return d.owner === SERVICE_OWNER || owners.has(d.owner);
  }

  // every scored document, best first, before the threshold (the evaluation looks at these too)
  rank(q: string, owners: Set<string>): Hit[] {
    // pinyin typed together with characters (jibing证明, hunyin状况证明, piaoju遗失): read as pinyin throughout first;
    // the characters' own ranking when that names nothing (wifi密码 is not pinyin)
    const typedAsPinyin = /^[a-z0-9]+$/.test(q) ? q : pinyinWithCharacters(q);
    const asPinyin = typedAsPinyin === null ? [] : this.rankAscii(typedAsPinyin, owners);
    const hits = typedAsPinyin === q || asPinyin.length > 0 ? asPinyin : this.rankHan(q, owners);
    // equal scores (jzzm = 健在证明 / 居住证明): the commonly asked item first
    return hits.sort((a, b) => b.score - a.score || Number(this.popular.has(b.code)) - Number(this.popular.has(a.code)) || a.code.localeCompare(b.code));
  }

  private scores(q: string): {
    scores: Map<number, number>;
    parts: Map<number, Map<string, number>>;
    coverage: (doc: number) => number;
    ownHit: Set<number>;
    namedHit: Set<number>;
    share: (doc: number, of: number) => number;
    leads: (doc: number, share?: number) => boolean;
  } {
    const chars = [...q];
    // the query as words: a character counts alone only where it is a word of its own (狗, 穷), otherwise through the
    // pairs and words it is part of (市 in 菜市场 is not a match for 市场主体)
    const words = segmenter().cut(q, false);
    const weightAt: number[] = [];
    const single = new Set<number>();
    const wordOf: { start: number; len: number }[] = [];
    for (const w of words) {
      const n = [...w].length;
      for (let k = 0; k < n; k++) wordOf.push({ start: weightAt.length, len: n });
      const weight = FILLER.has(w) || (n === 1 && FILLER_CHARS.has(w)) ? 0 : generalWeight(w);
      if (n === 1) single.add(weightAt.length);
      for (let k = 0; k < n; k++) weightAt.push(weight);
    }
    const qTokens = new Map<string, { text: string; at: number[] }>();
    // a question that asks for a paper or a service (开证明, 办, 申请, 领 …): a lone character in it may stand for a word
    const asks = REQUEST.test(q);
    const add = (t: string, text: string, at: number[]) => qTokens.has(t) || qTokens.set(t, { text, at });
    for (const w of segmenter().cutForSearch(q, false)) if ([...w].length >= 2 && hasHan(w)) add(`w:${w}`, w, []);
    // a character that is a word of its own (狗, 穷) matches where the catalog has it as a word of its own too
    chars.forEach((c, i) => single.has(i) && hasHan(c) && !FILLER_CHARS.has(c) && add(`w:${c}`, c, [i]));
    chars.forEach((c, i) => {
      if (single.has(i) && hasHan(c)) add(`c:${c}`, c, [i]);
      if (asks && single.has(i) && hasHan(c) && !FILLER_CHARS.has(c)) add(`h:${c}`, c, [i]);
      if (i + 1 < chars.length) {
        const pair = c + chars[i + 1];
        add(`b:${pair}`, pair, [i, i + 1]);
        // heard as another pair (见在 → 健在) only where the two characters are words of their own or one word: 打 + 太
        // of 太极拳 is not 打胎
        const own = (k: number) => wordOf[k]?.len === 1;
        const oneWord = wordOf[i]?.start === i && wordOf[i]?.len === 2;
        if (hasHan(c) && hasHan(chars[i + 1]) && ((own(i) && own(i + 1)) || oneWord)) add(`s:${soundOfChar(c)}|${soundOfChar(chars[i + 1])}`, pair, [i, i + 1]);
      }
    });
    // an age counts as its decade (85岁 → 80岁 / 八十岁, 八十多 → 八十岁): what depends on age goes by bands
    for (const { decade, at } of decadesIn(q)) for (const t of [`${decade}0岁`, `${CN_DIGIT[decade]}十岁`]) add(`w:${t}`, t, at);
    // a certificate named by a word the catalog has neither whole nor in pairs (残废证明): its characters count on their
    // own. Only for a name (…证明), not a sentence: in a sentence such characters match anything (电费 → 缴费)
    let at = 0;
    const named = q.endsWith('证明') && chars.length <= NAMED_MAX;
    for (const w of named ? words : []) {
      const cs = [...w];
      if (cs.length >= 2 && !FILLER.has(w) && !this.postings.has(`w:${w}`) && cs.every((c, k) => k === 0 || !this.postings.has(`b:${cs[k - 1]}${c}`))) {
        cs.forEach((c, k) => hasHan(c) && !FILLER_CHARS.has(c) && add(`c:${c}`, c, [at + k]));
      }
      at += cs.length;
    }
    const scores = new Map<number, number>();
    const ownHit = new Set<number>(); // documents matched in their own words, not only in their alternative route's text
    const namedHit = new Set<number>(); // documents matched on a word (not a lone character) of what names them, not only on their subject
    const parts = new Map<number, Map<string, number>>();
    const explained = new Map<number, Set<number>>();
    for (const [t, { text, at }] of qTokens) {
      const postings = this.postings.get(t);
      if (!postings || FILLER.has(text) || [...text].every((c) => FILLER_CHARS.has(c))) continue;
      // (见在 sounds like 健在): as informative as the catalog's pairs it sounds like
      // a character that is a word of its own in the question (狗, 病, 穷) counts nearly as a word
      const w = this.idf.get(t)! * (t.startsWith('c:') ? SINGLE_WORD_WEIGHT : TYPE_WEIGHT[t[0] as TokenType]) * (t.startsWith('s:') ? this.soundInformativeness.get(t)! : generalWeight(text));
      // a pair heard as itself already counted as written: its sound counts only for a homophone (见在 → 健在)
      const literal = t.startsWith('s:') ? this.postingDocs.get(`b:${text}`) : undefined;
      for (const p of postings) {
        if (literal?.has(p.doc)) continue;
        const s = (w * p.tf * (K1 + 1)) / (p.tf + K1);
        scores.set(p.doc, (scores.get(p.doc) ?? 0) + s);
        const m = parts.get(p.doc) ?? new Map<string, number>();
        m.set(t, s);
        parts.set(p.doc, m);
        if (this.ownWords.get(t)?.has(p.doc)) ownHit.add(p.doc);
        if (!t.startsWith('c:') && !t.startsWith('h:') && this.nameWords.get(t)?.has(p.doc)) namedHit.add(p.doc);
        const e = explained.get(p.doc) ?? new Set<number>();
        for (const i of at) e.add(i);
        explained.set(p.doc, e);
      }
    }
    // how much of what the query is about a document explains: its informative characters, each found alone (where
    // it is a word), in a pair, or as heard
    const total = weightAt.reduce((a, b) => a + b, 0);
    const coverage = (doc: number) => {
      if (total === 0) return 1;
      let got = 0;
      for (const i of explained.get(doc) ?? []) got += weightAt[i] ?? 0;
      return got / total;
    };
    // how much of what one document explains another explains too (by the same informative characters)
    const share = (doc: number, of: number) => {
      const mine = explained.get(doc) ?? new Set<number>();
      const theirs = explained.get(of) ?? new Set<number>();
      let all = 0;
      let both = 0;
      for (const i of mine) {
        all += weightAt[i] ?? 0;
        if (theirs.has(i)) both += weightAt[i] ?? 0;
      }
      return all === 0 ? 1 : both / all;
    };
    // whether a document explains the question's most informative word (within LEAD_SHARE of it): what the question
    // is about, not something beside it
    const leads = (doc: number, share = LEAD_SHARE) => {
      const e = explained.get(doc) ?? new Set<number>();
      let inside = 0;
      let outside = 0;
      weightAt.forEach((w, i) => {
        if (e.has(i)) inside = Math.max(inside, w);
        else outside = Math.max(outside, w);
      });
      return inside >= outside * share;
    };
    return { scores, parts, coverage, ownHit, namedHit, share, leads };
  }

  private rankHan(q: string, owners: Set<string>): Hit[] {
    const { scores, parts, coverage, ownHit, namedHit, share, leads } = this.scores(q);
    const asksCertificate = q.includes('证明');
    // a question about an amount, a price or a date (交多少钱, 什么时候涨, 免费吗) that asks for no paper is not about a
    // certificate that shares its subject (养老保险 is not 健在证明): certificates are no answer to it, services may be
    const asksPaper = ASKS_PAPER.test(q);
    const aboutAmount = ASKS_AMOUNT.test(q) && !asksPaper;
    const asksHow = ASKS_HOW.test(q);
    const out: Hit[] = [];
    const standsFor: Hit[] = [];
    const docOf = new Map<Hit, number>();
    const elsewhere: { doc: number; score: number }[] = []; // other places' items with nothing here to stand in for them
    for (const [i, score] of scores) {
      const d = this.docs[i];
      // another place's item the district has not adopted answers for the item residents here are sent to instead
      const target = this.visible(d, owners) ? null : this.standsForOf(d, owners);
      const hidden = !target && !this.visible(d, owners);
      // the alternative route's text supports a match but never makes one (视频 in 上门/视频核实 is not 健在证明)
      if ((hidden && d.owner !== NOT_ADOPTED_OWNER) || !ownHit.has(i)) continue;
      if (aboutAmount && d.owner !== SERVICE_OWNER) continue;
      // matched only on lone characters (狗 of 狗咬人, 交 of 燃气费在哪里交) in a question that asks for no paper: the
      // question is about something else that involves the thing; weak evidence (a paper asked for, or the whole
      // question being the item's word, is not)
      const exact = d.terms.find((t) => t.text === q);
      // … or a question how or where to do something (车子年检在哪做, 猫丢了怎么找) that asks for no paper and meets a
      // certificate only on its subject words, never on what names it: it is about the thing, not about the paper;
      // … or a question that asks for no paper whose most informative word the document does not explain
      // (手机银行怎么转账, 房子租出去要交税吗, 征兵报名时间): it is about that, not about what it shares with the document
      const weak = !asksPaper && !exact && (onlyLoneCharacters(parts.get(i)!) || (asksHow && d.owner !== SERVICE_OWNER && !namedHit.has(i)) || !leads(i, d.owner === SERVICE_OWNER ? SERVICE_LEAD_SHARE : LEAD_SHARE));
      const cov = coverage(i) * (weak ? WEAK_EVIDENCE : 1);
      // a document that explains little of the question is about something else (老年大学 is not 老年人补贴)
      if (cov < MIN_COVERAGE) continue;
      let s = score * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * cov);
      // the whole query is the item's name, alias or everyday name: that item
      if (exact) s *= exact.field === 'name' || exact.field === 'alias' ? 1.6 : 1.4;
      // the query names one of its terms whole (a sentence naming the thing): more than words that merely appear
      else if (d.terms.some((t) => t.len >= 2 && t.field !== 'use' && q.includes(t.text))) s *= PHRASE_BONUS;
      // a question for a certificate is answered with certificates before services (except one about certificates)
      if (asksCertificate && d.owner === SERVICE_OWNER && !this.aboutCertificates.has(i)) s *= SERVICE_FOR_CERTIFICATE;
      if (hidden) elsewhere.push({ doc: i, score: s });
      else {
        // (a hidden item's own names are never shown: the explanation is the question's own words)
        const hit = target ? { code: target.code, score: s * STANDS_FOR_SHARE, ...this.explainByWords(target, q, parts.get(i)!) } : { code: d.code, score: s, ...this.explain(d, q, parts.get(i)!) };
        docOf.set(hit, i);
        (target ? standsFor : out).push(hit);
      }
    }
    for (const h of standsFor) {
      const own = out.findIndex((x) => x.code === h.code);
      if (own < 0) out.push(h);
      else if (out[own].score < h.score) out[own] = h;
    }
    // a question best explained by another place's item residents here cannot get (入党政审, 租房居住证明, 引产) is about
    // that, not about an item here that merely shares its words: nothing here answers it (honest no-match). An item
    // matched on words of the question the other one does not explain still answers them.
    return out.filter((h) => !elsewhere.some((e) => e.score > h.score * ELSEWHERE_MARGIN && (e.score > h.score * ELSEWHERE_CLEAR || share(docOf.get(h)!, e.doc) >= ELSEWHERE_SHARE)));
  }

  // pinyin and initials have no words to compare: a result must outscore every not-adopted item with no stand-in
  private notAboutElsewhere(hits: Hit[], elsewhere: number): Hit[] {
    return elsewhere > 0 ? hits.filter((h) => h.score >= elsewhere * ELSEWHERE_MARGIN) : hits;
  }

  // the visible item a not-adopted one stands for, if any
  private standsForOf(d: Doc, owners: Set<string>): Doc | null {
    if (d.owner !== NOT_ADOPTED_OWNER) return null;
    const code = this.vocabulary.standsFor?.[d.code];
    const at = code === undefined ? undefined : this.byCode.get(code);
    if (at === undefined || !this.visible(this.docs[at], owners)) return null;
    return this.docs[at];
  }

  // why this document matched, in the words it matched with
  private explain(d: Doc, q: string, parts: Map<string, number>): { matchedBy: MatchKind; matchedText: string } {
    const exact = d.terms.find((t) => t.text === q && (t.field === 'name' || t.field === 'alias')) ?? null;
    if (exact) return { matchedBy: KIND_OF[exact.field], matchedText: exact.shown };
    // a fragment of its name or alias (健在)
    const fragment = [...q].length >= 2 ? d.terms.find((t) => (t.field === 'name' || t.field === 'alias') && t.text.includes(q)) : undefined;
    if (fragment) return { matchedBy: 'partial', matchedText: fragment.shown };
    const everyday = d.terms.find((t) => t.text === q);
    if (everyday) return { matchedBy: KIND_OF[everyday.field], matchedText: everyday.shown };
    // the longest of its terms said whole in the query (a sentence that names it)
    const inside = d.terms.filter((t) => t.len >= 2 && q.includes(t.text)).sort((a, b) => b.text.length - a.text.length || FIELD_WEIGHT[b.field] - FIELD_WEIGHT[a.field])[0];
    if (inside) return { matchedBy: KIND_OF[inside.field], matchedText: inside.shown };
    const ranked = [...parts.entries()].sort((a, b) => b[1] - a[1]);
    // mostly by sound: a homophone typed by a pinyin keyboard (见在证明)
    const sound = ranked.filter(([t]) => t.startsWith('s:')).reduce((s, [, v]) => s + v, 0);
    const rest = ranked.filter(([t]) => !t.startsWith('s:')).reduce((s, [, v]) => s + v, 0);
    if (sound > rest) {
      const name = d.terms.find((t) => t.field === 'name')!;
      return { matchedBy: 'pinyin', matchedText: name.shown };
    }
    return this.explainByWords(d, q, parts);
  }

  // a sentence: its most distinctive words (the question's own words)
  private explainByWords(d: Doc, q: string, parts: Map<string, number>): { matchedBy: MatchKind; matchedText: string } {
    // (words the question says itself: not the decade 80岁 an age of 85 was counted as)
    const words = [...parts.entries()].sort((a, b) => b[1] - a[1]).filter(([t]) => (t.startsWith('w:') || t.startsWith('b:')) && q.includes(t.slice(2))).map(([t]) => t.slice(2));
    const shown = words.filter((w, i) => !words.slice(0, i).some((x) => x.includes(w))).slice(0, 2);
    return { matchedBy: 'sentence', matchedText: shown.join('、') || d.terms[0].shown };
  }

  // pinyin and initials: another place's item they name better than any item here (dszm = 独生证明) means no match here
  private rankAscii(q: string, owners: Set<string>): Hit[] {
    const all = this.rankAsciiAll(q, owners);
    const elsewhere = Math.max(0, ...all.filter((h) => !this.visible(this.docs[this.byCode.get(h.code)!], owners)).map((h) => h.score));
    return this.notAboutElsewhere(all.filter((h) => this.visible(this.docs[this.byCode.get(h.code)!], owners)), elsewhere);
  }

  // visible documents and not-adopted items alike
  private rankAsciiAll(q: string, owners: Set<string>): Hit[] {
    const hits = this.rankAsciiWhole(q, owners);
    if (hits.length > 0) return hits;
    // nearly every name ends in 证明: typed as its first words and 证明 (jibingzhengming for 疾病状况证明), the words
    // before 证明 begin the name
    const head = q.endsWith('zhengming') ? q.slice(0, -'zhengming'.length) : q.endsWith('zm') ? q.slice(0, -2) : '';
    const initialsOnly = !q.endsWith('zhengming');
    if ((initialsOnly ? head.length < 2 : head.length < 4) || /[0-9]/.test(head)) return [];
    const best = new Map<string, Hit>();
    for (const d of this.docs) {
      if (!this.visible(d, owners) && d.owner !== NOT_ADOPTED_OWNER) continue;
      for (const t of d.terms) {
        if (!t.pinyin || (t.field !== 'name' && t.field !== 'alias' && t.field !== 'everydayName')) continue;
        if (!t.pinyin.endsWith('zhengming')) continue;
        // the head as initials (jbzm), in full (jibingzhengming), or mixed syllable by syllable (jibingzm, jianzaizm)
        const exact = initialsOnly ? t.initials.startsWith(head) : t.pinyin.startsWith(head);
        if (!exact && !(head.length >= 4 && mixedPinyinPrefix(head, t.syllables.slice(0, -2)))) continue;
        const hit: Hit = { code: d.code, score: (exact ? (initialsOnly ? 30 : 35) : 32) + (t.field === 'name' ? 2 : t.field === 'alias' ? 1 : 0.5), matchedBy: initialsOnly && exact ? 'initials' : 'pinyin', matchedText: t.shown };
        const prev = best.get(d.code);
        if (!prev || hit.score > prev.score) best.set(d.code, hit);
      }
    }
    return [...best.values()];
  }

  private rankAsciiWhole(q: string, owners: Set<string>): Hit[] {
    const best = new Map<string, Hit>();
    const fieldBonus: Partial<Record<Field, number>> = { name: 2, alias: 1, everydayName: 0.5 };
    for (const d of this.docs) {
      if (!this.visible(d, owners) && d.owner !== NOT_ADOPTED_OWNER) continue;
      for (const t of d.terms) {
        if (!t.pinyin || t.field === 'use') continue;
        const bonus = fieldBonus[t.field] ?? 0;
        const at = (score: number, matchedBy: MatchKind): Hit => ({ code: d.code, score: score + bonus, matchedBy, matchedText: t.shown });
        let hit: Hit | null = null;
        if (t.pinyin === q) hit = at(70, 'pinyin');
        else if (t.initials === q) hit = at(65, 'initials');
        else if (q.length >= 3 && t.pinyin.startsWith(q)) hit = at(60, 'pinyin');
        else if (q.length >= 2 && t.initials.startsWith(q)) hit = at(55, 'initials');
        else if (q.length >= 4 && t.pinyin.includes(q)) hit = at(40, 'pinyin');
        else if (q.length >= 4 && t.initials.includes(q)) hit = at(35, 'initials');
        if (!hit) continue;
        const prev = best.get(d.code);
        if (!prev || hit.score > prev.score) best.set(d.code, hit);
      }
    }
    return [...best.values()];
  }

  // no match: items whose score comes near the threshold (plausibly close), never unrelated ones; an empty query
  // gets the commonly asked items
  closest(q: string, owners: Set<string>, limit: number): string[] {
    if (q.length === 0) return this.vocabulary.popular.filter((c) => this.byCode.has(c) && this.visible(this.docs[this.byCode.get(c)!], owners)).slice(0, limit);
    return this.rank(q, owners)
      .filter((h) => h.score >= CLOSE_THRESHOLD && !h.code.startsWith('service:'))
      .slice(0, limit)
      .map((h) => h.code);
  }
}
