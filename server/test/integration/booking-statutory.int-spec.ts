// the statutory holiday schedule entered by the district admin: a year the bundled package does not know becomes
// bookable the moment the admin enters the State Council's schedule, on every instance; bad input changes nothing
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { REFERENCE_TTL_MS } from '../../src/booking/calendar/calendar.service';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, at, book, controlClock, serviceItemId } from './booking-helpers';

// Thursday 24 December 2026: the 14-day window reaches 7 January 2027, a year chinese-days 1.5.7 does not cover.
// The 2027 days below are made up for the test (the real schedule was not published when this was written).
const NOW = at('2026-12-24', '10:00');
const SOURCE = '测试：某年部分节假日安排的通知';
const NEW_YEAR = { date: '2027-01-01', kind: 'holiday', name: '元旦' } as const; // a Friday
const MAKEUP = { date: '2027-01-03', kind: 'makeup_workday', name: '元旦' } as const; // a Sunday worked in lieu

type Day = { date: string; kind: string; holidayName: string | null; open: boolean; closedReason: string | null; slots: unknown[] };

describeEngines('statutory holiday schedule on %s', (engine) => {
  let one: TestApp;
  let two: TestApp;
  let item: string;
  let admin: string;
  let resident: string;

  const days = async (t: TestApp) => {
    const r = await t.call(routes.serviceAvailability, {}, { params: { id: item }, token: resident });
    expect(r.status).toBe(200);
    return new Map((r.body.days as Day[]).map((d) => [d.date, d]));
  };
  const publish = (body: unknown, year = '2027', token = admin, t = one) => t.call(routes.staffPublishStatutoryYear, body as never, { params: { year }, token });
  const stored = async () => (await one.call(routes.staffGetStatutoryYear, {}, { params: { year: '2027' }, token: admin })).body;

  beforeAll(async () => {
    one = await startTestApp(engine, { name: 'statutory-one', env: BOOKING_TEST_ENV });
    const db = one.config.db;
    const shared: Record<string, string> = db.driver === 'mariadb' ? { DB_URL: db.url } : { DB_SQLITE_PATH: one.sqlitePath! };
    two = await startTestApp(engine, { name: 'statutory-two', env: { ...BOOKING_TEST_ENV, ...shared } });
    controlClock(one).set(NOW);
    controlClock(two).set(NOW);
    item = await serviceItemId(one);
    admin = await one.loginStaff('district');
    resident = await one.loginResident('statutory-resident');
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('a year the package does not cover is closed for booking until the district admin enters it', async () => {
    const before = await days(one);
    expect(before.get('2026-12-28')).toMatchObject({ open: true, kind: 'workday' }); // 2026 comes from the package
    for (const d of ['2027-01-01', '2027-01-04', '2027-01-05']) expect(before.get(d)).toMatchObject({ open: false, closedReason: 'calendar_unknown' });
    const refused = await book(one, resident, { serviceItemId: item, date: '2027-01-04', start: '09:00' });
    expect([refused.status, refused.body.code, refused.body.details?.reason]).toEqual([400, 'CLOSED_DAY', 'calendar_unknown']);
    const list = await one.call(routes.staffStatutoryYears, {}, { token: admin });
    expect(list.body.items.map((y: { year: number; source: string }) => `${y.year}:${y.source}`)).toEqual(['2025:package', '2026:package', '2027:none']);
  });

  it('refuses a schedule that does not fit the year, a past year, and anyone but the district admin — and writes nothing', async () => {
    const weekdayMakeup = await publish({ source: SOURCE, days: [NEW_YEAR, { date: '2027-01-05', kind: 'makeup_workday', name: '元旦' }] });
    expect([weekdayMakeup.status, weekdayMakeup.body.code, weekdayMakeup.body.details.issues[0].path]).toEqual([400, 'VALIDATION_FAILED', 'days.1']);
    expect(weekdayMakeup.body.details.issues[0].message).toContain('周六或周日');
    const otherYear = await publish({ source: SOURCE, days: [{ ...NEW_YEAR, date: '2028-01-01' }] });
    expect([otherYear.status, otherYear.body.details.issues[0].path]).toEqual([400, 'days.0']);
    const twice = await publish({ source: SOURCE, days: [NEW_YEAR, NEW_YEAR] });
    expect(twice.status).toBe(400);
    const past = await publish({ source: SOURCE, days: [{ ...NEW_YEAR, date: '2025-01-01' }] }, '2025');
    expect([past.status, past.body.details.issues[0].path]).toEqual([400, 'year']);
    const notAnAdmin = await publish({ source: SOURCE, days: [NEW_YEAR] }, '2027', await one.loginStaff('meicun'));
    expect(notAnAdmin.status).toBe(403);
    const badDate = await publish({ source: SOURCE, days: [{ ...NEW_YEAR, date: '2027-02-30' }] });
    expect(badDate.status).toBe(400);
    expect(await stored()).toMatchObject({ year: 2027, source: 'none', days: [] });
    expect(await one.ds.query('SELECT * FROM booking_statutory_day')).toEqual([]);
  });

  it('once entered, holidays close, 调休 working Sundays open, ordinary days open — on the other instance too', async () => {
    expect((await days(two)).get('2027-01-04')).toMatchObject({ open: false }); // the other instance has the old calendar cached
    const r = await publish({ source: SOURCE, days: [MAKEUP, NEW_YEAR] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2027, source: 'district', sourceNote: SOURCE, days: [NEW_YEAR, MAKEUP], updatedByName: expect.any(String) });
    const after = await days(one); // the instance that took the entry: at once
    expect(after.get('2027-01-01')).toMatchObject({ open: false, closedReason: 'holiday', holidayName: '元旦' });
    expect(after.get('2027-01-02')).toMatchObject({ open: false, closedReason: 'weekend' });
    expect(after.get('2027-01-03')).toMatchObject({ open: true, kind: 'makeup_workday', holidayName: '元旦' });
    expect(after.get('2027-01-03')!.slots.length).toBeGreaterThan(0);
    expect(after.get('2027-01-04')).toMatchObject({ open: true, kind: 'workday' });
    // the other instance caches reference data for at most REFERENCE_TTL_MS
    const started = Date.now();
    let seen = (await days(two)).get('2027-01-04')!;
    while (!seen.open && Date.now() - started < REFERENCE_TTL_MS + 3000) {
      await new Promise((ok) => setTimeout(ok, 100));
      seen = (await days(two)).get('2027-01-04')!;
    }
    expect(seen).toMatchObject({ open: true });
    expect(Date.now() - started).toBeLessThan(REFERENCE_TTL_MS + 3000);
    console.log(`[statutory] ${engine}: the other instance saw the entered year after ${Date.now() - started} ms (cache bound ${REFERENCE_TTL_MS} ms)`);
    const booked = await book(two, resident, { serviceItemId: item, date: '2027-01-04', start: '09:00' });
    expect(booked.status).toBe(201);
    const onHoliday = await book(two, resident, { serviceItemId: await serviceItemId(one, MEICUN, '低保咨询'), date: '2027-01-01', start: '09:00' });
    expect([onHoliday.status, onHoliday.body.code, onHoliday.body.details?.reason]).toEqual([400, 'CLOSED_DAY', 'holiday']);
    const list = await one.call(routes.staffStatutoryYears, {}, { token: await one.loginStaff('meicun') }); // community staff may read
    expect(list.body.items.find((y: { year: number }) => y.year === 2027)).toMatchObject({ source: 'district', holidayCount: 1, makeupCount: 1 });
  });

  it('entering a year again replaces it whole; two admins at once leave one of the two schedules, never a mix', async () => {
    expect((await publish({ source: SOURCE, days: [NEW_YEAR] })).status).toBe(200);
    expect((await days(one)).get('2027-01-03')).toMatchObject({ open: false, closedReason: 'weekend' });
    const a = [NEW_YEAR, { date: '2027-02-06', kind: 'makeup_workday', name: '春节' }];
    const b = [{ date: '2027-02-08', kind: 'holiday', name: '春节' }, { date: '2027-02-09', kind: 'holiday', name: '春节' }, { date: '2027-02-10', kind: 'holiday', name: '春节' }];
    for (let round = 0; round < 5; round++) {
      const [ra, rb] = await Promise.all([publish({ source: `A${round}`, days: a }), publish({ source: `B${round}`, days: b }, '2027', admin, two)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const now = await stored();
      const expected = now.sourceNote === `A${round}` ? a : b;
      expect(now.days).toEqual(expected);
    }
  });
});
