import { z } from 'zod';
import { isRealDate } from '../dates';
import { cleanText, hasNoInvisible, INVISIBLE_MESSAGE, nfkc } from '../text';
import { pageMeta, pageQuery } from '../common.schema';
import { personName, staffRole } from '../identity/identity.schema';
import { caseLogEntry, caseParty, staffCaseLogEntry, staffCaseParty } from '../cases/cases.schema';

// ---------------------------------------------------------------------------------------------
// Booking module contract (issue 5: one-stop booking with 首问负责制).
// All dates are Asia/Shanghai civil dates 'YYYY-MM-DD'; all clock times are Asia/Shanghai 'HH:mm';
// all instants are ISO-8601 UTC strings ('…Z').
// ---------------------------------------------------------------------------------------------

// the pattern alone let 2027-02-30 through (a closure was stored for it): the day must exist in the calendar
export const localDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '日期不存在');
export const localMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
const shortText = (max: number) => z.string().overwrite(nfkc).refine(hasNoInvisible, INVISIBLE_MESSAGE).trim().min(1).max(max).regex(/^[^<>\u0000-\u0008\u000b-\u001f]+$/u, '不能有特殊符号');

/** booking lifecycle; "active" = pending | confirmed | checked_in (these hold a seat) */
export const bookingStatuses = ['pending', 'confirmed', 'checked_in', 'done', 'rejected', 'cancelled', 'no_show'] as const;
export const bookingStatus = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof bookingStatus>;
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed', 'checked_in'];
export const BOOKING_STATUS_TEXT: Record<BookingStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  checked_in: '已到场',
  done: '已办结',
  rejected: '未通过',
  cancelled: '已取消',
  no_show: '未到场',
};

/** online = booked by a resident; walk_in = 现场登记 by staff */
export const bookingChannels = ['online', 'walk_in'] as const;
export const bookingChannel = z.enum(bookingChannels);

/** case-log actions (every state change and staff action writes one) */
export const caseLogActions = [
  'created',
  'walk_in_registered',
  'confirmed',
  'rejected',
  'cancelled_by_resident',
  'cancelled_by_staff',
  'rescheduled',
  'checked_in',
  'done',
  'no_show',
  'handed_over',
  'materials_missing',
  'note',
] as const;
export const caseLogAction = z.enum(caseLogActions);
export const CASE_LOG_ACTION_TEXT: Record<(typeof caseLogActions)[number], string> = {
  created: '提交预约',
  walk_in_registered: '现场登记',
  confirmed: '确认预约',
  rejected: '预约未通过',
  cancelled_by_resident: '居民取消',
  cancelled_by_staff: '工作人员取消',
  rescheduled: '改约',
  checked_in: '到场签到',
  done: '办结',
  no_show: '未到场',
  handed_over: '转交',
  materials_missing: '一次性告知缺少的材料',
  note: '备注',
};

// ---- service items --------------------------------------------------------------------------

/** whether the person the visit is for must come: 'required' = in person; 'proxy_ok' = family may come instead;
 *  null = the community has not said (residents are told to ask) */
export const inPersonRules = ['required', 'proxy_ok'] as const;
export const inPersonRule = z.enum(inPersonRules);
export type InPersonRule = z.infer<typeof inPersonRule>;
export const IN_PERSON_TEXT: Record<InPersonRule, string> = {
  required: '要本人到场办理',
  proxy_ok: '家人可以代办，本人可以不来',
};
export const IN_PERSON_UNKNOWN_TEXT = '社区还没有写明要不要本人到场，可以打电话问';

export const serviceItemView = z.object({
  id: z.string(),
  communityCode: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  durationMinutes: z.number().int(),
  /** what to bring (shown before booking) */
  materials: z.array(z.string()),
  /** stable code of the linked certificate-catalog item (e.g. 'IS-08'), or null */
  catalogCode: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  /** whether the person must come in person (null = not said) */
  inPerson: inPersonRule.nullable(),
});
export type ServiceItemView = z.infer<typeof serviceItemView>;
export const serviceItemList = z.object({ items: z.array(serviceItemView) });

export const serviceItemIdParams = z.strictObject({ id: z.string().uuid() });

export const createServiceItemInput = z.strictObject({
  name: shortText(40),
  description: shortText(500).nullable().optional(),
  durationMinutes: z.number().int().min(5).max(240),
  materials: z.array(shortText(100)).max(30).default([]),
  catalogCode: z.string().regex(/^[A-Z]{2}-\d{2,3}$/).nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  inPerson: inPersonRule.nullable().optional(),
});
export type CreateServiceItemInput = z.infer<typeof createServiceItemInput>;
export const updateServiceItemInput = z.strictObject({
  name: shortText(40).optional(),
  description: shortText(500).nullable().optional(),
  durationMinutes: z.number().int().min(5).max(240).optional(),
  materials: z.array(shortText(100)).max(30).optional(),
  catalogCode: z.string().regex(/^[A-Z]{2}-\d{2,3}$/).nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
  inPerson: inPersonRule.nullable().optional(),
});
export type UpdateServiceItemInput = z.infer<typeof updateServiceItemInput>;

// ---- opening hours -------------------------------------------------------------------------------

export const openingPeriod = z.strictObject({ start: localTime, end: localTime });
export const openingDay = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  /** e.g. [{08:30–12:00}, {14:30–17:30}] — the gap is the lunch break; [] = closed */
  periods: z.array(openingPeriod).max(4),
});

// ---- the community's service centre: where it is and how to reach it ------------------------------

/** a Chinese landline with its area code (0716-1234567, 010-12345678, optional extension -123) or an 11-digit mobile;
 *  spaces and dashes typed between digit groups are tidied to one dash after the area code */
export const CENTRE_PHONE = /^(?:0\d{2,3}-\d{7,8}(?:-\d{1,6})?|1[3-9]\d{9})$/;
export const centrePhone = cleanText()
  .overwrite((s) => {
    const digits = s.replace(/[\s-]+/g, '');
    if (/^1\d{10}$/.test(digits)) return digits;
    const groups = s.split(/[\s-]+/).filter(Boolean);
    // a landline typed without separators: area code 0 + 2 digits (010, 020–029) or 0 + 3 digits, then 7–8 digits
    const m = /^(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})$/.exec(digits);
    if (groups.length === 1) return m ? `${m[1]}-${m[2]}` : s;
    // '0716 123 4567' → area code and number; more groups than that stay as typed (an extension), joined by dashes
    const rest = groups.slice(1).join('');
    return /^\d{7,8}$/.test(rest) ? `${groups[0]}-${rest}` : groups.join('-');
  })
  .regex(CENTRE_PHONE, '电话格式不对：座机请带区号，如 0716-1234567；手机为 11 位数字');
/** GCJ-02 (the coordinates WeChat's openLocation and Chinese web maps use); mainland China's bounding box */
export const centreLocation = z.strictObject({
  latitude: z.number().min(3.8, '纬度应在 3.8 到 53.6 之间（中国境内）').max(53.6, '纬度应在 3.8 到 53.6 之间（中国境内）'),
  longitude: z.number().min(73.5, '经度应在 73.5 到 135.1 之间（中国境内）').max(135.1, '经度应在 73.5 到 135.1 之间（中国境内）'),
});
export type CentreLocation = z.infer<typeof centreLocation>;
/** what residents see about the centre; null = the community has not filled it in (pages say so, nothing is guessed) */
export const centreView = z.object({
  address: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  openingHours: z.array(openingDay),
});
export type CentreView = z.infer<typeof centreView>;
/** the resident list of a community's bookable items, with where its centre is */
export const communityServiceItemList = serviceItemList.extend({ centre: centreView });

// ---- calendar and availability --------------------------------------------------------------

/** why a day has no bookable slots */
export const dayClosedReasons = ['weekend', 'holiday', 'closure', 'no_hours', 'calendar_unknown'] as const;
export const dayKinds = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;

export const slotView = z.object({
  /** local start/end 'HH:mm' (Asia/Shanghai) */
  start: localTime,
  end: localTime,
  /** UTC instants of the same slot */
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  remaining: z.number().int(),
  /** false when full or before the minimum notice */
  bookable: z.boolean(),
});
export type SlotView = z.infer<typeof slotView>;

export const dayView = z.object({
  date: localDate,
  weekday: z.number().int().min(1).max(7), // 1 = Monday … 7 = Sunday
  kind: z.enum(dayKinds),
  /** holiday / make-up-day name from the statutory calendar, e.g. '国庆节' */
  holidayName: z.string().nullable(),
  open: z.boolean(),
  closedReason: z.enum(dayClosedReasons).nullable(),
  /** closure note entered by staff (e.g. '社区活动，暂停服务') */
  closedNote: z.string().nullable(),
  slots: z.array(slotView),
  remaining: z.number().int(),
});
export type DayView = z.infer<typeof dayView>;

export const availabilityQuery = z.strictObject({
  /** defaults: the whole booking window */
  from: localDate.optional(),
  to: localDate.optional(),
});
export const availabilityView = z.object({
  serviceItem: serviceItemView,
  timezone: z.literal('Asia/Shanghai'),
  /** first and last date that can be booked now */
  windowFrom: localDate,
  windowTo: localDate,
  minNoticeMinutes: z.number().int(),
  /** a booking can be cancelled or moved until this many minutes before it starts */
  cutoffMinutes: z.number().int(),
  days: z.array(dayView),
  /** the centre of the item's community: address, phone, map position, opening hours */
  centre: centreView,
});
export type AvailabilityView = z.infer<typeof availabilityView>;

// ---- bookings ---------------------------------------------------------------------------------

/** a staff member as the resident sees them (the case kit's party): name and 岗位, never an id */
export const responsibleView = caseParty;
export type ResponsibleView = z.infer<typeof responsibleView>;

/** one step of the booking's case log as the resident sees it (the case kit's entry, with booking's actions) */
export const caseLogEntryView = caseLogEntry.extend({ action: caseLogAction });
export type CaseLogEntryView = z.infer<typeof caseLogEntryView>;
/** one step as staff see it: every step, internal ones marked, a hand-over's reason included */
export const staffCaseLogEntryView = staffCaseLogEntry.extend({ action: caseLogAction });
export type StaffCaseLogEntryView = z.infer<typeof staffCaseLogEntryView>;

export const bookingView = z.object({
  id: z.string(),
  status: bookingStatus,
  statusText: z.string(),
  channel: bookingChannel,
  communityCode: z.string(),
  communityName: z.string(),
  serviceItem: z.object({ id: z.string(), name: z.string(), durationMinutes: z.number().int(), catalogCode: z.string().nullable() }),
  /** the person the visit is for */
  personName: z.string(),
  /** null when booked for self */
  familyMemberId: z.string().nullable(),
  date: localDate,
  start: localTime,
  end: localTime,
  startsAt: z.string(),
  endsAt: z.string(),
  createdAt: z.string(),
  /** resident may still cancel / reschedule (before the cutoff, while active and not checked in) */
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
  cutoffAt: z.string(),
});
export type BookingView = z.infer<typeof bookingView>;

export const bookingDetailView = bookingView.extend({
  /** show as a QR code (and as text) at the centre; staff scan or type it to check in */
  passCode: z.string(),
  /** 首问负责人: first staff member who confirmed / received the case; stays accountable after hand-over */
  responsible: responsibleView.nullable(),
  /** current handler (differs from responsible after a hand-over) */
  handler: responsibleView.nullable(),
  /** the case was handed over: the handler is not the first receiver (首问), who stays accountable */
  handedOver: z.boolean(),
  /** 一次性告知: everything still missing, listed at once */
  missingMaterials: z.array(z.string()),
  materials: z.array(z.string()),
  /** whether the person must come in person (null = the community has not said) */
  inPerson: inPersonRule.nullable(),
  rejectReason: z.string().nullable(),
  note: z.string().nullable(),
  log: z.array(caseLogEntryView),
  /** where to come and how to reach the centre */
  centre: centreView,
});
export type BookingDetailView = z.infer<typeof bookingDetailView>;

export const bookingList = z.object({ items: z.array(bookingView), ...pageMeta });
export type BookingList = z.infer<typeof bookingList>;

/**
 * Create a booking. Exactly one of familyMemberId (a family member the caller acts for) or selfName (booking for
 * oneself, with the name to be shown to staff) is required.
 * idempotencyKey: a uuid the client makes ONCE per "确认预约" tap and reuses on every retry of that tap. It is a body
 * field (the shared call() sends no custom headers); the server also accepts an `Idempotency-Key` header, which must
 * then equal the body field. The same key with a different body → IDEMPOTENCY_KEY_REUSED (422); kept ≥ 24 h.
 */
/** a mainland mobile number as a family types it (spaces, dashes, full-width digits folded): 11 digits from 1 */
export const contactPhone = cleanText()
  .transform((s) => s.replace(/[\s-]+/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '手机号应是 11 位数字，以 1 开头'));
export const createBookingInput = z
  .strictObject({
    serviceItemId: z.string().uuid(),
    date: localDate,
    start: localTime,
    familyMemberId: z.string().uuid().optional(),
    selfName: personName.optional(),
    note: shortText(200).optional(),
    idempotencyKey: z.string().uuid(),
    /** the family's mobile phone, so staff can call about the visit; only with the family's consent (phoneConsent) */
    contactPhone: contactPhone.optional(),
    phoneConsent: z.literal(true).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.familyMemberId === undefined) === (v.selfName === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['familyMemberId'], message: '请选择为谁预约（本人或家人）' });
    }
    if (v.contactPhone !== undefined && v.phoneConsent !== true) {
      ctx.addIssue({ code: 'custom', path: ['phoneConsent'], message: '留电话前请先勾选同意工作人员用这个电话联系您' });
    }
  });
export type CreateBookingInput = z.infer<typeof createBookingInput>;

export const myBookingsQuery = pageQuery.extend({
  /** active = pending/confirmed/checked_in; past = everything else */
  scope: z.enum(['active', 'past', 'all']).default('all'),
});
export const cancelBookingInput = z.strictObject({ reason: shortText(200).optional() });
export const rescheduleBookingInput = z.strictObject({ date: localDate, start: localTime });

// ---- staff --------------------------------------------------------------------------------------

export const staffDayQuery = pageQuery.extend({
  date: localDate,
  /** status filter (named `state`: a query key `status` is reserved by the generic mass-assignment test) */
  state: bookingStatus.optional(),
});
export const staffBookingView = bookingView.extend({
  passCodeTail: z.string(),
  responsibleName: z.string().nullable(),
  handlerName: z.string().nullable(),
  missingMaterialsCount: z.number().int(),
});
export const staffBookingList = z.object({ items: z.array(staffBookingView), ...pageMeta });
export type StaffBookingList = z.infer<typeof staffBookingList>;
/**
 * The staff queue across days: `pending` = every booking of the community still waiting for confirmation (待确认);
 * `mine` = unfinished bookings (pending/confirmed) the signed-in staff member is responsible for (我负责的) or has been
 * handed (转给我的). Ordered by date and start time.
 */
export const staffQueueView = z.enum(['pending', 'mine']);
export type StaffQueueView = z.infer<typeof staffQueueView>;
export const staffQueueQuery = pageQuery.extend({ view: staffQueueView.default('pending') });
export const staffBookingDetailView = bookingDetailView.extend({
  /** who the account booking it is (resident display name) */
  bookedByName: z.string(),
  /** colleagues see the staff ids (to hand over, to compare with themselves) */
  responsible: staffCaseParty.nullable(),
  handler: staffCaseParty.nullable(),
  /** every step, internal notes and hand-over reasons included */
  log: z.array(staffCaseLogEntryView),
  /** the family's phone given with consent at booking, masked (138****5678); the full number only through the audited reveal */
  contactPhone: z.string().nullable(),
});
export type StaffBookingDetailView = z.infer<typeof staffBookingDetailView>;

/** the full phone of a booking's family, for a call; every reveal is recorded with who and when */
export const revealPhoneView = z.object({ phone: z.string() });
export type RevealPhoneView = z.infer<typeof revealPhoneView>;
export const staffNoteInput = z.strictObject({ note: shortText(500).optional() });
export const rejectBookingInput = z.strictObject({ reason: shortText(200) });
export const staffCancelBookingInput = z.strictObject({ reason: shortText(200) });
export const caseNoteInput = z.strictObject({ note: shortText(500) });
export const checkInInput = z.strictObject({
  /** the code in the resident's QR pass (scanned, or typed on H5) */
  passCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8,16}$/, '预约码格式不对'),
});
export const walkInInput = z.strictObject({
  serviceItemId: z.string().uuid(),
  personName,
  /** slot start today 'HH:mm'; default: the slot that contains now (or the next open one) */
  start: localTime.optional(),
  note: shortText(200).optional(),
});
export const handOverInput = z.strictObject({
  toStaffId: z.string().uuid(),
  reason: shortText(200),
});
export const missingMaterialsInput = z.strictObject({
  /** all missing materials at once (一次性告知); replaces the previous list */
  items: z.array(shortText(100)).min(1).max(30),
  note: shortText(500).optional(),
});
export const flaggedQuery = pageQuery.extend({});
export const flaggedBookingView = staffBookingView.extend({
  /** why it is flagged: pending too long after creation, or not closed after its slot ended */
  flagReason: z.enum(['unconfirmed', 'not_closed']),
  overdueMinutes: z.number().int(),
});
export const flaggedBookingList = z.object({ items: z.array(flaggedBookingView), ...pageMeta, thresholdMinutes: z.number().int() });

export const colleagueView = z.object({ staffId: z.string(), name: z.string(), post: z.string(), role: staffRole });
export const colleagueList = z.object({ items: z.array(colleagueView) });

// ---- community booking settings (opening hours, posts, window) --------------------------------

export const bookingSettingsView = z.object({
  communityCode: z.string(),
  /** the centre's address, phone and map position (null = not filled in) */
  centreAddress: z.string().nullable(),
  centrePhone: z.string().nullable(),
  centreLocation: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  /** Mon..Sun; a weekday not listed is closed. Statutory holidays close; 调休 make-up workdays open with the hours of that weekday or, if it has none, of Monday */
  openingHours: z.array(openingDay),
  slotMinutes: z.number().int(),
  /** number of comprehensive service posts; capacity of every slot = postCount */
  postCount: z.number().int(),
  /** bookable from today + windowStartDays to today + windowDays (inclusive) */
  windowStartDays: z.number().int(),
  windowDays: z.number().int(),
  minNoticeMinutes: z.number().int(),
  /** residents may cancel / reschedule until this many minutes before the slot start */
  cutoffMinutes: z.number().int(),
  /** 岗位 text shown to residents with the responsible person's name */
  postTitle: z.string(),
  /** pending bookings / unfinished cases older than this are flagged to the community lead */
  flagAfterMinutes: z.number().int(),
  /** the community's lead, who gets an inbox message for every flagged case; null = every staff member of the community gets it */
  leadStaffId: z.string().nullable(),
  /** true while these are still the seeded example values (nobody saved them yet) */
  isExample: z.boolean(),
  updatedAt: z.string(),
});
export type BookingSettingsView = z.infer<typeof bookingSettingsView>;
export const updateBookingSettingsInput = z.strictObject({
  openingHours: z.array(openingDay).max(7).optional(),
  slotMinutes: z.number().int().min(10).max(240).optional(),
  postCount: z.number().int().min(1).max(5000).optional(),
  windowStartDays: z.number().int().min(0).max(30).optional(),
  windowDays: z.number().int().min(1).max(90).optional(),
  minNoticeMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
  cutoffMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
  postTitle: shortText(20).optional(),
  flagAfterMinutes: z.number().int().min(5).max(30 * 24 * 60).optional(),
  /** an active staff member of this community; null = no lead (flags go to every staff member of the community) */
  leadStaffId: z.string().uuid().nullable().optional(),
  /** null clears it */
  centreAddress: cleanText().min(1, '请填写地址').max(100, '地址最多 100 个字').regex(/^[^<>]+$/u, '不能有特殊符号').nullable().optional(),
  centrePhone: centrePhone.nullable().optional(),
  /** both coordinates together, or null to clear */
  centreLocation: centreLocation.nullable().optional(),
});
export type UpdateBookingSettingsInput = z.infer<typeof updateBookingSettingsInput>;

export const closureView = z.object({ id: z.string(), communityCode: z.string(), date: localDate, reason: z.string(), createdAt: z.string() });
export const closureList = z.object({ items: z.array(closureView) });
export const closuresQuery = z.strictObject({ from: localDate.optional(), to: localDate.optional() });
/** a whole-day closure; existing active bookings on that day are NOT cancelled automatically (staff cancel them) */
export const addClosureInput = z.strictObject({ date: localDate, reason: shortText(100) });

// ---- export ---------------------------------------------------------------------------------------

/** exactly one of date or month */
/** the longest span one export covers (a year, leap day included) */
export const EXPORT_MAX_DAYS = 366;
/** one day, one month, or any span from–to (both days included, at most EXPORT_MAX_DAYS) */
export const exportQuery = z
  .strictObject({ date: localDate.optional(), month: localMonth.optional(), from: localDate.optional(), to: localDate.optional() })
  .superRefine((v, ctx) => {
    const range = v.from !== undefined || v.to !== undefined;
    const kinds = [v.date !== undefined, v.month !== undefined, range].filter(Boolean).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: '请选择导出某一天、某个月，或从哪天到哪天' });
      return;
    }
    if (!range) return;
    if (v.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: '请填写从哪天开始' });
    if (v.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: '请填写到哪天为止' });
    if (v.from === undefined || v.to === undefined) return;
    const days = (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    else if (days > EXPORT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `一次最多导出 ${EXPORT_MAX_DAYS} 天，请分几次导出` });
  });
export type ExportQuery = z.infer<typeof exportQuery>;
/** XLSX as base64 inside JSON (works through the shared call() and on weapp: base64ToArrayBuffer → writeFile → openDocument) */
export const exportView = z.object({
  fileName: z.string(),
  contentType: z.literal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  base64: z.string(),
  rows: z.number().int(),
});
export type ExportView = z.infer<typeof exportView>;

export const okView = z.object({ ok: z.literal(true) });

// ---- statutory holiday schedule (法定节假日和调休) --------------------------------------------------
// The holiday data package covers the years it shipped with; the State Council publishes each next year's schedule in
// about November. The district admin enters a published year here, and it takes effect for every community at once.

export const statutoryDayKinds = ['holiday', 'makeup_workday'] as const;
export type StatutoryDayKind = (typeof statutoryDayKinds)[number];
export const STATUTORY_YEAR_MAX_DAYS = 80;

export const statutoryYearParams = z.strictObject({ year: z.string().regex(/^20\d{2}$/, '年份应为四位数字，如 2027') });
export const statutoryDayInput = z.strictObject({
  date: localDate,
  kind: z.enum(statutoryDayKinds),
  /** the holiday the day belongs to, e.g. '春节' */
  name: shortText(20),
});
export type StatutoryDayInput = z.infer<typeof statutoryDayInput>;
/** replaces the whole year: every statutory day off and every 调休 working weekend day of that year */
export const publishStatutoryYearInput = z.strictObject({
  /** where it comes from, e.g. '国务院办公厅关于2027年部分节假日安排的通知' */
  source: shortText(200),
  days: z.array(statutoryDayInput).min(1).max(STATUTORY_YEAR_MAX_DAYS),
});
export type PublishStatutoryYearInput = z.infer<typeof publishStatutoryYearInput>;

/** 'district' = entered by the district admin (wins over the package); 'package' = the bundled data; 'none' = unknown: days are closed */
export const statutorySources = ['district', 'package', 'none'] as const;
export const statutoryDayView = z.object({ date: localDate, kind: z.enum(statutoryDayKinds), name: z.string() });
export const statutoryYearView = z.object({
  year: z.number().int(),
  source: z.enum(statutorySources),
  /** the notice the district admin named; null for the package or an unknown year */
  sourceNote: z.string().nullable(),
  days: z.array(statutoryDayView),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type StatutoryYearView = z.infer<typeof statutoryYearView>;
export const statutoryYearSummary = statutoryYearView.omit({ days: true }).extend({ holidayCount: z.number().int(), makeupCount: z.number().int() });
export const statutoryYearList = z.object({ items: z.array(statutoryYearSummary) });
/**
 * A year with no schedule (neither bundled nor entered) that the booking window reaches within a month, or has already
 * reached: its days cannot be booked. The staff console shows a banner while this is not null.
 */
export const STATUTORY_GAP_NOTICE_DAYS = 30;
export const statutoryGapView = z.object({
  gap: z
    .object({
      year: z.number().int(),
      /** the first day on which some community's booking window includes 1 January of that year */
      reachesOn: localDate,
    })
    .nullable(),
});
export type StatutoryGapView = z.infer<typeof statutoryGapView>;
