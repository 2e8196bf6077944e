import { pinyin } from 'pinyin-pro';
import type { MatchKind } from '@jianban/shared';

// the in-memory search over the (small) catalog: built from the DB rows, rebuilt when the catalog version changes

export interface IndexedItem {
  code: string;
  owner: string; // 'district' or a community code
  name: string;
  aliases: string[];
}

export interface SearchVocabulary {
  synonyms: Record<string, string[]>;
  keywords: Record<string, string[]>;
  popular: string[];
}

export interface Hit {
  code: string;
  score: number;
  matchedBy: MatchKind;
  matchedText: string;
}

type TermKind = 'name' | 'alias' | 'synonym' | 'keyword';
interface Term {
  code: string;
  kind: TermKind;
  text: string; // normalised
  shown: string; // as written
  pinyin: string; // full pinyin, no tones, no spaces ('' for terms without Chinese)
  sound: string; // per-character pinyin, for homophones
  initials: string;
  grams: Set<string>; // informative bigrams
}

export const QUERY_WORK_MAX = 64;
const MEMO_MAX = 5000;
// generic characters every certificate name shares: they say nothing about which one is meant
const STOP_GRAMS = new Set(['证明', '明书', '我要', '要开', '开什', '什么', '么证', '请问', '怎么', '怎样', '哪里', '需要', '要的', '开具', '开个', '一个']);

// full-width → half-width (NFKC), lower case, keep letters/digits/CJK only, bounded length
export function normalizeQuery(raw: string): string {
  const kept = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]/gu, '');
  return [...kept].slice(0, QUERY_WORK_MAX).join('');
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

function pinyinOf(text: string): { full: string; initials: string } {
  if (!hasHan(text)) return { full: '', initials: '' };
  const full = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).join('');
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
  return { full: full.toLowerCase(), initials: initials.toLowerCase() };
}

// per-character sound, cached for the process (a few thousand characters at most): pinyin-pro on a whole query
// costs ~0.2 ms, a map lookup nothing. Used only to match homophones, where a character's context matters little.
const CHAR_SOUND = new Map<string, string>();
function soundOf(text: string): string {
  let out = '';
  for (const c of text) {
    let py = CHAR_SOUND.get(c);
    if (py === undefined) {
      py = hasHan(c) ? pinyin(c, { toneType: 'none', v: true }).toLowerCase() : c;
      if (CHAR_SOUND.size < 30_000) CHAR_SOUND.set(c, py);
    }
    out += py;
  }
  return out;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    if (!STOP_GRAMS.has(g)) out.add(g);
  }
  return out;
}

function term(code: string, kind: TermKind, shown: string): Term | null {
  const text = normalizeQuery(shown.replace(/\(.*?\)|（.*?）/g, ''));
  if (text.length < 2) return null;
  const py = pinyinOf(text);
  return { code, kind, text, shown, pinyin: py.full, sound: soundOf(text), initials: py.initials, grams: bigrams(text) };
}

// scores: exact name > alias > synonym > contained name/alias/synonym > pinyin > keyword in a sentence > partial
const EXACT: Record<TermKind, number> = { name: 100, alias: 95, synonym: 90, keyword: 60 };
const CONTAINED: Record<TermKind, number> = { name: 85, alias: 80, synonym: 78, keyword: 55 };
const KIND_OF: Record<TermKind, MatchKind> = { name: 'name', alias: 'alias', synonym: 'synonym', keyword: 'keyword' };

export class SearchIndex {
  private readonly terms: Term[] = [];
  private readonly items = new Map<string, IndexedItem>();
  private readonly popular: Set<string>;
  private readonly memo = new Map<string, Hit[]>();

  constructor(
    items: IndexedItem[],
    private readonly vocabulary: SearchVocabulary,
    readonly version: number,
  ) {
    this.popular = new Set(vocabulary.popular);
    for (const it of items) {
      this.items.set(it.code, it);
      this.add(term(it.code, 'name', it.name));
      for (const a of it.aliases) this.add(term(it.code, 'alias', a));
      for (const s of vocabulary.synonyms[it.code] ?? []) this.add(term(it.code, 'synonym', s));
      for (const k of vocabulary.keywords[it.code] ?? []) this.add(term(it.code, 'keyword', k));
    }
  }

  private add(t: Term | null) {
    if (t) this.terms.push(t);
  }

  // ranked hits for a normalised query, best per item, only items visible to `owners`. Residents ask the same
  // few things over and over: answers are memoised for the life of this index (it is replaced on every edit).
  search(q: string, owners: Set<string>, limit: number): Hit[] {
    if (q.length === 0) return [];
    const key = `${[...owners].join(',')}|${limit}|${q}`;
    const memo = this.memo.get(key);
    if (memo) return memo;
    const hits = this.compute(q, owners, limit);
    if (this.memo.size >= MEMO_MAX) this.memo.delete(this.memo.keys().next().value!);
    this.memo.set(key, hits);
    return hits;
  }

  private compute(q: string, owners: Set<string>, limit: number): Hit[] {
    const ascii = /^[a-z0-9]+$/.test(q);
    // a homophone of a whole sentence means nothing: only short queries are compared by sound
    const qSound = ascii || q.length > 12 ? '' : soundOf(q);
    const qGrams = bigrams(q);
    const best = new Map<string, Hit>();
    for (const t of this.terms) {
      if (!owners.has(this.items.get(t.code)!.owner)) continue;
      const hit = ascii ? this.matchAscii(t, q) : this.matchHan(t, q, qSound, qGrams);
      if (!hit) continue;
      const prev = best.get(t.code);
      if (!prev || hit.score > prev.score) best.set(t.code, hit);
    }
    // equal scores (jzzm = 健在证明 / 居住证明): the commonly asked item first
    for (const h of best.values()) if (this.popular.has(h.code)) h.score += 0.5;
    return [...best.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)).slice(0, limit);
  }

  private matchHan(t: Term, q: string, qSound: string, qGrams: Set<string>): Hit | null {
    const at = (score: number, matchedBy: MatchKind): Hit => ({ code: t.code, score, matchedBy, matchedText: t.shown });
    if (t.text === q) return at(EXACT[t.kind], KIND_OF[t.kind]);
    if (q.includes(t.text)) return at(CONTAINED[t.kind] + Math.min(t.text.length, 10) / 10, KIND_OF[t.kind]);
    // same sound, other characters (见在证明, 健再证明)
    if (t.kind !== 'keyword' && qSound.length >= 4 && t.sound === qSound) return at(70, 'pinyin');
    if (t.kind === 'keyword') return null;
    if (q.length >= 2 && t.text.includes(q)) return at(45 + (q.length / t.text.length) * 10, 'partial');
    let shared = 0;
    for (const g of qGrams) if (t.grams.has(g)) shared++;
    if (shared === 0) return null;
    return at(20 + (20 * shared) / Math.max(1, t.grams.size), 'partial');
  }

  private matchAscii(t: Term, q: string): Hit | null {
    if (!t.pinyin || t.kind === 'keyword') return null;
    const at = (score: number, matchedBy: MatchKind): Hit => ({ code: t.code, score, matchedBy, matchedText: t.shown });
    const bonus = t.kind === 'name' ? 2 : t.kind === 'alias' ? 1 : 0;
    if (t.pinyin === q) return at(70 + bonus, 'pinyin');
    if (t.initials === q) return at(65 + bonus, 'initials');
    if (q.length >= 3 && t.pinyin.startsWith(q)) return at(60 + bonus, 'pinyin');
    if (q.length >= 2 && t.initials.startsWith(q)) return at(55 + bonus, 'initials');
    if (q.length >= 4 && t.pinyin.includes(q)) return at(40 + bonus, 'pinyin');
    return null;
  }

  // no match: items sharing any informative character with the query, else the commonly asked ones
  closest(q: string, owners: Set<string>, limit: number): string[] {
    const chars = new Set([...q].filter((c) => hasHan(c) && !'证明我的要开什么了请问'.includes(c)));
    const scored = new Map<string, number>();
    if (chars.size > 0) {
      for (const t of this.terms) {
        if (!owners.has(this.items.get(t.code)!.owner)) continue;
        const n = [...chars].filter((c) => t.text.includes(c)).length;
        if (n > (scored.get(t.code) ?? 0)) scored.set(t.code, n);
      }
    }
    const ranked = [...scored.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
    const popular = this.vocabulary.popular.filter((c) => this.items.has(c) && owners.has(this.items.get(c)!.owner));
    return [...new Set([...ranked, ...popular])].slice(0, limit);
  }
}
