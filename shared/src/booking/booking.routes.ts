import { defineRoute, noInput } from '../route';
import { communityParams, idParams } from '../identity/identity.schema';
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
  createBookingInput,
  createServiceItemInput,
  exportQuery,
  exportView,
  flaggedBookingList,
  flaggedQuery,
  handOverInput,
  missingMaterialsInput,
  myBookingsQuery,
  okView,
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
  updateBookingSettingsInput,
  updateServiceItemInput,
  walkInInput,
} from './booking.schema';

/** day-to-day desk work: community staff of the community, street reviewers and district admins above it (region scope) */
const deskRoles = ['community_staff', 'street_reviewer', 'district_admin'] as const;
/** configuration of a community's centre: its own community staff or the district admin */
const adminRoles = ['community_staff', 'district_admin'] as const;

// routes of the booking module; spread into the route table in ../routes.ts
export const bookingRoutes = {
  // ---- residents ----
  listServiceItems: defineRoute({ method: 'GET', path: '/communities/:code/service-items', summary: '社区服务中心可预约的事项（时长、要带的材料）', auth: 'any', input: noInput, params: communityParams, output: serviceItemList }),
  serviceAvailability: defineRoute({ method: 'GET', path: '/service-items/:id/availability', summary: '某事项在预约期内每天的时段和剩余名额', auth: 'any', input: availabilityQuery, params: serviceItemIdParams, output: availabilityView }),
  createBooking: defineRoute({ method: 'POST', path: '/bookings', summary: '预约（为本人或代办的家人）；idempotencyKey 防止重复提交', auth: 'resident', status: 201, input: createBookingInput, output: bookingDetailView }),
  myBookings: defineRoute({ method: 'GET', path: '/bookings', summary: '我的预约', auth: 'resident', input: myBookingsQuery, output: bookingList }),
  getBooking: defineRoute({ method: 'GET', path: '/bookings/:id', summary: '预约详情：预约码、首问负责人、办理记录、一次性告知', auth: 'resident', input: noInput, params: idParams, output: bookingDetailView }),
  cancelBooking: defineRoute({ method: 'POST', path: '/bookings/:id/cancel', summary: '取消预约（截止时间前）', auth: 'resident', input: cancelBookingInput, params: idParams, output: bookingDetailView }),
  rescheduleBooking: defineRoute({ method: 'POST', path: '/bookings/:id/reschedule', summary: '改约到另一个时段（截止时间前）', auth: 'resident', input: rescheduleBookingInput, params: idParams, output: bookingDetailView }),

  // ---- staff desk ----
  staffDayBookings: defineRoute({ method: 'GET', path: '/staff/communities/:code/bookings', summary: '工作人员：本社区某天的预约（可按状态筛选）', auth: 'staff', roles: deskRoles, input: staffDayQuery, params: communityParams, output: staffBookingList }),
  staffGetBooking: defineRoute({ method: 'GET', path: '/staff/bookings/:id', summary: '工作人员：预约详情与办理记录', auth: 'staff', roles: deskRoles, input: noInput, params: idParams, output: staffBookingDetailView }),
  staffConfirmBooking: defineRoute({ method: 'POST', path: '/staff/bookings/:id/confirm', summary: '工作人员：确认预约（确认人成为首问负责人）', auth: 'staff', roles: deskRoles, input: staffNoteInput, params: idParams, output: staffBookingDetailView }),
  staffRejectBooking: defineRoute({ method: 'POST', path: '/staff/bookings/:id/reject', summary: '工作人员：不予预约并说明原因', auth: 'staff', roles: deskRoles, input: rejectBookingInput, params: idParams, output: staffBookingDetailView }),
  staffCancelBooking: defineRoute({ method: 'POST', path: '/staff/bookings/:id/cancel', summary: '工作人员：取消预约（如临时闭馆），通知居民', auth: 'staff', roles: deskRoles, input: staffCancelBookingInput, params: idParams, output: staffBookingDetailView }),
  staffCheckIn: defineRoute({ method: 'POST', path: '/staff/communities/:code/check-in', summary: '工作人员：扫预约码签到', auth: 'staff', roles: deskRoles, input: checkInInput, params: communityParams, output: staffBookingDetailView }),
  staffRegisterWalkIn: defineRoute({ method: 'POST', path: '/staff/communities/:code/walk-ins', summary: '工作人员：现场来访登记（占用同一时段名额，登记人为首问负责人）', auth: 'staff', roles: deskRoles, status: 201, input: walkInInput, params: communityParams, output: staffBookingDetailView }),
  staffCompleteBooking: defineRoute({ method: 'POST', path: '/staff/bookings/:id/done', summary: '工作人员：办结', auth: 'staff', roles: deskRoles, input: staffNoteInput, params: idParams, output: staffBookingDetailView }),
  staffMarkNoShow: defineRoute({ method: 'POST', path: '/staff/bookings/:id/no-show', summary: '工作人员：标记未到场', auth: 'staff', roles: deskRoles, input: staffNoteInput, params: idParams, output: staffBookingDetailView }),
  staffHandOver: defineRoute({ method: 'POST', path: '/staff/bookings/:id/hand-over', summary: '工作人员：转交同事办理（记录原因，首问负责人不变）', auth: 'staff', roles: deskRoles, input: handOverInput, params: idParams, output: staffBookingDetailView }),
  staffRecordMissingMaterials: defineRoute({ method: 'POST', path: '/staff/bookings/:id/missing-materials', summary: '工作人员：一次性告知缺少的全部材料', auth: 'staff', roles: deskRoles, input: missingMaterialsInput, params: idParams, output: staffBookingDetailView }),
  staffAddCaseNote: defineRoute({ method: 'POST', path: '/staff/bookings/:id/notes', summary: '工作人员：在办理记录里写一条备注', auth: 'staff', roles: deskRoles, input: caseNoteInput, params: idParams, output: staffBookingDetailView }),
  staffFlaggedBookings: defineRoute({ method: 'GET', path: '/staff/communities/:code/flagged-bookings', summary: '工作人员：超时未处理的预约（提醒社区负责人）', auth: 'staff', roles: deskRoles, input: flaggedQuery, params: communityParams, output: flaggedBookingList }),
  staffColleagues: defineRoute({ method: 'GET', path: '/staff/communities/:code/colleagues', summary: '工作人员：可转交的同事', auth: 'staff', roles: deskRoles, input: noInput, params: communityParams, output: colleagueList }),
  staffExportBookings: defineRoute({ method: 'GET', path: '/staff/communities/:code/bookings/export', summary: '工作人员：导出某天或某月的预约（XLSX，base64）', auth: 'staff', roles: deskRoles, input: exportQuery, params: communityParams, output: exportView }),

  // ---- staff admin of the community's centre ----
  staffGetBookingSettings: defineRoute({ method: 'GET', path: '/staff/communities/:code/booking-settings', summary: '工作人员：开放时间、窗口数、预约期', auth: 'staff', roles: deskRoles, input: noInput, params: communityParams, output: bookingSettingsView }),
  staffUpdateBookingSettings: defineRoute({ method: 'PUT', path: '/staff/communities/:code/booking-settings', summary: '管理：修改开放时间、窗口数、预约期', auth: 'staff', roles: adminRoles, input: updateBookingSettingsInput, params: communityParams, output: bookingSettingsView }),
  staffListClosures: defineRoute({ method: 'GET', path: '/staff/communities/:code/closures', summary: '工作人员：临时闭馆日', auth: 'staff', roles: deskRoles, input: closuresQuery, params: communityParams, output: closureList }),
  staffAddClosure: defineRoute({ method: 'POST', path: '/staff/communities/:code/closures', summary: '管理：添加临时闭馆日', auth: 'staff', roles: adminRoles, status: 201, input: addClosureInput, params: communityParams, output: closureView }),
  staffRemoveClosure: defineRoute({ method: 'DELETE', path: '/staff/closures/:id', summary: '管理：删除临时闭馆日', auth: 'staff', roles: adminRoles, input: noInput, params: idParams, output: okView }),
  staffListServiceItems: defineRoute({ method: 'GET', path: '/staff/communities/:code/service-items', summary: '管理：本社区的服务事项（含停用的）', auth: 'staff', roles: deskRoles, input: noInput, params: communityParams, output: serviceItemList }),
  staffCreateServiceItem: defineRoute({ method: 'POST', path: '/staff/communities/:code/service-items', summary: '管理：新增服务事项', auth: 'staff', roles: adminRoles, status: 201, input: createServiceItemInput, params: communityParams, output: serviceItemView }),
  staffUpdateServiceItem: defineRoute({ method: 'PATCH', path: '/staff/service-items/:id', summary: '管理：修改或停用服务事项', auth: 'staff', roles: adminRoles, input: updateServiceItemInput, params: serviceItemIdParams, output: serviceItemView }),
} as const;
