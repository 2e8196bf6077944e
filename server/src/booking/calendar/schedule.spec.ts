import { describe, expect, it } from '@jest/globals';
import { addDays, isoWeekday, planDay, shanghaiInstant, shanghaiParts, slotGrid } from './schedule';
import { ChineseDaysCalendar } from './chinese-days.calendar';

const rules = { openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: [{ start: '08:30', end: '12:00' }, { start: '14:30', end: '17:30' }] })), slotMinutes: 30 };
const cal = new ChineseDaysCalendar();

describe('schedule', () => {
  it('converts Asia/Shanghai local times to UTC and back', () => {
    expect(shanghaiInstant('2026-09-18', '08:30').toISOString()).toBe('2026-09-18T00:30:00.000Z');
    expect(shanghaiInstant('2026-01-01', '07:00').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(shanghaiParts(new Date('2025-12-31T23:00:00Z'))).toMatchObject({ date: '2026-01-01', time: '07:00', minutes: 420, weekday: 4 });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isoWeekday('2026-09-20')).toBe(7);
  });

  it('lays slots on the periods and skips the lunch break', () => {
    expect(slotGrid([{ start: '14:30', end: '15:40' }, { start: '08:30', end: '09:30' }], 30).map((s) => s.start)).toEqual(['08:30', '09:00', '14:30', '15:00']);
  });

  it('plans holidays, make-up days, weekends, closures and unknown years', () => {
    expect(planDay('2026-10-01', rules, cal.lookup('2026-10-01'), false, 'closed')).toMatchObject({ kind: 'holiday', closedReason: 'holiday', holidayName: '国庆节', slots: [] });
    expect(planDay('2026-09-20', rules, cal.lookup('2026-09-20'), false, 'closed')).toMatchObject({ kind: 'makeup_workday', closedReason: null });
    expect(planDay('2026-09-20', rules, cal.lookup('2026-09-20'), false, 'closed').slots).toHaveLength(13);
    expect(planDay('2026-09-19', rules, cal.lookup('2026-09-19'), false, 'closed')).toMatchObject({ kind: 'weekend', closedReason: 'weekend' });
    expect(planDay('2026-09-18', rules, cal.lookup('2026-09-18'), true, 'closed')).toMatchObject({ closedReason: 'closure' });
    expect(cal.lookup('2027-01-01')).toBeNull();
    expect(cal.coversYear(2026)).toBe(true);
    expect(planDay('2027-01-01', rules, cal.lookup('2027-01-01'), false, 'closed')).toMatchObject({ closedReason: 'calendar_unknown' });
    expect(planDay('2027-01-01', rules, null, false, 'weekdays')).toMatchObject({ closedReason: null, kind: 'workday' });
  });
});
