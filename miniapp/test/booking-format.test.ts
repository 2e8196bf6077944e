// booking pages' pure display logic: days, slots, cutoff, pass code
import { describe, expect, it } from '@jest/globals';
import type { DayView, SlotView } from '@jianban/shared';
import {
  checkInRefusal,
  cutoffRuleText,
  cutoffText,
  dayChoice,
  dayLabel,
  groupedCode,
  instantText,
  normalizePassCode,
  slotChoice,
  slotStarted,
} from '../src/features/booking/format';
import { qrRuns } from '../src/components/QrCode/runs';

const slot = (over: Partial<SlotView> = {}): SlotView => ({
  start: '09:00',
  end: '09:30',
  startsAt: '2026-12-01T01:00:00.000Z',
  endsAt: '2026-12-01T01:30:00.000Z',
  capacity: 3,
  remaining: 2,
  bookable: true,
  ...over,
});
const day = (over: Partial<DayView> = {}): DayView => ({
  date: '2026-12-01',
  weekday: 2,
  kind: 'workday',
  holidayName: null,
  open: true,
  closedReason: null,
  closedNote: null,
  slots: [slot()],
  remaining: 2,
  ...over,
});

describe('slotChoice', () => {
  it('shows the time and the places left', () => {
    expect(slotChoice(slot())).toEqual({ label: '09:00–09:30', status: '还剩 2 个名额', available: true });
  });
  it('says 已约满 for a full slot and cannot be chosen', () => {
    expect(slotChoice(slot({ remaining: 0, bookable: false }))).toEqual({ label: '09:00–09:30', status: '已约满', available: false });
  });
  it('says a slot that has begun is over, before anything else', () => {
    const now = new Date('2026-12-01T01:10:00Z');
    expect(slotStarted(slot(), now)).toBe(true);
    expect(slotChoice(slot(), now)).toMatchObject({ status: '已经过了', available: false });
    expect(slotStarted(slot(), new Date('2026-12-01T00:59:00Z'))).toBe(false);
  });
  it('explains a slot that is too soon even with places left', () => {
    expect(slotChoice(slot({ remaining: 2, bookable: false }))).toMatchObject({ status: '时间太近，不能再约', available: false });
  });
});

describe('dayChoice', () => {
  it('labels the day with its weekday and 明天', () => {
    expect(dayLabel({ date: '2026-12-01', weekday: 2 }, '2026-11-30')).toBe('12月1日 周二（明天）');
    expect(dayChoice(day(), '2026-11-27')).toEqual({ label: '12月1日 周二', status: '还剩 2 个名额', available: true });
  });
  it('explains closed days: weekend, holiday with its name, closure with the note, unknown calendar', () => {
    expect(dayChoice(day({ open: false, closedReason: 'weekend', kind: 'weekend', slots: [] })).status).toBe('周末休息');
    expect(dayChoice(day({ open: false, closedReason: 'holiday', holidayName: '元旦', slots: [] })).status).toBe('放假休息（元旦）');
    expect(dayChoice(day({ open: false, closedReason: 'closure', closedNote: '停电检修', slots: [] })).status).toBe('社区临时不开门：停电检修');
    expect(dayChoice(day({ open: false, closedReason: 'calendar_unknown', slots: [] })).status).toContain('还没公布');
    expect(dayChoice(day({ open: false, closedReason: 'weekend', slots: [] })).available).toBe(false);
  });
  it('says a day is full when no slot can be chosen, and names a make-up workday', () => {
    expect(dayChoice(day({ slots: [slot({ remaining: 0, bookable: false })], remaining: 0 }))).toMatchObject({ status: '已约满', available: false });
    expect(dayChoice(day({ kind: 'makeup_workday', holidayName: '国庆节' })).status).toBe('调休上班（国庆节），还剩 2 个名额');
  });
});

describe('cutoff', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  it('states the cutoff in Shanghai time while it is ahead', () => {
    expect(instantText('2026-12-01T00:00:00Z')).toBe('12月1日 周二 08:00');
    expect(cutoffText('2026-12-01T00:00:00Z', now)).toBe('12月1日 周二 08:00 以前可以取消或改时间');
  });
  it('says plainly when the cutoff has passed', () => {
    expect(cutoffText('2026-11-30T01:59:00Z', now)).toBe('已过 11月30日 周一 09:59，不能再取消或改时间。有变化请打电话告诉社区。');
  });
  it('states the rule before booking, in hours when whole', () => {
    const NOW = new Date('2026-11-30T01:00:00.000Z'); // Mon 30 Nov 09:00 in Shanghai
    expect(cutoffRuleText(120)).toBe('约好后，最晚在办事时间前2个小时可以取消或改时间。');
    expect(cutoffRuleText(90)).toBe('约好后，最晚在办事时间前90分钟可以取消或改时间。');
    // with the slot: the exact deadline in Shanghai time (09:00 on Tue 1 Dec 2026 minus 2 h; 00:30 minus 90 min crosses midnight)
    expect(cutoffRuleText(120, '2026-12-01T01:00:00.000Z', NOW)).toBe('约好后，最晚在12月1日 周二 07:00以前可以取消或改时间（办事时间前2个小时）。');
    expect(cutoffRuleText(90, '2026-11-30T16:30:00.000Z', NOW)).toBe('约好后，最晚在11月30日 周一 23:00以前可以取消或改时间（办事时间前90分钟）。');
    expect(cutoffRuleText(0, '2026-12-01T01:00:00.000Z', NOW)).toBe('约好后，到12月1日 周二 09:00以前都可以取消或改时间。');
    // a slot so close that the cutoff has already passed: say so instead of naming a deadline in the past
    expect(cutoffRuleText(120, '2026-11-30T02:00:00.000Z', NOW)).toBe('这个时间很快就到了，约好后不能在网上取消或改时间。如有变化，请打电话告诉社区。');
    expect(cutoffRuleText(undefined)).toContain('截止时间写在预约凭证上');
  });
});

describe('pass code', () => {
  it('groups the code by four for reading aloud and accepts typed variants', () => {
    expect(groupedCode('AB12CD34EF')).toBe('AB12 CD34 EF');
    expect(normalizePassCode(' ab12 cd34-ef ')).toBe('AB12CD34EF');
  });
  it('turns a QR matrix row into runs of dark modules', () => {
    expect(qrRuns([[true, true, false, true], [false, false, false, false], [false, true, true, true]])).toEqual([
      [{ start: 0, length: 2 }, { start: 3, length: 1 }],
      [],
      [{ start: 1, length: 3 }],
    ]);
  });
});

describe('check-in refusal names the booking\'s day (issue 14 item 7)', () => {
  const fallback = '这个预约不是今天的，不能签到';
  it('says which day a booking of another day is for, and what to do', () => {
    expect(checkInRefusal('CHECK_IN_NOT_TODAY', { date: '2027-03-02' }, '2027-03-01', fallback)).toBe('这个预约是3月2日 周二（明天）的，不是今天，不能签到。请居民那天再来，或帮他改到今天的时间。');
    expect(checkInRefusal('CHECK_IN_NOT_TODAY', { date: '2027-02-26' }, '2027-03-01', fallback)).toMatch(/^这个预约是2月26日 周五的，已经过了那天/);
  });
  it('falls back to the generic message without a usable day or for other refusals', () => {
    expect(checkInRefusal('CHECK_IN_NOT_TODAY', undefined, '2027-03-01', fallback)).toBe(fallback);
    expect(checkInRefusal('CHECK_IN_NOT_TODAY', { date: 'x' }, '2027-03-01', fallback)).toBe(fallback);
    expect(checkInRefusal('PASS_CODE_NOT_FOUND', { date: '2027-03-02' }, '2027-03-01', 'other')).toBe('other');
  });
});
