// 首问负责制: a case left unhandled past the community's threshold reaches the community's lead in the inbox, once per flag
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { BookingFlagJob } from '../../src/booking/flag.job';
import { StaffAccountEntity } from '../../src/identity/entities/staff-account.entity';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, at, book, controlClock, serviceItemId } from './booking-helpers';

const NOW = at('2026-09-17', '10:00'); // Thursday; threshold 240 min (seeded example)
const later = (minutes: number, from = NOW) => new Date(from.getTime() + minutes * 60_000);

describeEngines('flagged cases reach the community lead on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let job: BookingFlagJob;
  let item: string;
  let resident: string;
  let lead: string; // meicun, the seeded community staff
  let colleague: string; // a second staff member of 梅村社区, created here
  let leadId: string;
  let colleagueId: string;

  const flags = async (token: string) => {
    const r = await t.call(routes.listInbox, { pageSize: 50 }, { token });
    expect(r.status).toBe(200);
    return (r.body.items as { type: string; title: string; body: string; link: { kind: string; id: string } | null }[]).filter((m) => m.type === 'booking_flagged');
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-flag', env: BOOKING_TEST_ENV });
    clock = controlClock(t);
    clock.set(NOW);
    job = t.app.app.get(BookingFlagJob);
    item = await serviceItemId(t);
    resident = await t.loginResident('flag-resident');
    lead = await t.loginStaff('meicun');
    leadId = (await t.call(routes.me, {}, { token: lead })).body.id;
    const seeded = await t.ds.getRepository(StaffAccountEntity).findOneByOrFail({ username: 'meicun' });
    colleagueId = randomUUID();
    await t.ds.getRepository(StaffAccountEntity).insert({ ...seeded, id: colleagueId, username: 'meicun-colleague', displayName: '李敏', openidHash: null });
    colleague = await t.loginStaff('meicun-colleague');
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => clock.set(NOW));

  it('tells every staff member of the community while no lead is named, once, linking to the booking', async () => {
    const b = await book(t, resident, { serviceItemId: item, date: '2026-09-18', start: '09:00' });
    expect(b.status).toBe(201);
    expect(await job.runOnce()).toBe(0); // just booked: nothing overdue
    clock.set(later(239));
    expect(await job.runOnce()).toBe(0); // negative control: one minute short of the threshold
    clock.set(later(241));
    expect(await job.runOnce()).toBe(1);
    expect(await job.runOnce()).toBe(0); // raised once
    for (const token of [lead, colleague]) {
      const mine = (await flags(token)).filter((m) => m.link?.id === b.body.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ title: '有预约太久没人确认', link: { kind: 'booking', id: b.body.id } });
      expect(mine[0].body).toContain('梅村社区');
      expect(mine[0].body).toContain('超过4个小时');
    }
    // the resident is not told about staff flags
    expect((await t.call(routes.listInbox, { pageSize: 50 }, { token: resident })).body.items.filter((m: { type: string }) => m.type === 'booking_flagged')).toEqual([]);
  });

  it('names a lead only from the community\'s own active staff; then only the lead is told, and again when a confirmed case is not closed', async () => {
    const other = (await t.call(routes.me, {}, { token: await t.loginStaff('dongmen') })).body.id;
    const wrong = await t.call(routes.staffUpdateBookingSettings, { leadStaffId: other }, { params: { code: MEICUN }, token: lead });
    expect([wrong.status, wrong.body.code, wrong.body.details.issues[0].path]).toEqual([400, 'VALIDATION_FAILED', 'leadStaffId']);
    const named = await t.call(routes.staffUpdateBookingSettings, { leadStaffId: leadId }, { params: { code: MEICUN }, token: lead });
    expect([named.status, named.body.leadStaffId]).toEqual([200, leadId]);

    const b = await book(t, resident, { serviceItemId: await serviceItemId(t, MEICUN, '低保咨询'), date: '2026-09-18', start: '10:00' });
    expect(b.status).toBe(201);
    const before = { lead: (await flags(lead)).length, colleague: (await flags(colleague)).length };
    clock.set(later(300));
    expect(await job.runOnce()).toBe(1);
    expect((await flags(lead)).length).toBe(before.lead + 1);
    expect((await flags(colleague)).length).toBe(before.colleague); // not the colleague any more

    // confirmed late, then nobody closes it: a second, different flag after its end + threshold
    const confirmed = await t.call(routes.staffConfirmBooking, {}, { params: { id: b.body.id }, token: lead });
    expect(confirmed.status).toBe(200);
    expect(await job.runOnce()).toBe(0);
    clock.set(later(241, at('2026-09-18', '10:30')));
    const [x, y] = await Promise.all([job.runOnce(), job.runOnce()]); // overlapping runs raise it once
    expect(x + y).toBeGreaterThanOrEqual(1);
    const notClosed = (await flags(lead)).filter((m) => m.link?.id === b.body.id);
    expect(notClosed.map((m) => m.title).sort()).toEqual(['有预约太久没人确认', '有预约过了时间还没办结']);
    // closing the lead back to none is allowed
    const cleared = await t.call(routes.staffUpdateBookingSettings, { leadStaffId: null }, { params: { code: MEICUN }, token: lead });
    expect([cleared.status, cleared.body.leadStaffId]).toEqual([200, null]);
  });
});
