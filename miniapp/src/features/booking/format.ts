// pure display logic of the booking pages (tested without Taro). Dates are Asia/Shanghai civil dates.
import { isoWeekday, shanghaiPartsOf, type DayView, type SlotView } from '@jianban/shared';

export const WEEKDAY_TEXT = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** 'YYYY-MM-DD' → 12月1日 */
export function monthDay(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

/** 12月1日 周二（今天 / 明天） */
export function dayLabel(day: Pick<DayView, 'date' | 'weekday'>, today?: string): string {
  const rel = today ? relativeDay(day.date, today) : '';
  return `${monthDay(day.date)} ${WEEKDAY_TEXT[day.weekday] ?? ''}${rel ? `（${rel}）` : ''}`;
}

/** why a pass could not be checked in: for a booking of another day, which day (so staff can tell the resident) */
export function checkInRefusal(code: string | null, details: unknown, today: string, fallback: string): string {
  const date = (details as { date?: unknown } | null | undefined)?.date;
  if (code !== 'CHECK_IN_NOT_TODAY' || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return fallback;
  const when = `${monthDay(date)} ${WEEKDAY_TEXT[isoWeekday(date)]}${relativeDay(date, today) ? `（${relativeDay(date, today)}）` : ''}`;
  return date < today
    ? `这个预约是${when}的，已经过了那天，不能签到。可以帮居民现场登记，或重新预约。`
    : `这个预约是${when}的，不是今天，不能签到。请居民那天再来，或帮他改到今天的时间。`;
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}
export function relativeDay(date: string, today: string): string {
  const diff = dayNumber(date) - dayNumber(today);
  return diff === 0 ? '今天' : diff === 1 ? '明天' : diff === 2 ? '后天' : '';
}

/** an ISO instant in Shanghai: 12月1日 周二 09:00 */
export function instantText(iso: string): string {
  const x = shanghaiPartsOf(iso);
  if (!x) return '';
  return `${x.month}月${x.day}日 ${WEEKDAY_TEXT[x.weekday]} ${x.time}`;
}

/** 09:00–09:30 (read as 9点到9点半 by screen readers through the a11y label) */
export function slotTime(slot: Pick<SlotView, 'start' | 'end'>): string {
  return `${slot.start}–${slot.end}`;
}
export function slotA11yTime(slot: Pick<SlotView, 'start' | 'end'>): string {
  return `${slot.start}到${slot.end}`;
}

export interface SlotChoice {
  /** the big button's text */
  label: string;
  /** second line: places left, or why it cannot be chosen */
  status: string;
  available: boolean;
}

/** a slot that has already begun (not worth showing: nobody can go back in time) */
export function slotStarted(slot: Pick<SlotView, 'startsAt'>, now: Date): boolean {
  return new Date(slot.startsAt).getTime() <= now.getTime();
}

/** a slot as a button: time, and places left — or plainly why it cannot be booked */
export function slotChoice(slot: SlotView, now?: Date): SlotChoice {
  const label = slotTime(slot);
  if (now && slotStarted(slot, now)) return { label, status: '已经过了', available: false };
  if (slot.remaining <= 0) return { label, status: '已约满', available: false };
  if (!slot.bookable) return { label, status: '时间太近，不能再约', available: false };
  return { label, status: `还剩 ${slot.remaining} 个名额`, available: true };
}

const CLOSED_TEXT: Record<NonNullable<DayView['closedReason']>, string> = {
  weekend: '周末休息',
  holiday: '放假休息',
  closure: '社区临时不开门',
  no_hours: '这天不开门',
  calendar_unknown: '这天的放假安排还没公布，暂不能约',
};

export interface DayChoice {
  label: string;
  status: string;
  available: boolean;
}

/** a day as a button: open days with places left; closed or full days say why */
export function dayChoice(day: DayView, today?: string): DayChoice {
  const label = dayLabel(day, today);
  if (!day.open) {
    const base = day.closedReason ? CLOSED_TEXT[day.closedReason] : '这天不开门';
    const extra = day.closedReason === 'holiday' && day.holidayName ? `（${day.holidayName}）` : day.closedNote ? `：${day.closedNote}` : '';
    return { label, status: `${base}${extra}`, available: false };
  }
  const open = day.slots.filter((s) => slotChoice(s).available);
  if (open.length === 0) return { label, status: day.slots.length ? '已约满' : '这天没有可约的时段', available: false };
  const makeup = day.kind === 'makeup_workday' ? `调休上班${day.holidayName ? `（${day.holidayName}）` : ''}，` : '';
  return { label, status: `${makeup}还剩 ${day.remaining} 个名额`, available: true };
}

/** how long before the start a resident may cancel or reschedule, said plainly */
export function cutoffText(cutoffAt: string, now: Date): string {
  const at = instantText(cutoffAt);
  if (!at) return '';
  return new Date(cutoffAt).getTime() > now.getTime()
    ? `${at} 以前可以取消或改时间`
    : `已过 ${at}，不能再取消或改时间。有变化请打电话告诉社区。`;
}

/** before booking: the rule, when the exact time is not known yet */
export function cutoffRuleText(cutoffMinutes: number | undefined, startsAt?: string, now: Date = new Date()): string {
  if (cutoffMinutes === undefined) return '约好后，在办事前可以取消或改时间，截止时间写在预约凭证上。';
  const deadlineAt = startsAt ? new Date(startsAt).getTime() - Math.max(0, cutoffMinutes) * 60_000 : NaN;
  if (deadlineAt <= now.getTime()) return '这个时间很快就到了，约好后不能在网上取消或改时间。如有变化，请打电话告诉社区。';
  const deadline = Number.isFinite(deadlineAt) ? instantText(new Date(deadlineAt).toISOString()) : '';
  if (cutoffMinutes <= 0) return deadline ? `约好后，到${deadline}以前都可以取消或改时间。` : '约好后，到办事时间以前都可以取消或改时间。';
  const h = cutoffMinutes / 60;
  const span = Number.isInteger(h) ? `${h}个小时` : `${cutoffMinutes}分钟`;
  if (deadline) return `约好后，最晚在${deadline}以前可以取消或改时间（办事时间前${span}）。`;
  return `约好后，最晚在办事时间前${span}可以取消或改时间。`;
}

/** the pass code in groups of four, easier to read out and type: AB12 CD34 EF */
export function groupedCode(code: string): string {
  return code.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** what staff typed → the pass code (spaces and dashes removed, upper case) */
export function normalizePassCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}
