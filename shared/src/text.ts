// characters a name or short text must not carry: C0/C1 controls (tab and newlines excepted for multi-line text),
// DEL, zero-width characters, bidi embeddings/overrides/isolates and the BOM — invisible, or reordering what staff see
export const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
export const INVISIBLE_MESSAGE = '不能包含看不见的字符或控制字符';
export const hasNoInvisible = (s: string) => !INVISIBLE_OR_CONTROL.test(s);
export const nfkc = (s: string) => s.normalize('NFKC');
