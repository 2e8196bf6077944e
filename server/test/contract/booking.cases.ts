import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import { publishUnknownYears } from '../support/statutory-years';
import type { TestApp } from '../support/test-app';
import type { ContractContext, ModuleContractCases } from './contract-cases';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const CODE = '421003003003';

// the contract suite runs on the real clock: once per app, a year in reach that the calendar does not know is published
// (as the district admin would), then a bookable slot of the 居住证明 item in 梅村社区 is found right now
const yearsPublished = new WeakMap<TestApp, Promise<number[]>>();
const knownYears = (t: TestApp) => {
  if (!yearsPublished.has(t)) yearsPublished.set(t, t.loginStaff('district').then((token) => publishUnknownYears((route, input, o) => t.call(route, input as never, o as never), token)));
  return yearsPublished.get(t)!;
};

async function openSlot(t: TestApp, token: string) {
  await knownYears(t);
  const items = (await t.call(routes.listServiceItems, {}, { params: { code: CODE }, token })).body.items as { id: string; name: string }[];
  const item = items.find((i) => i.name === '居住证明') ?? items[0];
  const av = (await t.call(routes.serviceAvailability, {}, { params: { id: item.id }, token })).body;
  for (const d of av.days as { date: string; slots: { start: string; bookable: boolean }[] }[]) {
    const s = d.slots.find((x) => x.bookable);
    if (s) return { serviceItemId: item.id, date: d.date, start: s.start };
  }
  throw new Error('no bookable slot in the booking window');
}

async function freshBooking(c: ContractContext, user: string) {
  const token = await c.t.loginResident(user);
  const slot = await openSlot(c.t, token);
  const r = await c.t.call(routes.createBooking, { ...slot, selfName: '王建国', idempotencyKey: randomUUID() }, { token });
  expect(r.status).toBe(201);
  return { token, booking: r.body as { id: string; passCode: string }, slot };
}

const staffStatus = async (c: ContractContext, id: string) => (await c.t.call(routes.staffGetBooking, {}, { params: { id }, token: c.staff })).body.status as string;

// contract cases of the booking module's routes (see contract-cases.ts)
export const BOOKING_CASES: ModuleContractCases = {
  validParams: {
    listServiceItems: { code: CODE },
    serviceAvailability: { id: ID },
    getBooking: { id: ID },
    cancelBooking: { id: ID },
    rescheduleBooking: { id: ID },
    staffDayBookings: { code: CODE },
    staffBookingQueue: { code: CODE },
    staffGetBooking: { id: ID },
    staffConfirmBooking: { id: ID },
    staffRejectBooking: { id: ID },
    staffCancelBooking: { id: ID },
    staffCheckIn: { code: CODE },
    staffRegisterWalkIn: { code: CODE },
    staffCompleteBooking: { id: ID },
    staffMarkNoShow: { id: ID },
    staffHandOver: { id: ID },
    staffRecordMissingMaterials: { id: ID },
    staffAddCaseNote: { id: ID },
    staffFlaggedBookings: { code: CODE },
    staffColleagues: { code: CODE },
    staffExportBookings: { code: CODE },
    staffGetBookingSettings: { code: CODE },
    staffUpdateBookingSettings: { code: CODE },
    staffListClosures: { code: CODE },
    staffAddClosure: { code: CODE },
    staffRemoveClosure: { id: ID },
    staffListServiceItems: { code: CODE },
    staffCreateServiceItem: { code: CODE },
    staffUpdateServiceItem: { id: ID },
    staffStatutoryYears: {},
    staffGetStatutoryYear: { year: '2099' },
    staffPublishStatutoryYear: { year: '2099' },
    staffRevealBookingPhone: { id: ID },
  },
  okForValid: {
    listServiceItems: [200, 404],
    serviceAvailability: [200, 404],
    createBooking: [201, 400, 403, 404, 409, 422, 429],
    myBookings: [200],
    getBooking: [200, 404],
    cancelBooking: [200, 404, 409],
    rescheduleBooking: [200, 400, 403, 404, 409],
    staffDayBookings: [200, 400, 404],
    staffBookingQueue: [200, 404],
    staffGetBooking: [200, 404],
    staffConfirmBooking: [200, 404, 409],
    staffRejectBooking: [200, 400, 404, 409],
    staffCancelBooking: [200, 400, 404, 409],
    staffCheckIn: [200, 400, 404, 409],
    staffRegisterWalkIn: [201, 400, 404, 409],
    staffCompleteBooking: [200, 404, 409],
    staffMarkNoShow: [200, 404, 409],
    staffHandOver: [200, 400, 404, 409],
    staffRecordMissingMaterials: [200, 400, 404, 409],
    staffAddCaseNote: [200, 400, 404],
    staffFlaggedBookings: [200, 404],
    staffColleagues: [200, 404],
    staffExportBookings: [200, 400, 404, 413],
    staffGetBookingSettings: [200, 404],
    staffUpdateBookingSettings: [200, 400, 404],
    staffListClosures: [200, 404],
    staffAddClosure: [201, 400, 404, 409],
    staffRemoveClosure: [200, 404],
    staffListServiceItems: [200, 404],
    staffCreateServiceItem: [201, 400, 404],
    staffUpdateServiceItem: [200, 404],
    staffStatutoryYears: [200],
    staffStatutoryGap: [200],
    staffGetStatutoryYear: [200],
    staffPublishStatutoryYear: [200, 400],
    staffRevealBookingPhone: [200, 404],
  },
  massAssignment: {
    // createBooking rejects extra fields (status, accountId, …) and books nothing; the clean input then books
    createBooking: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-book');
      const input = { ...(await openSlot(t, token)), selfName: '王建国', idempotencyKey: randomUUID() };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('createBooking'), { body: { ...input, ...extra }, token }));
      const ok = await t.call(routes.createBooking, input, { token });
      expect([ok.status, ok.body.status]).toEqual([201, 'pending']);
    },
    cancelBooking: async (c) => {
      const { token, booking } = await freshBooking(c, 'mass-cancel');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('cancelBooking', { id: booking.id }), { body: extra, token }));
      expect((await c.t.call(routes.cancelBooking, {}, { params: { id: booking.id }, token })).body.status).toBe('cancelled');
    },
    rescheduleBooking: async (c) => {
      const { token, booking, slot } = await freshBooking(c, 'mass-reschedule');
      const av = (await c.t.call(routes.serviceAvailability, {}, { params: { id: slot.serviceItemId }, token })).body;
      const other = (av.days as { date: string; slots: { start: string; bookable: boolean }[] }[])
        .flatMap((d) => d.slots.filter((s) => s.bookable).map((s) => ({ date: d.date, start: s.start })))
        .find((s) => s.date !== slot.date || s.start !== slot.start)!;
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('rescheduleBooking', { id: booking.id }), { body: { ...other, ...extra }, token }));
      expect((await c.t.call(routes.rescheduleBooking, other, { params: { id: booking.id }, token })).body).toMatchObject(other);
    },
    staffConfirmBooking: async (c) => {
      const { booking } = await freshBooking(c, 'mass-confirm');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffConfirmBooking', { id: booking.id }), { body: extra, token: c.staff }));
      expect(await staffStatus(c, booking.id)).toBe('pending');
      expect((await c.t.call(routes.staffConfirmBooking, {}, { params: { id: booking.id }, token: c.staff })).body.status).toBe('confirmed');
    },
    staffRejectBooking: async (c) => {
      const { booking } = await freshBooking(c, 'mass-reject');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffRejectBooking', { id: booking.id }), { body: { reason: '测试', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffRejectBooking, { reason: '测试' }, { params: { id: booking.id }, token: c.staff })).body.status).toBe('rejected');
    },
    staffCancelBooking: async (c) => {
      const { booking } = await freshBooking(c, 'mass-staff-cancel');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffCancelBooking', { id: booking.id }), { body: { reason: '测试', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffCancelBooking, { reason: '测试' }, { params: { id: booking.id }, token: c.staff })).body.status).toBe('cancelled');
    },
    // check-in needs a booking for today, which the real clock rarely allows: extra fields are still rejected first
    staffCheckIn: async (c) => {
      const { booking } = await freshBooking(c, 'mass-checkin');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffCheckIn'), { body: { passCode: booking.passCode, ...extra }, token: c.staff }));
      const r = await c.t.call(routes.staffCheckIn, { passCode: booking.passCode }, { params: { code: CODE }, token: c.staff });
      expect([200, 409]).toContain(r.status);
    },
    staffRegisterWalkIn: async (c) => {
      const items = (await c.t.call(routes.staffListServiceItems, {}, { params: { code: CODE }, token: c.staff })).body.items as { id: string }[];
      const input = { serviceItemId: items[0].id, personName: '周阿姨' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffRegisterWalkIn'), { body: { ...input, ...extra }, token: c.staff }));
      // outside opening hours the clean input is a business refusal, inside them a walk-in
      expect([201, 400, 409]).toContain((await c.t.call(routes.staffRegisterWalkIn, input, { params: { code: CODE }, token: c.staff })).status);
    },
    staffCompleteBooking: async (c) => {
      const { booking } = await freshBooking(c, 'mass-done');
      await c.t.call(routes.staffConfirmBooking, {}, { params: { id: booking.id }, token: c.staff });
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffCompleteBooking', { id: booking.id }), { body: extra, token: c.staff }));
      expect((await c.t.call(routes.staffCompleteBooking, {}, { params: { id: booking.id }, token: c.staff })).body.status).toBe('done');
    },
    staffMarkNoShow: async (c) => {
      const { booking } = await freshBooking(c, 'mass-noshow');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffMarkNoShow', { id: booking.id }), { body: extra, token: c.staff }));
      // the slot is in the future: the clean call is refused as too early, and the booking is untouched
      expect((await c.t.call(routes.staffMarkNoShow, {}, { params: { id: booking.id }, token: c.staff })).body.code).toBe('BOOKING_STATE_CONFLICT');
      expect(await staffStatus(c, booking.id)).toBe('pending');
    },
    staffHandOver: async (c) => {
      const { booking } = await freshBooking(c, 'mass-handover');
      const to = ((await c.t.call(routes.staffColleagues, {}, { params: { code: CODE }, token: c.staff })).body.items as { staffId: string; role: string }[]).find((s) => s.role === 'community_staff')!;
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffHandOver', { id: booking.id }), { body: { toStaffId: to.staffId, reason: '测试', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffHandOver, { toStaffId: to.staffId, reason: '测试' }, { params: { id: booking.id }, token: c.staff })).body.handler.staffId).toBe(to.staffId);
    },
    staffRecordMissingMaterials: async (c) => {
      const { booking } = await freshBooking(c, 'mass-missing');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffRecordMissingMaterials', { id: booking.id }), { body: { items: ['户口簿'], ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffRecordMissingMaterials, { items: ['户口簿'] }, { params: { id: booking.id }, token: c.staff })).body.missingMaterials).toEqual(['户口簿']);
    },
    staffAddCaseNote: async (c) => {
      const { booking } = await freshBooking(c, 'mass-note');
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffAddCaseNote', { id: booking.id }), { body: { note: '测试', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffAddCaseNote, { note: '测试' }, { params: { id: booking.id }, token: c.staff })).body.log.at(-1).action).toBe('note');
    },
    staffUpdateBookingSettings: async (c) => {
      await c.expectRejectedEverywhere((extra) => c.t.http('PUT', c.pathOf('staffUpdateBookingSettings'), { body: { postTitle: '综合窗口', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffUpdateBookingSettings, { postTitle: '综合窗口' }, { params: { code: CODE }, token: c.staff })).body.postTitle).toBe('综合窗口');
    },
    staffAddClosure: async (c) => {
      const input = { date: '2030-01-02', reason: '测试闭馆' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffAddClosure'), { body: { ...input, ...extra }, token: c.staff }));
      const ok = await c.t.call(routes.staffAddClosure, input, { params: { code: CODE }, token: c.staff });
      expect([201, 409]).toContain(ok.status);
    },
    staffCreateServiceItem: async (c) => {
      const input = { name: '老年证办理咨询', durationMinutes: 15 };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffCreateServiceItem'), { body: { ...input, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffCreateServiceItem, input, { params: { code: CODE }, token: c.staff })).status).toBe(201);
    },
    staffUpdateServiceItem: async (c) => {
      const item = ((await c.t.call(routes.staffListServiceItems, {}, { params: { code: CODE }, token: c.staff })).body.items as { id: string }[]).at(-1)!;
      await c.expectRejectedEverywhere((extra) => c.t.http('PATCH', c.pathOf('staffUpdateServiceItem', { id: item.id }), { body: { sortOrder: 9000, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffUpdateServiceItem, { sortOrder: 9000 }, { params: { id: item.id }, token: c.staff })).body.sortOrder).toBe(9000);
    },
    staffPublishStatutoryYear: async (c) => {
      const input = { source: '测试通知', days: [{ date: '2099-01-01', kind: 'holiday', name: '元旦' }] };
      await c.expectRejectedEverywhere((extra) => c.t.http('PUT', c.pathOf('staffPublishStatutoryYear', { year: '2099' }), { body: { ...input, ...extra }, token: c.staff }));
      const ok = await c.t.call(routes.staffPublishStatutoryYear, input as never, { params: { year: '2099' }, token: c.staff });
      expect([ok.status, ok.body.source, ok.body.days]).toEqual([200, 'district', input.days]);
    },
    // issue 14 item 11: the reveal takes no body fields; extras are refused and nothing is recorded, the clean call reveals
    staffRevealBookingPhone: async (c) => {
      const token = await c.t.loginResident('mass-reveal');
      const slot = await openSlot(c.t, token);
      const r = await c.t.call(routes.createBooking, { ...slot, selfName: '王建国', contactPhone: '13912345678', phoneConsent: true, idempotencyKey: randomUUID() }, { token });
      expect(r.status).toBe(201);
      const seen = async () => Number((await c.t.ds.query(`SELECT COUNT(*) AS n FROM booking_contact_access WHERE booking_id = '${r.body.id}'`))[0].n);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffRevealBookingPhone', { id: r.body.id }), { body: extra, token: c.staff }));
      expect(await seen()).toBe(0);
      expect((await c.t.call(routes.staffRevealBookingPhone, {}, { params: { id: r.body.id }, token: c.staff })).body).toEqual({ phone: '13912345678' });
      expect(await seen()).toBe(1);
    },
  },
};
