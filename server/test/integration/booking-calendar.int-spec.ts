import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, at, book, controlClock, serviceItemId, slotRow } from './booking-helpers';

// 2026: 中秋 9-25 (Fri) off; 国庆 10-01..10-07 off with 调休 workdays 9-20 (Sun) and 10-10 (Sat) — from chinese-days 1.5.7
describeEngines('booking calendar on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let item: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-calendar', env: BOOKING_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-09-17', '10:00')); // a Thursday
    item = await serviceItemId(t);
    staff = await t.loginStaff('meicun');
  });
  afterAll(async () => {
    await t?.close();
  });

  let reader: string | undefined;
  const days = async () => {
    const token = (reader ??= await t.loginResident('cal-reader'));
    const r = await t.call(routes.serviceAvailability, {}, { params: { id: item }, token });
    expect(r.status).toBe(200);
    return new Map((r.body.days as { date: string }[]).map((d) => [d.date, d as any]));
  };

  it('lists the booking window (tomorrow .. +14 days) with weekends, holidays and 调休 make-up days', async () => {
    const d = await days();
    expect([...d.keys()][0]).toBe('2026-09-18');
    expect([...d.keys()].at(-1)).toBe('2026-10-01');
    expect(d.get('2026-09-18')).toMatchObject({ kind: 'workday', open: true, closedReason: null });
    expect(d.get('2026-09-19')).toMatchObject({ kind: 'weekend', open: false, closedReason: 'weekend', slots: [] });
    expect(d.get('2026-09-20')).toMatchObject({ kind: 'makeup_workday', open: true, holidayName: '国庆节' });
    expect(d.get('2026-09-25')).toMatchObject({ kind: 'holiday', open: false, closedReason: 'holiday', holidayName: '中秋' });
    expect(d.get('2026-10-01')).toMatchObject({ kind: 'holiday', open: false, closedReason: 'holiday' });
  });

  it('builds slots from the opening hours with a lunch break, capacity = posts', async () => {
    const slots = (await days()).get('2026-09-18').slots as { start: string; end: string; capacity: number; remaining: number; startsAt: string }[];
    expect(slots.map((s) => s.start)).toEqual(['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00']);
    expect(slots.every((s) => s.capacity === 2 && s.remaining === 2)).toBe(true);
    expect(slots[0].startsAt).toBe('2026-09-18T00:30:00.000Z'); // 08:30 Asia/Shanghai stored as UTC
  });

  it('refuses weekend, holiday, lunch break, off-grid times and dates outside the window', async () => {
    const token = await t.loginResident('cal-booker');
    const expectCode = async (date: string, start: string, code: string) => {
      const r = await book(t, token, { serviceItemId: item, date, start });
      expect([r.status, r.body.code]).toEqual([code === 'SLOT_NOT_AVAILABLE' || code === 'CLOSED_DAY' || code === 'OUTSIDE_BOOKING_WINDOW' ? 400 : 409, code]);
    };
    await expectCode('2026-09-19', '09:00', 'CLOSED_DAY'); // Saturday
    await expectCode('2026-09-25', '09:00', 'CLOSED_DAY'); // 中秋
    await expectCode('2026-09-18', '12:00', 'SLOT_NOT_AVAILABLE'); // lunch break
    await expectCode('2026-09-18', '09:10', 'SLOT_NOT_AVAILABLE'); // not on the grid
    await expectCode('2026-09-18', '17:30', 'SLOT_NOT_AVAILABLE'); // closing time
    await expectCode('2026-09-17', '16:00', 'OUTSIDE_BOOKING_WINDOW'); // today (window starts tomorrow)
    await expectCode('2026-10-02', '09:00', 'OUTSIDE_BOOKING_WINDOW'); // +15 days
    expect((await t.ds.query('SELECT COUNT(*) AS n FROM booking'))[0].n).toEqual(expect.anything());
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM booking'))[0].n)).toBe(0);
  });

  it('books a 调休 make-up Sunday (positive control for the weekend rule)', async () => {
    const token = await t.loginResident('cal-makeup');
    const r = await book(t, token, { serviceItemId: item, date: '2026-09-20', start: '09:00' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ date: '2026-09-20', start: '09:00', end: '09:30', status: 'pending', startsAt: '2026-09-20T01:00:00.000Z' });
    expect(await slotRow(t, MEICUN, '2026-09-20', '09:00')).toEqual({ capacity: 2, booked: 1 });
  });

  it('closes a day with an ad-hoc closure, and reopens it when the closure is removed', async () => {
    const add = await t.call(routes.staffAddClosure, { date: '2026-09-22', reason: '社区活动' }, { params: { code: MEICUN }, token: staff });
    expect(add.status).toBe(201);
    const again = await t.call(routes.staffAddClosure, { date: '2026-09-22', reason: '重复' }, { params: { code: MEICUN }, token: staff });
    expect([again.status, again.body.code]).toEqual([409, 'CLOSURE_EXISTS']);
    expect((await days()).get('2026-09-22')).toMatchObject({ open: false, closedReason: 'closure', closedNote: '社区活动' });
    const token = await t.loginResident('cal-closure');
    const r = await book(t, token, { serviceItemId: item, date: '2026-09-22', start: '09:00' });
    expect([r.status, r.body.code, r.body.details.reason]).toEqual([400, 'CLOSED_DAY', 'closure']);
    const del = await t.call(routes.staffRemoveClosure, {}, { params: { id: add.body.id }, token: staff });
    expect(del.status).toBe(200);
    expect((await book(t, token, { serviceItemId: item, date: '2026-09-22', start: '09:00' })).status).toBe(201);
  });

  it('enforces the minimum notice (same-day window) and lists too-soon slots as not bookable', async () => {
    const s = await t.call(routes.staffUpdateBookingSettings, { windowStartDays: 0, minNoticeMinutes: 120 }, { params: { code: MEICUN }, token: staff });
    expect([s.status, s.body.isExample]).toEqual([200, false]);
    const token = await t.loginResident('cal-notice');
    const tooSoon = await book(t, token, { serviceItemId: item, date: '2026-09-17', start: '11:30' }); // now 10:00 → starts in 90 min
    expect([tooSoon.status, tooSoon.body.code]).toEqual([400, 'MIN_NOTICE_NOT_MET']);
    const today = (await days()).get('2026-09-17');
    expect(today.slots.find((x: any) => x.start === '11:30').bookable).toBe(false);
    expect(today.slots.find((x: any) => x.start === '14:30').bookable).toBe(true);
    expect((await book(t, token, { serviceItemId: item, date: '2026-09-17', start: '14:30' })).status).toBe(201);
    // the availability answer carries the community's cancel/reschedule cutoff, so the confirm screen can name the deadline
    await t.call(routes.staffUpdateBookingSettings, { cutoffMinutes: 90 }, { params: { code: MEICUN }, token: staff });
    expect((await t.call(routes.serviceAvailability, {}, { params: { id: item }, token })).body.cutoffMinutes).toBe(90);
    await t.call(routes.staffUpdateBookingSettings, { cutoffMinutes: 120 }, { params: { code: MEICUN }, token: staff });
    await t.call(routes.staffUpdateBookingSettings, { windowStartDays: 1 }, { params: { code: MEICUN }, token: staff });
  });

  it('treats a year the holiday data does not cover as closed (calendar_unknown), not as ordinary weekdays', async () => {
    clock.set(at('2026-12-28', '10:00'));
    const d = await days();
    expect(d.get('2026-12-31')).toMatchObject({ kind: 'workday', open: true });
    expect(d.get('2027-01-04')).toMatchObject({ open: false, closedReason: 'calendar_unknown' });
    const token = await t.loginResident('cal-unknown');
    const r = await book(t, token, { serviceItemId: item, date: '2027-01-04', start: '09:00' });
    expect([r.status, r.body.code, r.body.details.reason]).toEqual([400, 'CLOSED_DAY', 'calendar_unknown']);
    clock.set(at('2026-09-17', '10:00'));
  });

  it('opening hours admin: Saturday hours open a plain Saturday; overlapping periods are refused', async () => {
    const bad = await t.call(routes.staffUpdateBookingSettings, { openingHours: [{ weekday: 6, periods: [{ start: '09:00', end: '11:00' }, { start: '10:00', end: '12:00' }] }] }, { params: { code: MEICUN }, token: staff });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const hours = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, periods: [{ start: '08:30', end: '12:00' }, { start: '14:30', end: '17:30' }] }));
    const ok = await t.call(routes.staffUpdateBookingSettings, { openingHours: hours }, { params: { code: MEICUN }, token: staff });
    expect(ok.status).toBe(200);
    expect((await days()).get('2026-09-19')).toMatchObject({ kind: 'weekend', open: true });
    // a statutory holiday stays closed whatever the hours say
    expect((await days()).get('2026-09-25')).toMatchObject({ open: false, closedReason: 'holiday' });
    await t.call(routes.staffUpdateBookingSettings, { openingHours: hours.slice(0, 5) }, { params: { code: MEICUN }, token: staff });
    expect((await days()).get('2026-09-19')).toMatchObject({ open: false });
  });
});
