// a month before the booking window reaches a year with no statutory holiday schedule, the staff console shows a
// banner and every district admin gets one inbox message — once, however often the job runs and on however many instances
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { REFERENCE_TTL_MS } from '../../src/booking/calendar/calendar.service';
import { StatutoryGapJob } from '../../src/booking/statutory-gap.job';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, at, controlClock } from './booking-helpers';

type Message = { type: string; title: string; body: string; link: { kind: string; id: string } | null };

// chinese-days 1.5.7 ends at 2026; with the example 14-day window, 1 January 2027 enters the window on 18 December 2026,
// so the warning starts 30 days earlier, on 18 November
describeEngines('statutory schedule gap warning on %s', (engine) => {
  let one: TestApp;
  let two: TestApp;
  let clocks: ReturnType<typeof controlClock>[];
  let admin: string;
  let staff: string;

  const setClocks = (d: Date) => clocks.forEach((c) => c.set(d));
  const gap = async (t: TestApp, token: string) => {
    const r = await t.call(routes.staffStatutoryGap, {}, { token });
    expect(r.status).toBe(200);
    return r.body;
  };
  const job = (t: TestApp) => t.app.app.get(StatutoryGapJob);
  const messages = async (token: string): Promise<Message[]> => {
    const r = await one.call(routes.listInbox, { pageSize: 50 }, { token });
    expect(r.status).toBe(200);
    return (r.body.items as Message[]).filter((m) => m.type === 'statutory_year_missing');
  };
  const eventKeys = async () =>
    ((await one.ds.query("SELECT idempotency_key FROM notification_event WHERE type = 'statutory_year_missing' ORDER BY idempotency_key")) as { idempotency_key: string }[]).map((r) => r.idempotency_key);
  const login = async () => {
    admin = await one.loginStaff('district');
    staff = await one.loginStaff('meicun');
  };

  beforeAll(async () => {
    one = await startTestApp(engine, { name: 'statutory-gap-one', env: BOOKING_TEST_ENV });
    const db = one.config.db;
    const shared: Record<string, string> = db.driver === 'mariadb' ? { DB_URL: db.url } : { DB_SQLITE_PATH: one.sqlitePath! };
    two = await startTestApp(engine, { name: 'statutory-gap-two', env: { ...BOOKING_TEST_ENV, ...shared } });
    clocks = [controlClock(one), controlClock(two)];
    setClocks(at('2026-11-17', '10:00'));
    await login();
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('says nothing more than a month before the window reaches the unknown year', async () => {
    expect(await gap(one, admin)).toEqual({ gap: null });
    expect(await job(one).runOnce()).toBe(0);
    expect(await eventKeys()).toEqual([]);
  });

  it('from a month before: banner data for all staff, and one inbox message per district admin across runs and instances', async () => {
    setClocks(at('2026-11-18', '00:05'));
    const expected = { gap: { year: 2027, reachesOn: '2026-12-18' } };
    expect(await gap(one, admin)).toEqual(expected);
    expect(await gap(two, staff)).toEqual(expected); // community staff see the banner too

    // the same tick on both instances (one after the other: two in-process SQLite connections cannot both write at
    // once): the first takes the lease and records, the second finds the lease taken
    expect(await job(one).runOnce()).toBe(1);
    expect(await job(two).runOnce()).toBe(0);
    // the next days, the lease expired each time: both instances run again and record nothing (the outbox key is unique)
    for (const day of ['2026-11-19', '2026-11-20']) {
      setClocks(at(day, '10:00'));
      expect(await job(two).runOnce()).toBe(0);
      setClocks(at(day, '11:00'));
      expect(await job(one).runOnce()).toBe(0);
    }
    const [adminId] = (await one.ds.query("SELECT id FROM staff_account WHERE username = 'district'")) as { id: string }[];
    expect(await eventKeys()).toEqual([`statutory:2027:missing:${adminId.id}`]);
    expect(await messages(admin)).toEqual([
      expect.objectContaining({
        title: '2027 年的节假日安排还没有录入',
        body: '2027 年的法定节假日安排尚未发布，预约将于 12 月 18 日起无法选择 2027 年的日期，请到节假日页面发布。',
        link: { kind: 'statutory_year', id: '2027' },
      }),
    ]);
    expect(await messages(staff)).toEqual([]); // community staff cannot publish: banner only
  });

  it('moves the date with the longest booking window any community has', async () => {
    const set = (windowDays: number) => one.call(routes.staffUpdateBookingSettings, { windowDays }, { token: staff, params: { code: MEICUN } });
    expect((await set(60)).status).toBe(200);
    expect(await gap(one, admin)).toEqual({ gap: { year: 2027, reachesOn: '2026-11-02' } }); // already inside the window
    expect((await set(14)).status).toBe(200);
    expect(await gap(one, admin)).toEqual({ gap: { year: 2027, reachesOn: '2026-12-18' } });
  });

  it('goes away on every instance once the year is published, and comes back for the next year a year later', async () => {
    const r = await one.call(routes.staffPublishStatutoryYear, { source: '测试：2027年部分节假日安排的通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }, { token: admin, params: { year: '2027' } });
    expect(r.status).toBe(200);
    expect(await gap(one, admin)).toEqual({ gap: null });
    await new Promise((ok) => setTimeout(ok, REFERENCE_TTL_MS + 100)); // the other instance's schedule cache
    expect(await gap(two, staff)).toEqual({ gap: null });
    expect(await job(one).runOnce()).toBe(0);

    setClocks(at('2027-03-01', '10:00'));
    await login(); // sessions last a year in these tests
    expect(await gap(one, admin)).toEqual({ gap: null });
    setClocks(at('2027-11-17', '10:00'));
    await login();
    expect(await gap(one, admin)).toEqual({ gap: null });
    setClocks(at('2027-11-18', '10:00'));
    expect(await gap(two, admin)).toEqual({ gap: { year: 2028, reachesOn: '2027-12-18' } });
  });

  it('still warns once the window has reached the year, and says so', async () => {
    setClocks(at('2028-03-01', '10:00'));
    await login();
    expect(await gap(one, staff)).toEqual({ gap: { year: 2028, reachesOn: '2027-12-18' } });
    expect(await job(two).runOnce()).toBe(1);
    const got = await messages(admin);
    expect(got.map((m) => m.title)).toEqual(['2028 年的节假日安排还没有录入', '2027 年的节假日安排还没有录入']);
    expect(got[0].body).toBe('2028 年的法定节假日安排尚未发布，预约从 12 月 18 日起无法选择 2028 年的日期，请到节假日页面发布。');
    setClocks(at('2028-03-02', '10:00'));
    expect(await job(one).runOnce()).toBe(0);
    expect((await eventKeys()).length).toBe(2);
  });
});
