import { z } from 'zod';

// characters a name or short text must not carry: C0/C1 controls (tab and newlines excepted for multi-line text),
// DEL, zero-width characters, bidi embeddings/overrides/isolates and the BOM — invisible, or reordering what staff see
export const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
export const INVISIBLE_MESSAGE = '不能包含看不见的字符或控制字符';
export const hasNoInvisible = (s: string) => !INVISIBLE_OR_CONTROL.test(s);
// NFKC folds compatibility characters (ligatures, circled and superscript digits, half-width katakana …) into their
// plain forms — but it would also turn Chinese full-width punctuation (，：（）！？ and the ideographic space) into
// ASCII, changing text that residents and staff wrote correctly. So full-width punctuation and the ideographic space
// are kept as typed; full-width letters and digits (ＬＩ, １２) and everything else are NFKC.
const FULL_WIDTH = /[\u3000\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]+/gu;
export const nfkc = (s: string): string => {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(FULL_WIDTH)) {
    out += s.slice(last, m.index).normalize('NFKC') + m[0];
    last = m.index + m[0].length;
  }
  return out + s.slice(last).normalize('NFKC');
};

/** a text field people write (staff or residents): NFKC (full-width punctuation kept), no invisible or control
 *  characters, trimmed; chain .min/.max/.regex after it */
export const cleanText = () => z.string().overwrite(nfkc).refine(hasNoInvisible, INVISIBLE_MESSAGE).trim();
