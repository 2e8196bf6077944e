// Pure calendar arithmetic (no I/O): Asia/Shanghai civil dates and times ↔ UTC instants, and the slot grid of a day.
// China has had no daylight saving since 1991, so Asia/Shanghai is a fixed UTC+8.
import { isoWeekday, shanghaiInstant } from '@jianban/shared';
import type { StatutoryDay } from './holiday-calendar.port';

// the Shanghai clock is shared with the mini-program (@jianban/shared shanghai.ts)
export { SHANGHAI_OFFSET_MS, shanghaiInstant, shanghaiParts } from '@jianban/shared';

export interface OpeningDay {
  weekday: number; // 1 = Monday … 7 = Sunday
  periods: { start: string; end: string }[];
}

export interface ScheduleRules {
  openingHours: OpeningDay[];
  slotMinutes: number;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';
export type ClosedReason = 'weekend' | 'holiday' | 'closure' | 'no_hours' | 'calendar_unknown';

export interface SlotTime {
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
}

export interface DayPlan {
  date: string;
  weekday: number;
  kind: DayKind;
  holidayName: string | null;
  closedReason: ClosedReason | null;
  slots: SlotTime[];
}

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;


// civil-date helpers live in shared (the mini-program uses the same ones)
export { addDays, isoWeekday, isRealDate } from '@jianban/shared';

export function slotGrid(periods: { start: string; end: string }[], slotMinutes: number): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  for (const p of [...periods].sort((a, b) => minutesOf(a.start) - minutesOf(b.start))) {
    const end = minutesOf(p.end);
    for (let s = minutesOf(p.start); s + slotMinutes <= end; s += slotMinutes) out.push({ start: hhmm(s), end: hhmm(s + slotMinutes) });
  }
  return out;
}

/**
 * The plan of one day:
 * - statutory holiday → closed ('holiday');
 * - 调休 make-up workday → open with that weekday's hours, or Monday's if that weekday has none (a Saturday/Sunday);
 * - otherwise the weekday's configured hours (none → closed: 'weekend' on Sat/Sun, 'no_hours' on other days);
 * - an ad-hoc closure closes any day ('closure');
 * - a year the holiday calendar does not cover → closed ('calendar_unknown'), unless unknownYear = 'weekdays'.
 */
export function planDay(date: string, rules: ScheduleRules, statutory: StatutoryDay | null, closed: boolean, unknownYear: 'closed' | 'weekdays'): DayPlan {
  const weekday = isoWeekday(date);
  const weekend = weekday >= 6;
  const hoursOf = (w: number) => rules.openingHours.find((d) => d.weekday === w)?.periods ?? [];
  let kind: DayKind = weekend ? 'weekend' : 'workday';
  let holidayName: string | null = null;
  let periods = hoursOf(weekday);
  let closedReason: ClosedReason | null = null;
  if (statutory === null) {
    if (unknownYear === 'closed') closedReason = 'calendar_unknown';
  } else if (statutory.kind === 'holiday') {
    kind = 'holiday';
    holidayName = statutory.name;
    closedReason = 'holiday';
  } else if (statutory.kind === 'makeup_workday') {
    kind = 'makeup_workday';
    holidayName = statutory.name;
    if (periods.length === 0) periods = hoursOf(1);
  }
  if (closedReason === null && closed) closedReason = 'closure';
  const grid = slotGrid(periods, rules.slotMinutes);
  if (closedReason === null && grid.length === 0) closedReason = weekend ? 'weekend' : 'no_hours';
  const slots = closedReason
    ? []
    : grid.map((g) => ({ ...g, startsAt: shanghaiInstant(date, g.start), endsAt: shanghaiInstant(date, g.end) }));
  return { date, weekday, kind, holidayName, closedReason, slots };
}
