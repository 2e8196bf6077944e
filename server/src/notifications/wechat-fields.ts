// WeChat subscribe-message field types and their limits, and the formatting that makes our own data fit them.
// A value that does not fit is rejected by WeChat with 47003 and the message is lost, so every value goes through
// formatField, which shortens sensibly and answers null only when nothing sensible can be sent (the dispatcher then
// marks the event "invalid" without calling WeChat).

import { shanghaiPartsOf } from '@jianban/shared';

export const FIELD_TYPES = ['thing', 'phrase', 'character_string', 'name', 'amount', 'number', 'date', 'time'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

// what a template slot carries before it is formatted for the field type the template gives it
export type SlotValue = string | { instant: string } | { yuan: number };

const HAN = /\p{Script=Han}/u;
const chars = (s: string) => [...s];
const count = (s: string) => chars(s).length;

// limits as WeChat documents them (and the local peer enforces them)
export function isValidField(type: FieldType, v: string): boolean {
  if (v.trim() === '') return false;
  switch (type) {
    case 'thing':
      return count(v) <= 20;
    case 'phrase':
      return /^\p{Script=Han}{1,5}$/u.test(v);
    case 'character_string':
      return count(v) <= 32 && /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/.test(v);
    case 'name':
      if (/^[A-Za-z][A-Za-z .'-]*$/.test(v)) return count(v) <= 20;
      return /^[\p{Script=Han}A-Za-z·•. ]+$/u.test(v) && HAN.test(v) && count(v) <= 10;
    case 'amount':
      return /^[¥￥$]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v);
    case 'number':
      return /^-?\d+(?:\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32;
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日$/.test(v);
    case 'time':
      return /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(v) || /^\d{2}:\d{2}$/.test(v);
  }
}

// control characters and line breaks never belong in a one-line field; runs of spaces become one
function clean(s: string): string {
  return s
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// keep whole characters (never half a surrogate pair); an ellipsis shows the text was cut
function cut(s: string, max: number, ellipsis = '…'): string {
  const c = chars(s);
  if (c.length <= max) return s;
  return c.slice(0, max - ellipsis.length).join('').trimEnd() + ellipsis;
}

export function formatInstant(iso: string, type: 'date' | 'time' | 'text'): string | null {
  const x = shanghaiPartsOf(iso);
  if (!x) return null;
  if (type === 'date') return `${x.year}年${x.month}月${x.day}日`;
  if (type === 'time') return `${x.year}年${x.month}月${x.day}日 ${x.time}`;
  return `${x.month}月${x.day}日 ${x.time}`;
}

function formatYuan(yuan: number): string | null {
  if (!Number.isFinite(yuan) || yuan < 0) return null;
  const fixed = (Math.round(yuan * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  const [int] = fixed.split('.');
  return int.length <= 10 ? fixed : null;
}

function asText(v: SlotValue): string | null {
  if (typeof v === 'string') return v;
  if ('instant' in v) return formatInstant(v.instant, 'text');
  const y = formatYuan(v.yuan);
  return y === null ? null : `${y}元`;
}

// a value that fits `type`, or null when there is nothing sensible to send
export function formatField(type: FieldType, value: SlotValue, fallback?: string): string | null {
  const out = format(type, value);
  if (out !== null && isValidField(type, out)) return out;
  if (fallback !== undefined && isValidField(type, fallback)) return fallback;
  return null;
}

function format(type: FieldType, value: SlotValue): string | null {
  switch (type) {
    case 'time':
    case 'date':
      return typeof value === 'object' && 'instant' in value ? formatInstant(value.instant, type) : null;
    case 'amount': {
      if (typeof value === 'object' && 'yuan' in value) {
        const y = formatYuan(value.yuan);
        return y === null ? null : `${y}元`;
      }
      return null;
    }
    case 'number': {
      if (typeof value === 'object' && 'yuan' in value) return formatYuan(value.yuan);
      const digits = typeof value === 'string' ? value.replace(/[^\d]/g, '').slice(0, 32) : '';
      return digits || null;
    }
  }
  const text = asText(value);
  if (text === null) return null;
  const s = clean(text);
  switch (type) {
    case 'thing':
      return s ? cut(s, 20) : null;
    case 'phrase': {
      // only Chinese characters: a status word such as 已确认
      const han = chars(s).filter((c) => HAN.test(c)).join('');
      return han ? chars(han).slice(0, 5).join('') : null;
    }
    case 'character_string': {
      const ascii = s.replace(/[^\x20-\x7E]/g, '').replace(/ +/g, ' ').trim();
      return ascii ? chars(ascii).slice(0, 32).join('').trimEnd() : null;
    }
    case 'name': {
      const latin = s.replace(/[^A-Za-z .'-]/g, '').trim();
      if (!HAN.test(s)) return latin && /^[A-Za-z]/.test(latin) ? cut(latin, 20, '').trimEnd() || null : null;
      // a Chinese name: Han, Latin letters and the middle dot only; names longer than 10 are cut (no ellipsis allowed)
      const kept = chars(s)
        .filter((c) => /[\p{Script=Han}A-Za-z·• ]/u.test(c))
        .join('')
        .replace(/ +/g, ' ')
        .trim();
      const cutName = chars(kept).slice(0, 10).join('').trim();
      return HAN.test(cutName) ? cutName : null;
    }
  }
  return null;
}

// a template field key names its type: thing1, time2, phrase3, character_string4 …
export function fieldTypeOfKey(key: string): FieldType | null {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && (FIELD_TYPES as readonly string[]).includes(m[1]) ? (m[1] as FieldType) : null;
}
