// the staff form of the words that lead a search to a service: one word a line, as in the item editor's everyday words.
// "叫法：" marks what residents call the service; a plain word is what they ask about. "（来源：…）" at the end of a
// line says where the word is read; a word kept without one keeps its source.
import { SERVICE_WORDS_MAX, updateServiceWordsInput, type ServiceWord } from '@jianban/shared';

export const SERVICE_WORDS_HINT = '一行一个词。例如“叫法：老人补贴”“八十岁”；要写出处就在后面加“（来源：民政局通知）”。';

export function serviceWordsToText(words: readonly ServiceWord[]): string {
  return words.map((w) => `${w.kind === 'name' ? '叫法：' : ''}${w.word}${w.source ? `（来源：${w.source}）` : ''}`).join('\n');
}

export function serviceWordsFromText(text: string, before: readonly ServiceWord[]): ServiceWord[] {
  const out: ServiceWord[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line) continue;
    let source: string | null | undefined;
    const src = /^(.*?)\s*[（(]\s*来源\s*[:：]\s*(.*?)\s*[）)]$/.exec(line);
    if (src) {
      line = src[1].trim();
      source = src[2] || null;
    }
    const named = /^叫法\s*[:：]\s*(.+)$/.exec(line);
    const word = (named ? named[1] : line).trim();
    if (!word || out.some((w) => w.word === word)) continue;
    out.push({ word, kind: named ? 'name' : 'subject', source: source !== undefined ? source : (before.find((w) => w.word === word)?.source ?? null) });
  }
  return out;
}

/** what is wrong with the form, in words staff understand; empty when it can be saved */
export function serviceWordsProblems(words: readonly ServiceWord[], changeNote: string): { words?: string; changeNote?: string } {
  const p: { words?: string; changeNote?: string } = {};
  if (words.length === 0) p.words = '至少写一个词';
  else if (words.length > SERVICE_WORDS_MAX) p.words = `最多 ${SERVICE_WORDS_MAX} 个词，现在有 ${words.length} 个`;
  else if (words.some((w) => [...w.word].length > 20)) p.words = '每个词最多 20 个字';
  else if (words.some((w) => (w.source ?? '').length > 100)) p.words = '来源最多 100 个字';
  if (!changeNote.trim()) p.changeNote = '请写明为什么修改';
  if (!p.words && !p.changeNote && !updateServiceWordsInput.safeParse({ baseVersion: 1, words, changeNote: changeNote.trim() }).success) p.words = '有的词含有不能用的字符';
  return p;
}
