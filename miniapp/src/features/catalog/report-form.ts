// 反映情况: someone asked a resident for a certificate the community no longer issues
import { addDays, createDemandReportInput, routeRefs, shanghaiDate, type RouteInput } from '@jianban/shared';

type CreateDemandReportInput = RouteInput<typeof routeRefs.createDemandReport>;

export type WhenChoice = 'today' | 'yesterday' | 'before_yesterday' | 'earlier';
export const WHEN_OPTIONS: readonly { value: WhenChoice; label: string }[] = [
  { value: 'today', label: '今天' },
  { value: 'yesterday', label: '昨天' },
  { value: 'before_yesterday', label: '前天' },
  { value: 'earlier', label: '更早（自己填日子）' },
];

export const PLACE_MAX = 100;
export const NOTE_MAX = 500;

export interface ReportForm {
  itemCode: string;
  place: string;
  when: WhenChoice | '';
  /** only for 更早: as typed (2026-11-20, 2026年11月20日, 11月20日 …) */
  day: string;
  note: string;
}

export type ReportField = 'itemCode' | 'place' | 'when' | 'day' | 'note';

function validDay(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 9999)) return null;
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s ? s : null;
}

/**
 * A day typed the way people write it → YYYY-MM-DD, or null.
 * Without a year: this year, or last year if that day has not come yet.
 */
export function parseDay(raw: string, today: string): string | null {
  const text = raw.replace(/\s+/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (full) return validDay(Number(full[1]), Number(full[2]), Number(full[3]));
  const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!short) return null;
  const year = Number(today.slice(0, 4));
  const guess = validDay(year, Number(short[1]), Number(short[2]));
  if (guess && guess <= today) return guess;
  return validDay(year - 1, Number(short[1]), Number(short[2]));
}

export function dayOf(form: Pick<ReportForm, 'when' | 'day'>, today: string): string | null {
  switch (form.when) {
    case 'today':
      return today;
    case 'yesterday':
      return addDays(today, -1);
    case 'before_yesterday':
      return addDays(today, -2);
    case 'earlier':
      return parseDay(form.day, today);
    default:
      return null;
  }
}

export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}

export type ReportCheck =
  | { ok: true; input: CreateDemandReportInput }
  | { ok: false; errors: Partial<Record<ReportField, string>> };

/** the form → the request, or plain messages next to the fields */
export function checkReport(form: ReportForm, today: string): ReportCheck {
  const errors: Partial<Record<ReportField, string>> = {};
  if (!form.itemCode) errors.itemCode = '请选择是哪张证明';
  const place = form.place.trim();
  if (!place) errors.place = '请写一下是在哪里被要求的，比如“某某银行”';
  else if (place.length > PLACE_MAX) errors.place = `地点最多${PLACE_MAX}个字`;
  if (!form.when) errors.when = '请选择是哪一天';
  const day = dayOf(form, today);
  if (form.when === 'earlier' && !day) errors.day = '没看懂这个日子，请写成“11月20日”或“2026-11-20”';
  else if (day && day > today) errors.day = '这一天还没到，请检查日子';
  const note = form.note.trim();
  if (note.length > NOTE_MAX) errors.note = `补充说明最多${NOTE_MAX}个字`;
  if (Object.keys(errors).length || !day) return { ok: false, errors };

  const input: CreateDemandReportInput = { itemCode: form.itemCode, place, happenedOn: day, ...(note ? { note } : {}) };
  const parsed = createDemandReportInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0] ?? '') as ReportField;
      const field: ReportField = f === 'itemCode' || f === 'place' || f === 'note' ? f : 'day';
      if (!errors[field]) errors[field] = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '填写的内容有误';
    }
    return { ok: false, errors };
  }
  return { ok: true, input };
}
