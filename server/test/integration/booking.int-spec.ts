import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { bookingRoutes, routes, type RouteDef } from '@jianban/shared';
import ExcelJS from 'exceljs';
import { BookingReminderJob } from '../../src/booking/reminder.job';
import { StaffAccountEntity } from '../../src/identity/entities/staff-account.entity';
import { NotificationOutbox } from '../../src/notifications/notification-outbox';
import { describeEngines } from '../support/describe-engines';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, DONGMEN, at, book, controlClock, serviceItemId, slotRow } from './booking-helpers';

const NOW = at('2026-09-17', '10:00'); // Thursday; the window is 09-18 .. 10-01
const events = (t: TestApp, key: string) => t.ds.query(`SELECT type, recipient_id, data_json, next_attempt_at FROM notification_event WHERE idempotency_key = '${key}'`);

// the denial logged for this object by this route (each route is checked for its own line, not the first one found)
async function waitForLog(t: TestApp, objectId: string, route: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 40; i++) {
    const text = readFileSync(t.config.log.file!, 'utf8');
    const lines = text.split('\n').filter((l) => l.includes(objectId) && l.includes('object_access_denied')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l.route === route);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no denial logged for ${objectId} by ${route}`);
}

describeEngines('booking on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let residence: string; // 居住证明
  let dibao: string; // 低保咨询
  let staff: string;
  let dongmen: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking', env: { ...BOOKING_TEST_ENV, BOOKING_ACTIVE_LIMIT: '3', BOOKING_CREATE_RATE_LIMIT: '8' } });
    clock = controlClock(t);
    clock.set(NOW);
    residence = await serviceItemId(t);
    dibao = await serviceItemId(t, MEICUN, '低保咨询');
    staff = await t.loginStaff('meicun');
    dongmen = await t.loginStaff('dongmen');
  });
  afterAll(async () => {
    await t?.close();
  });
  // logins happen at NOW only: the DB rate-limit windows are keyed by clock time and must not see time run backwards
  afterEach(() => clock.set(NOW));

  describe('residents', () => {
    it('lists service items with duration, materials and catalog codes', async () => {
      const token = await t.loginResident('items');
      const r = await t.call(routes.listServiceItems, {}, { params: { code: MEICUN }, token });
      expect(r.status).toBe(200);
      const names = r.body.items.map((i: { name: string }) => i.name);
      for (const n of ['高龄津贴申请咨询', '居住证明', '医保参保', '低保咨询', '其他', '收养人婚姻、子女与抚养能力情况证明']) expect(names).toContain(n);
      expect(r.body.items.find((i: { name: string }) => i.name === '收养人婚姻、子女与抚养能力情况证明')).toMatchObject({ catalogCode: 'IS-01', durationMinutes: 30, active: true });
      // other places' examples (Zhaoqing's 居(租)住证明, Shanxi's 党员 items …) are not 荆州区's: seeded switched off, not offered
      for (const n of ['居(租)住证明', '贫困学生证明', '权属来源证明', '在职党员到居住地报到情况反馈']) expect([n, names.includes(n)]).toEqual([n, false]);
      expect(r.body.items.find((i: { name: string }) => i.name === '高龄津贴申请咨询').materials).toContain('老人本人银行卡或存折');
      expect((await t.call(routes.listServiceItems, {}, { params: { code: '421003003' }, token })).status).toBe(404); // a street, not a community
    });

    it('books for self and for a family member; one active booking per person per service', async () => {
      const token = await t.loginResident('family-booker');
      const fm = await t.call(routes.addFamilyMember, { name: '张秀英', idNumber: '421003194207080025', relationship: 'parent', communityCode: MEICUN }, { token });
      expect(fm.status).toBe(201);
      const self = await book(t, token, { serviceItemId: residence, date: '2026-09-18', start: '09:00', selfName: '王小明' });
      expect(self.status).toBe(201);
      expect(self.body).toMatchObject({ personName: '王小明', familyMemberId: null, status: 'pending', responsible: null, canCancel: true, communityName: '梅村社区' });
      expect(self.body.passCode).toMatch(/^[A-Z0-9]{10}$/);
      const mother = await book(t, token, { serviceItemId: residence, date: '2026-09-18', start: '09:00', familyMemberId: fm.body.id });
      expect(mother.status).toBe(201);
      expect(mother.body).toMatchObject({ personName: '张秀英', familyMemberId: fm.body.id });
      // the same person, same service, another slot → refused; another service → fine
      const twice = await book(t, token, { serviceItemId: residence, date: '2026-09-21', start: '10:00', familyMemberId: fm.body.id });
      expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_BOOKED']);
      // another account that merely added the same ID number (not a verified proxy) neither learns of nor is blocked by
      // this account's booking (issue 15: the cross-account oracle); verified proxies share the rule (booking-proxies)
      const sibling = await t.loginResident('family-sibling');
      const fm2 = await t.call(routes.addFamilyMember, { name: '张秀英', idNumber: '421003194207080025', relationship: 'parent', communityCode: MEICUN }, { token: sibling });
      const viaSibling = await book(t, sibling, { serviceItemId: residence, date: '2026-09-22', start: '11:00', familyMemberId: fm2.body.id });
      expect([viaSibling.status, viaSibling.body.code]).toEqual([201, undefined]);
      expect((await book(t, token, { serviceItemId: dibao, date: '2026-09-21', start: '10:00', familyMemberId: fm.body.id })).status).toBe(201);
      // the refused attempts left the seats alone
      expect(await slotRow(t, MEICUN, '2026-09-21', '10:00')).toEqual({ capacity: 2, booked: 1 });
      // after a cancel, the person may book the service again
      expect((await t.call(routes.cancelBooking, {}, { params: { id: mother.body.id }, token })).status).toBe(200);
      expect((await book(t, token, { serviceItemId: residence, date: '2026-09-21', start: '10:00', familyMemberId: fm.body.id })).status).toBe(201);
      const mine = await t.call(routes.myBookings, { scope: 'active' }, { token });
      expect(mine.body.total).toBe(3);
    });

    it('a family member of another account → 404 (no booking made)', async () => {
      const a = await t.loginResident('fm-owner');
      const b = await t.loginResident('fm-thief');
      const fm = await t.call(routes.addFamilyMember, { name: '刘德明', idNumber: '421003193001010035', relationship: 'grandparent', communityCode: MEICUN }, { token: a });
      const r = await book(t, b, { serviceItemId: residence, date: '2026-09-18', start: '10:00', familyMemberId: fm.body.id });
      expect([r.status, r.body.code]).toEqual([404, 'NOT_FOUND']);
      expect(await slotRow(t, MEICUN, '2026-09-18', '10:00')).toBeUndefined();
    });

    it('fills a slot and then answers SLOT_FULL (pending bookings count against capacity)', async () => {
      for (const u of ['full-1', 'full-2']) expect((await book(t, await t.loginResident(u), { serviceItemId: residence, date: '2026-09-18', start: '15:00' })).status).toBe(201);
      const third = await book(t, await t.loginResident('full-3'), { serviceItemId: residence, date: '2026-09-18', start: '15:00' });
      expect([third.status, third.body.code]).toEqual([409, 'SLOT_FULL']);
      expect(await slotRow(t, MEICUN, '2026-09-18', '15:00')).toEqual({ capacity: 2, booked: 2 });
      expect(Number((await t.ds.query(`SELECT COUNT(*) AS n FROM booking WHERE date = '2026-09-18' AND start_time = '15:00'`))[0].n)).toBe(2);
    });

    it('idempotency: 10 concurrent requests with one key → one booking, identical responses; another body → 422; header must match', async () => {
      const token = await t.loginResident('idem');
      const key = randomUUID();
      const input = { serviceItemId: residence, date: '2026-09-18', start: '16:00', selfName: '赵大爷', idempotencyKey: key };
      const replies = await Promise.all(Array.from({ length: 10 }, () => t.call(routes.createBooking, input, { token })));
      expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
      const rows = await t.ds.query(`SELECT b.id FROM booking b JOIN booking_idempotency i ON i.booking_id = b.id WHERE i.idem_key = '${key}'`);
      expect(rows).toHaveLength(1);
      expect(await slotRow(t, MEICUN, '2026-09-18', '16:00')).toEqual({ capacity: 2, booked: 1 });
      // the key is kept ≥ 24 h
      const kept = (await t.ds.query(`SELECT created_at, expires_at FROM booking_idempotency WHERE idem_key = '${key}'`))[0];
      expect(new Date(kept.expires_at).getTime() - new Date(kept.created_at).getTime()).toBeGreaterThanOrEqual(24 * 3600_000);
      const other = await t.call(routes.createBooking, { ...input, start: '16:30' }, { token });
      expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
      const mismatch = await t.call(routes.createBooking, { ...input, idempotencyKey: randomUUID() }, { token, headers: { 'idempotency-key': randomUUID() } });
      expect([mismatch.status, mismatch.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      // negative control: without the key (a fresh key per tap) the same body is a second attempt → ALREADY_BOOKED
      const fresh = await t.call(routes.createBooking, { ...input, idempotencyKey: randomUUID() }, { token });
      expect([fresh.status, fresh.body.code]).toEqual([409, 'ALREADY_BOOKED']);
    });

    it('B1: at most BOOKING_ACTIVE_LIMIT active bookings per account, and a rate limit with Retry-After', async () => {
      const token = await t.loginResident('b1');
      const people = ['甲一', '乙二', '丙三', '丁四', '戊五'];
      const replies = await Promise.all(people.map((n, i) => book(t, token, { serviceItemId: residence, date: '2026-09-23', start: ['08:30', '09:00', '09:30', '10:00', '10:30'][i], selfName: `王${n}` })));
      // selfName differs but "self" is one person: only one booking per service for self
      expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
      const items = (await t.call(routes.listServiceItems, {}, { params: { code: MEICUN }, token })).body.items.map((i: { id: string }) => i.id);
      const more = [];
      for (const [i, id] of items.slice(0, 4).entries()) more.push(await book(t, token, { serviceItemId: id, date: '2026-09-24', start: ['14:30', '15:00', '15:30', '16:00'][i] }));
      const created = replies.filter((r) => r.status === 201).length + more.filter((r) => r.status === 201).length;
      expect(created).toBe(3); // BOOKING_ACTIVE_LIMIT=3
      expect(more.some((r) => r.status === 409 && r.body.code === 'ACTIVE_BOOKING_LIMIT')).toBe(true);
      expect(Number((await t.ds.query(`SELECT active_count AS n FROM booking_account_quota WHERE account_id = (SELECT account_id FROM booking WHERE id = '${replies.find((r) => r.status === 201)!.body.id}')`))[0].n)).toBe(3);
    });

    it('B1: bookings made per account per minute are rate-limited (429 + Retry-After); refused attempts do not count', async () => {
      const token = await t.loginResident('b1-rate');
      // BOOKING_CREATE_RATE_LIMIT=8: eight book+cancel rounds succeed, the ninth booking is refused
      for (let i = 0; i < 8; i++) {
        const r = await book(t, token, { serviceItemId: residence, date: '2026-09-28', start: '08:30' });
        expect(r.status).toBe(201);
        expect((await t.call(routes.cancelBooking, {}, { params: { id: r.body.id }, token })).status).toBe(200);
      }
      const limited = await book(t, token, { serviceItemId: residence, date: '2026-09-28', start: '08:30' });
      expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number((await t.ds.query(`SELECT COUNT(*) AS n FROM booking WHERE date = '2026-09-28' AND status = 'pending'`))[0].n)).toBe(0);
      // two windows later the sliding-window count has drained
      clock.set(new Date(NOW.getTime() + 121_000));
      const later = await book(t, token, { serviceItemId: residence, date: '2026-09-28', start: '08:30' });
      expect(later.status).toBe(201);
      clock.set(NOW);
    });

    it('cancel and reschedule until the cutoff (2 h before), not after', async () => {
      const token = await t.loginResident('cutoff');
      const b = await book(t, token, { serviceItemId: residence, date: '2026-09-18', start: '11:00' });
      expect(b.body.cutoffAt).toBe('2026-09-18T01:00:00.000Z'); // 09:00 Shanghai
      const moved = await t.call(routes.rescheduleBooking, { date: '2026-09-18', start: '11:30' }, { params: { id: b.body.id }, token });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ start: '11:30', status: 'pending' });
      expect(await slotRow(t, MEICUN, '2026-09-18', '11:00')).toEqual({ capacity: 2, booked: 0 });
      expect(await slotRow(t, MEICUN, '2026-09-18', '11:30')).toEqual({ capacity: 2, booked: 1 });
      expect(moved.body.log.map((l: { action: string }) => l.action)).toEqual(['created', 'rescheduled']);
      clock.set(at('2026-09-18', '09:31')); // cutoff for 11:30 is 09:30
      const late = await t.call(routes.cancelBooking, {}, { params: { id: b.body.id }, token });
      expect([late.status, late.body.code]).toEqual([409, 'BOOKING_CUTOFF_PASSED']);
      const lateMove = await t.call(routes.rescheduleBooking, { date: '2026-09-21', start: '09:00' }, { params: { id: b.body.id }, token });
      expect([lateMove.status, lateMove.body.code]).toEqual([409, 'BOOKING_CUTOFF_PASSED']);
      expect((await t.call(routes.getBooking, {}, { params: { id: b.body.id }, token })).body).toMatchObject({ status: 'pending', canCancel: false, canReschedule: false });
      clock.set(at('2026-09-18', '09:29'));
      const inTime = await t.call(routes.cancelBooking, { reason: '临时有事' }, { params: { id: b.body.id }, token });
      expect([inTime.status, inTime.body.status]).toEqual([200, 'cancelled']);
      expect(await slotRow(t, MEICUN, '2026-09-18', '11:30')).toEqual({ capacity: 2, booked: 0 });
      const again = await t.call(routes.cancelBooking, {}, { params: { id: b.body.id }, token });
      expect([again.status, again.body.code]).toEqual([409, 'BOOKING_STATE_CONFLICT']);
      clock.set(NOW);
    });
  });

  describe('staff desk and 首问负责制', () => {
    let colleagueId: string;
    beforeAll(async () => {
      colleagueId = randomUUID();
      await t.ds.getRepository(StaffAccountEntity).insert({
        id: colleagueId, username: 'meicun-li', displayName: '李娟', role: 'community_staff', regionCode: MEICUN, passwordHash: null, openidHash: null,
        active: true, createdAt: new Date(), updatedAt: new Date(),
      });
    });

    it('confirm makes the confirmer responsible, records the notification in the same transaction', async () => {
      const token = await t.loginResident('confirm');
      const b = await book(t, token, { serviceItemId: residence, date: '2026-09-21', start: '14:30' });
      // a failing outbox write rolls the confirmation back (same transaction)
      const outbox = t.app.app.get(NotificationOutbox);
      const spy = jest.spyOn(outbox, 'record').mockRejectedValueOnce(new Error('outbox down'));
      const failed = await t.call(routes.staffConfirmBooking, {}, { params: { id: b.body.id }, token: staff });
      expect(failed.status).toBe(500);
      spy.mockRestore();
      const still = (await t.call(routes.staffGetBooking, {}, { params: { id: b.body.id }, token: staff })).body;
      expect([still.status, still.responsible, still.log.length]).toEqual(['pending', null, 1]);
      expect(await events(t, `booking:${b.body.id}:confirmed`)).toHaveLength(0);

      const ok = await t.call(routes.staffConfirmBooking, { note: '材料齐全' }, { params: { id: b.body.id }, token: staff });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'confirmed', responsible: { name: expect.any(String), post: '综合服务岗' }, handedOver: false });
      const ev = await events(t, `booking:${b.body.id}:confirmed`);
      expect(ev).toHaveLength(1);
      expect(ev[0].type).toBe('booking_confirmed');
      expect(JSON.parse(ev[0].data_json)).toMatchObject({ serviceName: '居住证明', personName: '王建国', startsAt: '2026-09-21T06:30:00.000Z', place: '梅村社区党群服务中心' });
      // racing / repeated confirmation: the second is refused and records nothing more
      const twice = await t.call(routes.staffConfirmBooking, {}, { params: { id: b.body.id }, token: staff });
      expect([twice.status, twice.body.code]).toEqual([409, 'BOOKING_STATE_CONFLICT']);
      expect(await events(t, `booking:${b.body.id}:confirmed`)).toHaveLength(1);
      // the resident sees the responsible person's name and post
      const seen = (await t.call(routes.getBooking, {}, { params: { id: b.body.id }, token })).body;
      // (issue 10: residents get names and posts only — staff see the id, the resident does not)
      expect(ok.body.responsible.staffId).toEqual(expect.any(String));
      expect(seen.responsible).toEqual({ name: ok.body.responsible.name, post: ok.body.responsible.post });
      expect(seen.log.map((l: { action: string }) => l.action)).toEqual(['created', 'confirmed']);
    });

    it('reject with a reason frees the seat and notifies; staff cancel notifies too', async () => {
      const token = await t.loginResident('reject');
      const b = await book(t, token, { serviceItemId: residence, date: '2026-09-21', start: '15:00' });
      const r = await t.call(routes.staffRejectBooking, { reason: '该事项需到街道办理' }, { params: { id: b.body.id }, token: staff });
      expect(r.body).toMatchObject({ status: 'rejected', rejectReason: '该事项需到街道办理' });
      expect(await slotRow(t, MEICUN, '2026-09-21', '15:00')).toEqual({ capacity: 2, booked: 0 });
      expect(JSON.parse((await events(t, `booking:${b.body.id}:rejected`))[0].data_json).reason).toBe('该事项需到街道办理');
      const c = await book(t, token, { serviceItemId: residence, date: '2026-09-21', start: '15:00' });
      await t.call(routes.staffConfirmBooking, {}, { params: { id: c.body.id }, token: staff });
      const x = await t.call(routes.staffCancelBooking, { reason: '临时停电' }, { params: { id: c.body.id }, token: staff });
      expect(x.body.status).toBe('cancelled');
      expect(await events(t, `booking:${c.body.id}:cancelled_by_staff`)).toHaveLength(1);
      expect(await slotRow(t, MEICUN, '2026-09-21', '15:00')).toEqual({ capacity: 2, booked: 0 });
    });

    it('check-in by pass code (today only), done; walk-in takes a seat of the same slot capacity', async () => {
      const token = await t.loginResident('checkin');
      const b = await book(t, token, { serviceItemId: residence, date: '2026-09-18', start: '14:30' });
      const notToday = await t.call(routes.staffCheckIn, { passCode: b.body.passCode }, { params: { code: MEICUN }, token: staff });
      expect([notToday.status, notToday.body.code]).toEqual([409, 'CHECK_IN_NOT_TODAY']);
      clock.set(at('2026-09-18', '14:20'));
      const wrong = await t.call(routes.staffCheckIn, { passCode: 'ZZZZZZZZZZ' }, { params: { code: MEICUN }, token: staff });
      expect([wrong.status, wrong.body.code]).toEqual([404, 'PASS_CODE_NOT_FOUND']);
      const elsewhere = await t.call(routes.staffCheckIn, { passCode: b.body.passCode }, { params: { code: DONGMEN }, token: dongmen });
      expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'PASS_CODE_NOT_FOUND']);
      const ok = await t.call(routes.staffCheckIn, { passCode: b.body.passCode.toLowerCase() }, { params: { code: MEICUN }, token: staff });
      expect(ok.body).toMatchObject({ status: 'checked_in', responsible: { name: expect.any(String) } });
      // walk-in into the same 14:30 slot: one seat left, then full — also for online bookings
      const w1 = await t.call(routes.staffRegisterWalkIn, { serviceItemId: residence, personName: '周阿姨' }, { params: { code: MEICUN }, token: staff });
      expect(w1.status).toBe(201);
      expect(w1.body).toMatchObject({ channel: 'walk_in', status: 'checked_in', start: '14:30', bookedByName: '现场登记' });
      expect(w1.body.responsible.staffId).toBe(w1.body.handler.staffId);
      const w2 = await t.call(routes.staffRegisterWalkIn, { serviceItemId: residence, personName: '吴大爷', start: '14:30' }, { params: { code: MEICUN }, token: staff });
      expect([w2.status, w2.body.code]).toEqual([409, 'SLOT_FULL']);
      expect(await slotRow(t, MEICUN, '2026-09-18', '14:30')).toEqual({ capacity: 2, booked: 2 });
      const done = await t.call(routes.staffCompleteBooking, {}, { params: { id: b.body.id }, token: staff });
      expect(done.body.status).toBe('done');
      expect(done.body.log.map((l: { action: string }) => l.action)).toEqual(['created', 'checked_in', 'done']);
      clock.set(NOW);
    });

    it('hand-over keeps the first receiver accountable and logs the reason; missing materials are listed at once', async () => {
      const token = await t.loginResident('handover');
      const b = await book(t, token, { serviceItemId: dibao, date: '2026-09-22', start: '09:00' });
      const cols = await t.call(routes.staffColleagues, {}, { params: { code: MEICUN }, token: staff });
      expect(cols.body.items.map((c: { name: string }) => c.name)).toContain('李娟');
      const self = cols.body.items.find((c: { staffId: string; role: string }) => c.role === 'community_staff' && c.staffId !== colleagueId);
      const toSelf = await t.call(routes.staffHandOver, { toStaffId: self.staffId, reason: 'x' }, { params: { id: b.body.id }, token: staff });
      expect([toSelf.status, toSelf.body.code]).toEqual([400, 'HAND_OVER_TARGET_INVALID']);
      const dongmenStaff = (await t.call(routes.staffColleagues, {}, { params: { code: DONGMEN }, token: dongmen })).body.items.find((c: { role: string }) => c.role === 'community_staff');
      const outside = await t.call(routes.staffHandOver, { toStaffId: dongmenStaff.staffId, reason: 'x' }, { params: { id: b.body.id }, token: staff });
      expect([outside.status, outside.body.code]).toEqual([400, 'HAND_OVER_TARGET_INVALID']);
      const h = await t.call(routes.staffHandOver, { toStaffId: colleagueId, reason: '需要民政专干办理' }, { params: { id: b.body.id }, token: staff });
      expect(h.status).toBe(200);
      expect(h.body.responsible.staffId).toBe(self.staffId);
      expect(h.body.handler).toMatchObject({ staffId: colleagueId, name: '李娟' });
      expect(h.body.handedOver).toBe(true);
      // the colleague is told in the inbox (the case kit's hand-over message), linking to the booking
      const told = await t.ds.query("SELECT title, body, link_kind, link_id FROM inbox_message WHERE recipient_kind = 'staff' AND recipient_id = ? AND type = 'case_handed_over'", [colleagueId]);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ link_kind: 'booking', link_id: b.body.id });
      expect(told[0].body).toContain('需要民政专干办理');
      const m = await t.call(routes.staffRecordMissingMaterials, { items: ['户口簿原件', '收入证明', '户口簿原件'], note: '下次一起带来' }, { params: { id: b.body.id }, token: staff });
      expect(m.body.missingMaterials).toEqual(['户口簿原件', '收入证明']);
      await t.call(routes.staffAddCaseNote, { note: '内部备注：已电话联系' }, { params: { id: b.body.id }, token: staff });
      const seen = (await t.call(routes.getBooking, {}, { params: { id: b.body.id }, token })).body;
      expect(seen.missingMaterials).toEqual(['户口簿原件', '收入证明']);
      // the resident sees names and posts only (issue 10): no staff ids, and the hand-over's reason stays internal
      expect(seen.responsible).toEqual({ name: self.name, post: self.post });
      expect(seen.handler).toEqual({ name: '李娟', post: expect.any(String) });
      expect(seen.handedOver).toBe(true);
      expect(JSON.stringify(seen)).not.toContain(self.staffId);
      expect(JSON.stringify(seen)).not.toContain(colleagueId);
      expect(seen.log.map((l: { action: string }) => l.action)).toEqual(['created', 'handed_over', 'materials_missing']); // internal notes hidden
      expect(seen.log[1].note).toBe('转交给李娟');
      expect(JSON.stringify(seen.log)).not.toContain('需要民政专干办理');
      expect(JSON.stringify(seen.log)).not.toContain('已电话联系');
      const staffView = (await t.call(routes.staffGetBooking, {}, { params: { id: b.body.id }, token: staff })).body;
      expect(staffView.log.map((l: { action: string }) => l.action)).toEqual(['created', 'handed_over', 'materials_missing', 'note']);
      expect(staffView.log.map((l: { internal: boolean }) => l.internal)).toEqual([false, false, false, true]);
      expect(staffView.log[1].note).toBe('转交给李娟：需要民政专干办理');
    });

    it('no-show only after the start; 3 no-shows in 90 days block online booking for a while', async () => {
      const token = await t.loginResident('noshow');
      const items = (await t.call(routes.listServiceItems, {}, { params: { code: MEICUN }, token })).body.items.map((i: { id: string }) => i.id);
      const ids: string[] = [];
      for (const [i, start] of ['08:30', '09:00', '09:30'].entries()) ids.push((await book(t, token, { serviceItemId: items[i], date: '2026-09-18', start })).body.id);
      const early = await t.call(routes.staffMarkNoShow, {}, { params: { id: ids[0] }, token: staff });
      expect([early.status, early.body.code]).toEqual([409, 'BOOKING_STATE_CONFLICT']);
      clock.set(at('2026-09-18', '12:00'));
      for (const id of ids) expect((await t.call(routes.staffMarkNoShow, {}, { params: { id }, token: staff })).body.status).toBe('no_show');
      const blocked = await book(t, token, { serviceItemId: items[3], date: '2026-09-21', start: '08:30' });
      expect([blocked.status, blocked.body.code]).toEqual([403, 'NO_SHOW_LIMIT']);
      expect(blocked.body.details.blockedUntil).toBe(new Date(at('2026-09-18', '09:30').getTime() + 30 * 86400_000).toISOString());
      clock.set(at('2026-10-19', '10:00')); // 30 days after the last no-show
      expect((await book(t, token, { serviceItemId: items[3], date: '2026-10-20', start: '08:30' })).status).toBe(201);
      clock.set(NOW);
    });

    it('flags cases left unhandled past the threshold to the community lead', async () => {
      const token = await t.loginResident('flagged');
      const b = await book(t, token, { serviceItemId: dibao, date: '2026-09-29', start: '09:00' });
      const before = await t.call(routes.staffFlaggedBookings, {}, { params: { code: MEICUN }, token: staff });
      expect(before.body.items.map((i: { id: string }) => i.id)).not.toContain(b.body.id);
      clock.set(new Date(NOW.getTime() + 241 * 60_000)); // threshold 240 min
      const after = await t.call(routes.staffFlaggedBookings, {}, { params: { code: MEICUN }, token: staff });
      expect(after.body.thresholdMinutes).toBe(240);
      expect(after.body.items.find((i: { id: string }) => i.id === b.body.id)).toMatchObject({ flagReason: 'unconfirmed', overdueMinutes: 1 });
      clock.set(NOW);
    });

    it('reminder the day before: recorded once, not for a cancelled booking, at the new time after a reschedule', async () => {
      const job = t.app.app.get(BookingReminderJob);
      const token = await t.loginResident('reminder');
      const keep = await book(t, token, { serviceItemId: residence, date: '2026-09-25'.replace('25', '24'), start: '16:00' });
      const gone = await book(t, token, { serviceItemId: dibao, date: '2026-09-24', start: '16:00' });
      for (const b of [keep, gone]) await t.call(routes.staffConfirmBooking, {}, { params: { id: b.body.id }, token: staff });
      clock.set(at('2026-09-23', '17:00'));
      expect(await job.runOnce()).toBe(0); // before BOOKING_REMINDER_HOUR
      await t.call(routes.cancelBooking, {}, { params: { id: gone.body.id }, token });
      clock.set(at('2026-09-23', '18:05'));
      await job.runOnce();
      await job.runOnce();
      expect(await events(t, `booking:${keep.body.id}:reminder:2026-09-24T16:00`)).toHaveLength(1);
      expect(await t.ds.query(`SELECT id FROM notification_event WHERE idempotency_key LIKE 'booking:${gone.body.id}:reminder:%'`)).toHaveLength(0);
      clock.set(NOW);
    });

    it('exports a day and a month as XLSX that exceljs opens, with the rows', async () => {
      const day = await t.call(routes.staffExportBookings, { date: '2026-09-18' }, { params: { code: MEICUN }, token: staff });
      expect(day.status).toBe(200);
      expect(day.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(day.body.base64, 'base64') as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const expected = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM booking WHERE community_code = '${MEICUN}' AND date = '2026-09-18'`))[0].n);
      expect(expected).toBeGreaterThan(3);
      expect(ws.rowCount).toBe(expected + 1);
      expect(ws.getRow(1).getCell(1).value).toBe('日期');
      const persons = ws.getColumn(4).values.slice(2);
      expect(persons).toContain('周阿姨');
      const month = await t.call(routes.staffExportBookings, { month: '2026-09' }, { params: { code: MEICUN }, token: staff });
      expect(month.body.rows).toBe(Number((await t.ds.query(`SELECT COUNT(*) AS n FROM booking WHERE community_code = '${MEICUN}' AND date LIKE '2026-09-%'`))[0].n));
      const both = await t.call(routes.staffExportBookings, { date: '2026-09-18', month: '2026-09' } as never, { params: { code: MEICUN }, token: staff });
      expect(both.status).toBe(400);
    });

    it('exports any span of days (issue 14 item 11): the rows of those days, both ends included, named by the span', async () => {
      const span = await t.call(routes.staffExportBookings, { from: '2026-09-17', to: '2026-09-18' }, { params: { code: MEICUN }, token: staff });
      expect(span.status).toBe(200);
      const expected = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM booking WHERE community_code = '${MEICUN}' AND date >= '2026-09-17' AND date <= '2026-09-18'`))[0].n);
      const day18 = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM booking WHERE community_code = '${MEICUN}' AND date = '2026-09-18'`))[0].n);
      expect(expected).toBeGreaterThan(0);
      expect(span.body.rows).toBe(expected);
      expect(span.body.fileName).toContain('2026-09-17至2026-09-18');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(span.body.base64, 'base64') as unknown as ArrayBuffer);
      const dates = wb.worksheets[0].getColumn(1).values.slice(2) as string[];
      expect(dates.every((d) => d === '2026-09-17' || d === '2026-09-18')).toBe(true);
      expect(dates.filter((d) => d === '2026-09-18')).toHaveLength(day18);
      const backwards = await t.call(routes.staffExportBookings, { from: '2026-09-18', to: '2026-09-17' }, { params: { code: MEICUN }, token: staff });
      expect(backwards.status).toBe(400);
      expect(backwards.body.code).toBe('VALIDATION_FAILED');
    });

    it('staff day list filters by status', async () => {
      const all = await t.call(routes.staffDayBookings, { date: '2026-09-18' }, { params: { code: MEICUN }, token: staff });
      const done = await t.call(routes.staffDayBookings, { date: '2026-09-18', state: 'done' }, { params: { code: MEICUN }, token: staff });
      expect(all.body.total).toBeGreaterThan(done.body.total);
      expect(done.body.items.every((i: { status: string }) => i.status === 'done')).toBe(true);
      expect(done.body.total).toBeGreaterThan(0);
    });
  });

  describe('authorization matrices', () => {
    const idRoute = (r: RouteDef) => /:id\b/.test(r.path);
    const bodyFor: Record<string, unknown> = {
      cancelBooking: {}, rescheduleBooking: { date: '2026-09-29', start: '10:00' }, staffRejectBooking: { reason: '测试' }, staffCancelBooking: { reason: '测试' },
      staffHandOver: { toStaffId: randomUUID(), reason: '测试' }, staffRecordMissingMaterials: { items: ['户口簿'] }, staffAddCaseNote: { note: '测试' },
      staffUpdateServiceItem: { active: false }, staffPublishStatutoryYear: { source: '测试', days: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }] },
    };

    it('A2: a resident session gets 403 on every staff booking route', async () => {
      const token = await t.loginResident('a2');
      const staffRoutes = Object.entries(bookingRoutes).filter(([, r]) => r.auth === 'staff');
      expect(staffRoutes.length).toBeGreaterThan(20);
      for (const [name, r] of staffRoutes) {
        const params = idRoute(r) ? { id: randomUUID() } : /:year\b/.test(r.path) ? { year: '2030' } : { code: MEICUN };
        const res = await t.call(r as RouteDef, (bodyFor[name] ?? {}) as never, { params: params as never, token });
        expect([name, res.status]).toEqual([name, 403]);
      }
      // positive control: the same calls as staff are not 403
      const asStaff = await t.call(routes.staffDayBookings, { date: '2026-09-18' }, { params: { code: MEICUN }, token: staff });
      expect(asStaff.status).toBe(200);
    });

    it('A1: another resident\'s booking id answers exactly like a random id, changes nothing and is logged', async () => {
      const owner = await t.loginResident('a1-owner');
      const other = await t.loginResident('a1-other');
      const b = await book(t, owner, { serviceItemId: residence, date: '2026-09-29', start: '09:30' });
      const snapshot = JSON.stringify(await t.ds.query(`SELECT * FROM booking WHERE id = '${b.body.id}'`));
      const residentIdRoutes = Object.entries(bookingRoutes).filter(([, r]) => r.auth === 'resident' && idRoute(r));
      expect(residentIdRoutes.map(([n]) => n).sort()).toEqual(['cancelBooking', 'getBooking', 'rescheduleBooking']);
      for (const [name, r] of residentIdRoutes) {
        const theirs = await t.call(r as RouteDef, (bodyFor[name] ?? {}) as never, { params: { id: b.body.id } as never, token: other });
        const random = await t.call(r as RouteDef, (bodyFor[name] ?? {}) as never, { params: { id: randomUUID() } as never, token: other });
        expect([name, theirs.status, theirs.body]).toEqual([name, 404, random.body]);
        const line = await waitForLog(t, b.body.id, name);
        expect(line).toMatchObject({ event: 'object_access_denied', objectId: b.body.id, user: expect.stringMatching(/^resident:/), route: name });
        expect(new Date(line.at as string).toISOString()).toBe(line.at);
      }
      expect(JSON.stringify(await t.ds.query(`SELECT * FROM booking WHERE id = '${b.body.id}'`))).toBe(snapshot);
      expect((await t.call(routes.getBooking, {}, { params: { id: b.body.id }, token: owner })).status).toBe(200); // positive control
    });

    it('A1 for staff: another community\'s booking / closure / item → the same 404 as random ids, nothing changed', async () => {
      const owner = await t.loginResident('a1s-owner');
      const b = await book(t, owner, { serviceItemId: residence, date: '2026-09-29', start: '10:00' });
      const closure = await t.call(routes.staffAddClosure, { date: '2026-09-30', reason: '测试' }, { params: { code: MEICUN }, token: staff });
      const ids: Record<string, string> = { staffRemoveClosure: closure.body.id, staffUpdateServiceItem: residence };
      const before = JSON.stringify(await t.ds.query(`SELECT * FROM booking WHERE id = '${b.body.id}'`));
      const staffIdRoutes = Object.entries(bookingRoutes).filter(([, r]) => r.auth === 'staff' && idRoute(r));
      expect(staffIdRoutes.length).toBeGreaterThanOrEqual(11);
      // routes marked stepUp (the phone reveal) ask for the password first: re-entered, so scope is what answers
      expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: dongmen })).status).toBe(200);
      for (const [name, r] of staffIdRoutes) {
        const id = ids[name] ?? b.body.id;
        const theirs = await t.call(r as RouteDef, (bodyFor[name] ?? {}) as never, { params: { id } as never, token: dongmen });
        const random = await t.call(r as RouteDef, (bodyFor[name] ?? {}) as never, { params: { id: randomUUID() } as never, token: dongmen });
        expect([name, theirs.status, theirs.body]).toEqual([name, 404, random.body]);
      }
      const communityRoutes = Object.entries(bookingRoutes).filter(([, r]) => r.auth === 'staff' && /:code\b/.test(r.path));
      const communityBody: Record<string, unknown> = {
        staffDayBookings: { date: '2026-09-29' }, staffCheckIn: { passCode: b.body.passCode }, staffRegisterWalkIn: { serviceItemId: residence, personName: '测试人' },
        staffExportBookings: { month: '2026-09' }, staffUpdateBookingSettings: { postCount: 9 }, staffAddClosure: { date: '2026-09-28', reason: '测试' },
        staffCreateServiceItem: { name: '测试事项', durationMinutes: 10 },
      };
      for (const [name, r] of communityRoutes) {
        const theirs = await t.call(r as RouteDef, (communityBody[name] ?? {}) as never, { params: { code: MEICUN } as never, token: dongmen });
        expect([name, theirs.status]).toEqual([name, 404]);
      }
      expect(JSON.stringify(await t.ds.query(`SELECT * FROM booking WHERE id = '${b.body.id}'`))).toBe(before);
      expect((await t.ds.query(`SELECT post_count FROM booking_settings WHERE community_code = '${MEICUN}'`))[0].post_count).not.toBe(9);
      expect(await t.ds.query(`SELECT id FROM booking_closure WHERE date = '2026-09-28'`)).toHaveLength(0);
      expect(await t.ds.query(`SELECT id FROM booking_closure WHERE id = '${closure.body.id}'`)).toHaveLength(1);
      expect((await t.call(routes.staffGetBooking, {}, { params: { id: b.body.id }, token: staff })).status).toBe(200); // positive control
      expect((await t.call(routes.staffGetBooking, {}, { params: { id: b.body.id }, token: await t.loginStaff('district') })).status).toBe(200);
    });
  });
});
