import type { z } from 'zod';
import { defineRoute, noInput, type noParams, type RouteSpec, type StaffRole } from '../route';
import { communityParams, idParams } from '../common.schema';
import {
  addClosureInput,
  availabilityQuery,
  availabilityView,
  bookingDetailView,
  bookingList,
  bookingSettingsView,
  cancelBookingInput,
  caseNoteInput,
  checkInInput,
  closureList,
  closureView,
  closuresQuery,
  colleagueList,
  communityServiceItemList,
  createBookingInput,
  createServiceItemInput,
  exportQuery,
  exportView,
  revealPhoneView,
  flaggedBookingList,
  flaggedQuery,
  handOverInput,
  missingMaterialsInput,
  myBookingsQuery,
  okView,
  publishStatutoryYearInput,
  rejectBookingInput,
  rescheduleBookingInput,
  serviceItemIdParams,
  serviceItemList,
  serviceItemView,
  staffBookingDetailView,
  staffBookingList,
  staffCancelBookingInput,
  staffDayQuery,
  staffNoteInput,
  staffQueueQuery,
  statutoryYearList,
  statutoryGapView,
  statutoryYearParams,
  statutoryYearView,
  updateBookingSettingsInput,
  updateServiceItemInput,
  walkInInput,
} from './booking.schema';

// a staff-only route open to `roles` (every staff route of this module is role-limited)
const staffRoute =
  (roles: readonly StaffRole[]) =>
  <I extends z.ZodType, O extends z.ZodType, P extends z.ZodType = typeof noParams>(def: Omit<RouteSpec<I, O, P>, 'auth' | 'roles'>) =>
    defineRoute<I, O, P>({ ...def, auth: 'staff', roles });
/** day-to-day desk work: community staff of the community, street reviewers and district admins above it (region scope) */
const deskRoute = staffRoute(['community_staff', 'street_reviewer', 'district_admin']);
/** configuration of a community's centre: its own community staff or the district admin */
const adminRoute = staffRoute(['community_staff', 'district_admin']);
/** district-wide configuration: the district admin only */
const districtRoute = staffRoute(['district_admin']);

// routes of the booking module; spread into the route table in ../routes.ts
export const bookingRoutes = {
  // ---- residents ----
  listServiceItems: defineRoute({ method: 'GET', path: '/communities/:code/service-items', summary: '社区服务中心可预约的事项（时长、要带的材料）和中心的地址、电话', auth: 'any', input: noInput, params: communityParams, output: communityServiceItemList }),
  serviceAvailability: defineRoute({ method: 'GET', path: '/service-items/:id/availability', summary: '某事项在预约期内每天的时段和剩余名额', auth: 'any', input: availabilityQuery, params: serviceItemIdParams, output: availabilityView }),
  createBooking: defineRoute({ method: 'POST', path: '/bookings', summary: '预约（为本人或代办的家人）；idempotencyKey 防止重复提交', auth: 'resident', status: 201, input: createBookingInput, output: bookingDetailView }),
  myBookings: defineRoute({ method: 'GET', path: '/bookings', summary: '我的预约', auth: 'resident', input: myBookingsQuery, output: bookingList }),
  getBooking: defineRoute({ method: 'GET', path: '/bookings/:id', summary: '预约详情：预约码、首问负责人、办理记录、一次性告知', auth: 'resident', input: noInput, params: idParams, output: bookingDetailView }),
  cancelBooking: defineRoute({ method: 'POST', path: '/bookings/:id/cancel', summary: '取消预约（截止时间前）', auth: 'resident', input: cancelBookingInput, params: idParams, output: bookingDetailView }),
  rescheduleBooking: defineRoute({ method: 'POST', path: '/bookings/:id/reschedule', summary: '改约到另一个时段（截止时间前）', auth: 'resident', input: rescheduleBookingInput, params: idParams, output: bookingDetailView }),

  // ---- staff desk ----
  staffDayBookings: deskRoute({ method: 'GET', path: '/staff/communities/:code/bookings', summary: '工作人员：本社区某天的预约（可按状态筛选）', input: staffDayQuery, params: communityParams, output: staffBookingList }),
  staffBookingQueue: deskRoute({ method: 'GET', path: '/staff/communities/:code/booking-queue', summary: '工作人员：跨日期的待确认预约，或我负责的 / 转给我的未办结预约（按日期和时间排）', input: staffQueueQuery, params: communityParams, output: staffBookingList }),
  staffGetBooking: deskRoute({ method: 'GET', path: '/staff/bookings/:id', summary: '工作人员：预约详情与办理记录', input: noInput, params: idParams, output: staffBookingDetailView }),
  staffConfirmBooking: deskRoute({ method: 'POST', path: '/staff/bookings/:id/confirm', summary: '工作人员：确认预约（确认人成为首问负责人）', input: staffNoteInput, params: idParams, output: staffBookingDetailView }),
  staffRejectBooking: deskRoute({ method: 'POST', path: '/staff/bookings/:id/reject', summary: '工作人员：不予预约并说明原因', input: rejectBookingInput, params: idParams, output: staffBookingDetailView }),
  staffCancelBooking: deskRoute({ method: 'POST', path: '/staff/bookings/:id/cancel', summary: '工作人员：取消预约（如临时闭馆），通知居民', input: staffCancelBookingInput, params: idParams, output: staffBookingDetailView }),
  staffCheckIn: deskRoute({ method: 'POST', path: '/staff/communities/:code/check-in', summary: '工作人员：扫预约码签到', input: checkInInput, params: communityParams, output: staffBookingDetailView }),
  staffRegisterWalkIn: deskRoute({ method: 'POST', path: '/staff/communities/:code/walk-ins', summary: '工作人员：现场来访登记（占用同一时段名额，登记人为首问负责人）', status: 201, input: walkInInput, params: communityParams, output: staffBookingDetailView }),
  staffCompleteBooking: deskRoute({ method: 'POST', path: '/staff/bookings/:id/done', summary: '工作人员：办结', input: staffNoteInput, params: idParams, output: staffBookingDetailView }),
  staffMarkNoShow: deskRoute({ method: 'POST', path: '/staff/bookings/:id/no-show', summary: '工作人员：标记未到场', input: staffNoteInput, params: idParams, output: staffBookingDetailView }),
  staffHandOver: deskRoute({ method: 'POST', path: '/staff/bookings/:id/hand-over', summary: '工作人员：转交同事办理（记录原因，首问负责人不变）', input: handOverInput, params: idParams, output: staffBookingDetailView }),
  staffRecordMissingMaterials: deskRoute({ method: 'POST', path: '/staff/bookings/:id/missing-materials', summary: '工作人员：一次性告知缺少的全部材料', input: missingMaterialsInput, params: idParams, output: staffBookingDetailView }),
  staffAddCaseNote: deskRoute({ method: 'POST', path: '/staff/bookings/:id/notes', summary: '工作人员：在办理记录里写一条备注', input: caseNoteInput, params: idParams, output: staffBookingDetailView }),
  staffFlaggedBookings: deskRoute({ method: 'GET', path: '/staff/communities/:code/flagged-bookings', summary: '工作人员：超时未处理的预约（提醒社区负责人）', input: flaggedQuery, params: communityParams, output: flaggedBookingList }),
  staffColleagues: deskRoute({ method: 'GET', path: '/staff/communities/:code/colleagues', summary: '工作人员：可转交的同事', input: noInput, params: communityParams, output: colleagueList }),
  staffExportBookings: deskRoute({ method: 'GET', path: '/staff/communities/:code/bookings/export', summary: '工作人员：导出某天或某月的预约（XLSX，base64）', input: exportQuery, params: communityParams, output: exportView }),
  staffRevealBookingPhone: deskRoute({ method: 'POST', path: '/staff/bookings/:id/phone', summary: '工作人员：查看预约家属的完整电话（留痕；须先再输一次密码）', stepUp: true, input: noInput, params: idParams, output: revealPhoneView }),

  // ---- staff admin of the community's centre ----
  staffGetBookingSettings: deskRoute({ method: 'GET', path: '/staff/communities/:code/booking-settings', summary: '工作人员：开放时间、窗口数、预约期', input: noInput, params: communityParams, output: bookingSettingsView }),
  staffUpdateBookingSettings: adminRoute({ method: 'PUT', path: '/staff/communities/:code/booking-settings', summary: '管理：修改开放时间、窗口数、预约期', input: updateBookingSettingsInput, params: communityParams, output: bookingSettingsView }),
  staffListClosures: deskRoute({ method: 'GET', path: '/staff/communities/:code/closures', summary: '工作人员：临时闭馆日', input: closuresQuery, params: communityParams, output: closureList }),
  staffAddClosure: adminRoute({ method: 'POST', path: '/staff/communities/:code/closures', summary: '管理：添加临时闭馆日', status: 201, input: addClosureInput, params: communityParams, output: closureView }),
  staffRemoveClosure: adminRoute({ method: 'DELETE', path: '/staff/closures/:id', summary: '管理：删除临时闭馆日', input: noInput, params: idParams, output: okView }),
  staffListServiceItems: deskRoute({ method: 'GET', path: '/staff/communities/:code/service-items', summary: '管理：本社区的服务事项（含停用的）', input: noInput, params: communityParams, output: serviceItemList }),
  staffCreateServiceItem: adminRoute({ method: 'POST', path: '/staff/communities/:code/service-items', summary: '管理：新增服务事项', status: 201, input: createServiceItemInput, params: communityParams, output: serviceItemView }),
  staffUpdateServiceItem: adminRoute({ method: 'PATCH', path: '/staff/service-items/:id', summary: '管理：修改或停用服务事项', input: updateServiceItemInput, params: serviceItemIdParams, output: serviceItemView }),
  // ---- the statutory holiday schedule, district-wide ----
  staffStatutoryYears: deskRoute({ method: 'GET', path: '/staff/statutory-years', summary: '工作人员：各年的法定节假日安排从哪里来（区里录入 / 内置数据 / 还没有）', input: noInput, output: statutoryYearList }),
  staffGetStatutoryYear: deskRoute({ method: 'GET', path: '/staff/statutory-years/:year', summary: '工作人员：某年的放假和调休上班日', input: noInput, params: statutoryYearParams, output: statutoryYearView }),
  staffStatutoryGap: deskRoute({ method: 'GET', path: '/staff/statutory-gap', summary: '工作人员：一个月内预约会碰到哪一年还没有节假日安排（工作台横幅）', input: noInput, output: statutoryGapView }),
  staffPublishStatutoryYear: districtRoute({ method: 'PUT', path: '/staff/statutory-years/:year', summary: '区管理员：录入（整年替换）某年的放假和调休安排，所有社区立即按此预约', input: publishStatutoryYearInput, params: statutoryYearParams, output: statutoryYearView }),
} as const;
