// the staff queue across days (issue 14 item 8): 待确认 bookings of a community in date/time order, paged and scoped,
// and 我负责的 / 转给我的 — unfinished cases the signed-in staff member is responsible for or was handed
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, at, book, controlClock, serviceItemId } from './booking-helpers';

const NOW = at('2026-09-17', '10:00'); // Thursday; the window is 09-18 .. 10-01
type Row = { id: string; date: string; start: string; status: string };
const NAMES: Record<string, string> = { d18a: '赵一', d18b: '钱二', d21: '孙三', d22: '李四', d23: '周五' };

describeEngines('booking queue on %s', (engine) => {
  let t: TestApp;
  let staff: string;
  let residence: string;
  const ids: Record<string, string> = {};
  const queue = async (token: string, q: Record<string, unknown> = {}, code = MEICUN) => t.call(routes.staffBookingQueue, q as never, { params: { code }, token });
  const keys = (items: Row[]) => items.map((b) => `${b.date} ${b.start}`);

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-queue', env: BOOKING_TEST_ENV });
    controlClock(t).set(NOW);
    residence = await serviceItemId(t);
    staff = await t.loginStaff('meicun');
    // booked out of order, on three different days; each by its own resident (one active booking per person per service)
    for (const [key, date, start] of [['d22', '2026-09-22', '09:00'], ['d18b', '2026-09-18', '10:00'], ['d21', '2026-09-21', '09:00'], ['d18a', '2026-09-18', '09:00'], ['d23', '2026-09-23', '10:00']] as const) {
      const r = await book(t, await t.loginResident(`queue-${key}`), { serviceItemId: residence, date, start, selfName: NAMES[key] });
      expect(r.status).toBe(201);
      ids[key] = r.body.id;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('待确认: pending bookings across days in date and start-time order, paged; a confirmed one leaves the list', async () => {
    const all = await queue(staff);
    expect(all.status).toBe(200);
    expect(keys(all.body.items)).toEqual(['2026-09-18 09:00', '2026-09-18 10:00', '2026-09-21 09:00', '2026-09-22 09:00', '2026-09-23 10:00']);
    expect(all.body.items[0]).toMatchObject({ status: 'pending', personName: '赵一', serviceItem: { name: '居住证明' } });
    expect(all.body).toMatchObject({ total: 5, page: 1, pageSize: 50 });
    const p2 = await queue(staff, { view: 'pending', page: 2, pageSize: 2 });
    expect([keys(p2.body.items), p2.body.total]).toEqual([['2026-09-21 09:00', '2026-09-22 09:00'], 5]);
    const p3 = await queue(staff, { page: 3, pageSize: 2 });
    expect(keys(p3.body.items)).toEqual(['2026-09-23 10:00']);

    expect((await t.call(routes.staffConfirmBooking, {}, { params: { id: ids.d21 }, token: staff })).status).toBe(200);
    const after = await queue(staff);
    expect(after.body.items.map((b: Row) => b.id)).toEqual([ids.d18a, ids.d18b, ids.d22, ids.d23]);
    expect(after.body.total).toBe(4);
  });

  it('bad view or paging → 400 VALIDATION_FAILED', async () => {
    for (const q of [{ view: 'all' }, { pageSize: 101 }, { page: 0 }]) {
      const r = await queue(staff, q);
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('scope: another community\'s staff get the same 404 as for an unknown community; the district admin sees the queue', async () => {
    const dongmen = await t.loginStaff('dongmen');
    const theirs = await queue(dongmen);
    const unknown = await queue(dongmen, {}, '421003999999');
    expect([theirs.status, theirs.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(theirs.body).toEqual(unknown.body);
    expect((await queue(dongmen, { view: 'mine' })).status).toBe(404);
    const district = await queue(await t.loginStaff('district'));
    expect([district.status, district.body.total]).toEqual([200, 4]); // positive control
  });

  it('我负责的 / 转给我的: cases I confirmed and cases handed to me, unfinished only, in date order', async () => {
    // meicun confirmed d21 above (responsible); a street reviewer confirms d22 and hands it over to meicun
    const chengnan = await t.loginStaff('chengnan');
    const meicunId = (await t.call(routes.staffGetBooking, {}, { params: { id: ids.d21 }, token: staff })).body.responsible.staffId as string;
    expect((await t.call(routes.staffConfirmBooking, {}, { params: { id: ids.d22 }, token: chengnan })).status).toBe(200);
    const before = await queue(staff, { view: 'mine' });
    expect(before.body.items.map((b: Row) => b.id)).toEqual([ids.d21]); // negative control: not mine before the hand-over
    const h = await t.call(routes.staffHandOver, { toStaffId: meicunId, reason: '梅村的居民，由社区办理' }, { params: { id: ids.d22 }, token: chengnan });
    expect(h.body.handler.staffId).toBe(meicunId);

    // a third case meicun confirms and finishes: gone from 我负责的
    expect((await t.call(routes.staffConfirmBooking, {}, { params: { id: ids.d23 }, token: staff })).status).toBe(200);
    expect((await queue(staff, { view: 'mine' })).body.items.map((b: Row) => b.id)).toEqual([ids.d21, ids.d22, ids.d23]);
    expect((await t.call(routes.staffCompleteBooking, {}, { params: { id: ids.d23 }, token: staff })).body.status).toBe('done');

    const mine = await queue(staff, { view: 'mine' });
    expect(mine.body.items.map((b: Row) => b.id)).toEqual([ids.d21, ids.d22]);
    expect(mine.body.items.map((b: Row) => b.status)).toEqual(['confirmed', 'confirmed']);
    expect(mine.body.items[1]).toMatchObject({ handlerName: '梅村社区 李敏', responsibleName: '城南街道 刘芳' });
    // the street reviewer stays responsible for d22 (首问), so it is also theirs; d21 is not
    expect((await queue(chengnan, { view: 'mine' })).body.items.map((b: Row) => b.id)).toEqual([ids.d22]);
    // cancelling ends a case too
    expect((await t.call(routes.staffCancelBooking, { reason: '临时闭馆' }, { params: { id: ids.d21 }, token: staff })).status).toBe(200);
    expect((await queue(staff, { view: 'mine' })).body.items.map((b: Row) => b.id)).toEqual([ids.d22]);
    // pending bookings nobody has taken are in 待确认, not in anybody's 我负责的
    expect((await queue(staff)).body.items.map((b: Row) => b.id)).toEqual([ids.d18a, ids.d18b]);
  });
});
