import { isoWeekday } from '@jianban/shared';
// 临时闭馆: the add form (a day typed the way people write dates, and a reason) and how a closure day is shown. Pure.
import { ApiError } from '../../services/api-error';
import { messageForCode } from '../errors/messages';
import { WEEKDAY_TEXT } from './format';

export const CLOSURE_REASON_MAX = 100;

const toHalfWidth = (s: string) => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** '2026-5-1', '2026/05/01', '2026.5.1', '2026年5月1日' → '2026-05-01'; null when it is not a real day */
export function normalizeDate(typed: string): string | null {
  const s = toHalfWidth(typed.trim()).replace(/\s+/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}


/** '2026-05-01' → '2026年5月1日 周五' */
export function closureDayText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日 ${WEEKDAY_TEXT[isoWeekday(date)]}`;
}

export interface ClosureForm {
  date: string;
  reason: string;
}
export interface ClosureErrors {
  date?: string;
  reason?: string;
}

/** the form → what the server takes, or a message next to each field */
export function readClosureForm(f: ClosureForm, today: string): { input: { date: string; reason: string } } | { errors: ClosureErrors } {
  const errors: ClosureErrors = {};
  const date = normalizeDate(f.date);
  if (!f.date.trim()) errors.date = '请填写哪一天闭馆，如 2026-05-01';
  else if (!date) errors.date = '日期请写成 2026-05-01 这样，并且是真实的日子';
  else if (date < today) errors.date = '这一天已经过去了，请填今天或以后的日子';
  const reason = f.reason.trim();
  if (!reason) errors.reason = '请写上闭馆原因，居民会看到，如：社区活动，暂停服务';
  else if (reason.length > CLOSURE_REASON_MAX) errors.reason = `原因最多 ${CLOSURE_REASON_MAX} 个字`;
  else if (/[<>\u0000-\u0008\u000b-\u001f]/u.test(reason)) errors.reason = '不能有 < > 这类符号';
  if (errors.date || errors.reason) return { errors };
  return { input: { date: date as string, reason } };
}

/** the server's answer to an add → the field it is about (409 CLOSURE_EXISTS and date issues go next to the date) */
export function serverClosureErrors(err: unknown): ClosureErrors {
  if (!(err instanceof ApiError)) return {};
  if (err.code === 'CLOSURE_EXISTS') return { date: messageForCode(err.code) };
  const out: ClosureErrors = {};
  for (const issue of err.issues) {
    const field = issue.path.replace(/^body\./, '').split('.')[0];
    if (field === 'date') out.date ??= '日期请写成 2026-05-01 这样，并且是真实的日子';
    if (field === 'reason') out.reason ??= /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `原因要 1 到 ${CLOSURE_REASON_MAX} 个字`;
  }
  return out;
}
