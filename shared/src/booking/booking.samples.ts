import type { Sample } from '../route-sample';
import type { bookingRoutes } from './booking.routes';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const KEY = '0b6f3c7e-1d2a-4e5f-9a8b-7c6d5e4f3a2b';
const CODE = '421003003003';

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const BOOKING_SAMPLES: Record<keyof typeof bookingRoutes, Sample> = {
  listServiceItems: { input: {}, params: { code: CODE } },
  serviceAvailability: { input: {}, params: { id: ID } },
  createBooking: { input: { serviceItemId: ID, date: '2026-12-01', start: '09:00', selfName: '王建国', idempotencyKey: KEY } },
  myBookings: { input: {} },
  getBooking: { input: {}, params: { id: ID } },
  cancelBooking: { input: {}, params: { id: ID } },
  rescheduleBooking: { input: { date: '2026-12-02', start: '14:30' }, params: { id: ID } },
  staffDayBookings: { input: { date: '2026-12-01' }, params: { code: CODE } },
  staffBookingQueue: { input: { view: 'mine' }, params: { code: CODE } },
  staffGetBooking: { input: {}, params: { id: ID } },
  staffConfirmBooking: { input: {}, params: { id: ID } },
  staffRejectBooking: { input: { reason: '该事项需到街道办理' }, params: { id: ID } },
  staffCancelBooking: { input: { reason: '临时停电，暂停服务' }, params: { id: ID } },
  staffCheckIn: { input: { passCode: 'AB12CD34EF' }, params: { code: CODE } },
  staffRegisterWalkIn: { input: { serviceItemId: ID, personName: '李秀兰' }, params: { code: CODE } },
  staffCompleteBooking: { input: {}, params: { id: ID } },
  staffMarkNoShow: { input: {}, params: { id: ID } },
  staffHandOver: { input: { toStaffId: ID, reason: '需要民政专干办理' }, params: { id: ID } },
  staffRecordMissingMaterials: { input: { items: ['户口簿原件'] }, params: { id: ID } },
  staffAddCaseNote: { input: { note: '已电话联系家属' }, params: { id: ID } },
  staffFlaggedBookings: { input: {}, params: { code: CODE } },
  staffColleagues: { input: {}, params: { code: CODE } },
  staffExportBookings: { input: { month: '2026-12' }, params: { code: CODE } },
  staffRevealBookingPhone: { input: {}, params: { id: ID } },
  staffGetBookingSettings: { input: {}, params: { code: CODE } },
  staffUpdateBookingSettings: { input: { postCount: 3, centreAddress: '示例路 1 号', centrePhone: '0716-1234567', centreLocation: { latitude: 30.35, longitude: 112.19 } }, params: { code: CODE } },
  staffListClosures: { input: {}, params: { code: CODE } },
  staffAddClosure: { input: { date: '2026-12-24', reason: '社区活动' }, params: { code: CODE } },
  staffRemoveClosure: { input: {}, params: { id: ID } },
  staffListServiceItems: { input: {}, params: { code: CODE } },
  staffCreateServiceItem: { input: { name: '老年证办理咨询', durationMinutes: 15 }, params: { code: CODE } },
  staffUpdateServiceItem: { input: { active: false }, params: { id: ID } },
  staffStatutoryYears: { input: {} },
  staffGetStatutoryYear: { input: {}, params: { year: '2027' } },
  staffStatutoryGap: { input: {} },
  staffPublishStatutoryYear: { input: { source: '国务院办公厅关于2027年部分节假日安排的通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }, params: { year: '2027' } },
};
