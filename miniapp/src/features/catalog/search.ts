import { shanghaiPartsOf, type MatchKind } from '@jianban/shared';

// the home page searches while the person types, after a short pause (no request per key press)
export const SEARCH_DEBOUNCE_MS = 350;
// what the home page sends at most; the server accepts more and cuts it itself
export const SEARCH_INPUT_MAX = 100;

/** the query as sent: trimmed, inner runs of spaces made one, cut to the box's maximum */
export function cleanQuery(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, SEARCH_INPUT_MAX);
}

const quote = (s: string) => `“${s}”`;

/**
 * Why a result matched, in plain words — only when it is not obvious from the name itself
 * (a resident who typed 活着证明 should see that it is the same thing as 健在证明). A service result says "这项服务".
 */
export function whyMatched(
  hit: { matchedBy: MatchKind; matchedText: string; kind?: 'item' | 'service'; item?: { name: string }; service?: { title: string } },
  query: string,
): string | null {
  const q = cleanQuery(query);
  const text = hit.matchedText.trim();
  const name = hit.kind === 'service' ? (hit.service?.title ?? '') : (hit.item?.name ?? '');
  const thing = hit.kind === 'service' ? '这项服务' : '这张证明';
  const reasons: Record<MatchKind, string | null> = {
    name: null,
    alias: text && text !== name ? (hit.kind === 'service' ? `您说的${quote(text)}，就是${thing}` : `也叫${quote(text)}`) : null,
    synonym: text ? `您说的${quote(text)}，就是${thing}` : null,
    pinyin: q ? `按拼音${quote(q)}找到` : null,
    initials: q ? `按拼音首字母${quote(q.toUpperCase())}找到` : null,
    partial: text && text !== name ? `和${quote(text)}部分相同` : null,
    keyword: text ? `办${quote(text)}，常会被要求开${thing}` : null,
    everyday: text ? `${quote(text)}的事，找${thing}` : null,
    sentence: text ? `您的话里说到${quote(text)}` : null,
  };
  return reasons[hit.matchedBy] ?? null;
}

/** 2026-11-27 → 2026年11月27日 (anything else is shown as it came) */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** an ISO timestamp → the Shanghai date and time, 2026年11月27日 19:05 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const x = shanghaiPartsOf(iso);
  if (!x) return iso;
  return `${formatDay(x.date)} ${x.time}`;
}

// the research data marks inferred text with "(inferred)"; the item page says it in words instead
const INFERRED_MARK = /\s*[(（]\s*inferred\s*[)）]\s*/gi;

/** text from the catalog as shown to residents (no research markers) */
export function displayText(text: string): string {
  return text.replace(INFERRED_MARK, ' ').replace(/\s+([。.，,；;])/g, '$1').trim();
}

const HAN = /[\u4e00-\u9fff]/;

/** research notes in English ("inferred", "(statutory — remains with committee)") are not for residents */
export function residentSteps(steps: readonly string[]): string[] {
  return steps.map(displayText).filter((s) => HAN.test(s));
}

export const SUMMARY_MAX = 36;

/** the first clause of a route or material, short enough for a list row (the item page has the rest) */
export function shortSummary(text: string | null | undefined, max = SUMMARY_MAX): string {
  if (!text) return '';
  const clean = displayText(text).replace(/[。.；;]+$/, '');
  if (!HAN.test(clean)) return '';
  const first = clean.split(/[。；;]/)[0].trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
