// the staff form of a community's booking settings (开放时间和窗口): view → text fields → only the changed fields, and
// the server's VALIDATION_FAILED issues → a message next to each field. Pure (tested without Taro).
import { centreLocation, centrePhone, updateBookingSettingsInput, type BookingSettingsView, type UpdateBookingSettingsInput } from '@jianban/shared';
import { ApiError } from '../../services/api-error';
import { WEEKDAY_TEXT } from './format';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** each weekday has at most two periods in the form (morning and afternoon, with the lunch break between) */
export const PERIODS_PER_DAY = 2;

export type NumberField = 'slotMinutes' | 'postCount' | 'windowStartDays' | 'windowDays' | 'minNoticeMinutes' | 'cutoffMinutes' | 'flagAfterMinutes';
export type CentreField = 'centreAddress' | 'centrePhone' | 'centreLatitude' | 'centreLongitude';
export type ScalarField = NumberField | 'postTitle' | 'leadStaffId' | CentreField;

export interface NumberRule {
  label: string;
  min: number;
  max: number;
  unit: '分钟' | '天' | '个';
}

// the same limits as updateBookingSettingsInput in shared (test/booking-settings-form.test.ts checks they agree)
export const NUMBER_RULES: Record<NumberField, NumberRule> = {
  slotMinutes: { label: '每个时段多长（分钟）', min: 10, max: 240, unit: '分钟' },
  postCount: { label: '综合服务岗有几个（每个时段能约几人）', min: 1, max: 5000, unit: '个' },
  windowStartDays: { label: '最早能约几天以后（0 = 当天就能约）', min: 0, max: 30, unit: '天' },
  windowDays: { label: '最晚能约几天以后', min: 1, max: 90, unit: '天' },
  minNoticeMinutes: { label: '至少提前多少分钟预约', min: 0, max: 7 * 24 * 60, unit: '分钟' },
  cutoffMinutes: { label: '开始前多少分钟以后不能取消或改时间', min: 0, max: 7 * 24 * 60, unit: '分钟' },
  flagAfterMinutes: { label: '多少分钟没人处理就提醒', min: 5, max: 30 * 24 * 60, unit: '分钟' },
};
export const POST_TITLE_MAX = 20;

export interface PeriodForm {
  start: string;
  end: string;
}
/** everything as typed; days[weekday - 1] always has PERIODS_PER_DAY periods (blank = not used) */
export interface SettingsForm {
  days: PeriodForm[][];
  slotMinutes: string;
  postCount: string;
  windowStartDays: string;
  windowDays: string;
  minNoticeMinutes: string;
  cutoffMinutes: string;
  flagAfterMinutes: string;
  postTitle: string;
  /** '' = no lead (flags go to every staff member of the community) */
  leadStaffId: string;
  /** the centre's address, phone and map position as typed; all blank = not filled in */
  centreAddress: string;
  centrePhone: string;
  centreLatitude: string;
  centreLongitude: string;
}

/** messages next to fields: scalar fields by name, opening hours by weekday (1…7), the rest in `other` */
export interface SettingsErrors {
  fields: Partial<Record<ScalarField | 'openingHours', string>>;
  days: Partial<Record<number, string>>;
  other: string[];
}
export const noErrors = (): SettingsErrors => ({ fields: {}, days: {}, other: [] });
export const hasErrors = (e: SettingsErrors) => Object.values(e.fields).some(Boolean) || Object.values(e.days).some(Boolean) || e.other.length > 0;

/** the three screens of the settings page, one task each */
export type SettingsTab = 'hours' | 'rules' | 'lead' | 'centre';
export const TAB_FIELDS: Record<SettingsTab, readonly (ScalarField | 'openingHours')[]> = {
  hours: ['openingHours'],
  rules: ['slotMinutes', 'postCount', 'windowStartDays', 'windowDays', 'minNoticeMinutes', 'cutoffMinutes'],
  lead: ['postTitle', 'flagAfterMinutes', 'leadStaffId'],
  centre: ['centreAddress', 'centrePhone', 'centreLatitude', 'centreLongitude'],
};
export const FIELD_NAME: Record<ScalarField | 'openingHours' | 'centreLocation', string> = {
  centreAddress: '地址',
  centrePhone: '电话',
  centreLatitude: '纬度',
  centreLongitude: '经度',
  centreLocation: '地图位置',
  openingHours: '开放时间',
  slotMinutes: '时段长度',
  postCount: '综合服务岗数',
  windowStartDays: '最早能约几天以后',
  windowDays: '最晚能约几天以后',
  minNoticeMinutes: '至少提前多久',
  cutoffMinutes: '取消和改时间的截止',
  flagAfterMinutes: '超时提醒',
  postTitle: '岗位名称',
  leadStaffId: '社区负责人',
};

const NUMBER_FIELDS = Object.keys(NUMBER_RULES) as NumberField[];
const blankPeriod = (): PeriodForm => ({ start: '', end: '' });

export function toSettingsForm(v: BookingSettingsView): SettingsForm {
  const days = WEEKDAYS.map((wd) => {
    const periods = (v.openingHours.find((d) => d.weekday === wd)?.periods ?? []).map((p) => ({ start: p.start, end: p.end }));
    // a day stored with more than two periods keeps them all; the form adds blanks up to two
    while (periods.length < PERIODS_PER_DAY) periods.push(blankPeriod());
    return periods;
  });
  const out = {
    days, postTitle: v.postTitle, leadStaffId: v.leadStaffId ?? '',
    centreAddress: v.centreAddress ?? '', centrePhone: v.centrePhone ?? '',
    centreLatitude: v.centreLocation ? String(v.centreLocation.latitude) : '', centreLongitude: v.centreLocation ? String(v.centreLocation.longitude) : '',
  } as SettingsForm;
  for (const k of NUMBER_FIELDS) out[k] = String(v[k]);
  return out;
}

const toHalfWidth = (s: string) => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** '8:30', '08：30', '8.30', '830', '0830' → '08:30'; null when it is not a time of day (24-hour clock) */
export function normalizeTime(typed: string): string | null {
  const s = toHalfWidth(typed.trim()).replace(/[：.．点]/g, ':').replace(/分$/, '');
  const m = /^(\d{1,2}):(\d{1,2})$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s) ?? /^(\d{1,2}):?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59 || (m[2] !== undefined && m[2].length !== 2)) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * One weekday's periods as typed → what the server takes. A period left blank is not used; a day with none is closed.
 * Only the form is checked here (both ends filled, real times); order and overlap are the server's rule.
 */
export function readDay(periods: readonly PeriodForm[]): { periods: { start: string; end: string }[] } | { error: string } {
  const out: { start: string; end: string }[] = [];
  for (const p of periods) {
    if (!p.start.trim() && !p.end.trim()) continue;
    if (!p.start.trim() || !p.end.trim()) return { error: '每一段的开始和结束都要填；不用的一段两格都空着' };
    const start = normalizeTime(p.start);
    const end = normalizeTime(p.end);
    if (!start || !end) return { error: '时间请写成 08:30 这样（24 小时制，如下午两点半写 14:30）' };
    out.push({ start, end });
  }
  return { periods: out };
}

/** "08:30–12:00、14:30–17:30", or 不开门 */
export function dayHoursText(periods: readonly { start: string; end: string }[]): string {
  return periods.length ? periods.map((p) => `${p.start}–${p.end}`).join('、') : '不开门';
}

/** the summary line of one weekday in the form, even while it is being typed */
export function formDayText(weekday: number, periods: readonly PeriodForm[]): string {
  const read = readDay(periods);
  return `${WEEKDAY_TEXT[weekday]}：${'error' in read ? '还没填好' : dayHoursText(read.periods)}`;
}

/** 120 → "2 小时", 90 → "1 小时 30 分钟", 1440 → "1 天" (for hints under minute fields) */
export function minutesText(n: number): string {
  if (n < 60) return `${n} 分钟`;
  const d = Math.floor(n / 1440);
  const h = Math.floor((n % 1440) / 60);
  const m = n % 60;
  return [d ? `${d} 天` : '', h ? `${h} 小时` : '', m ? `${m} 分钟` : ''].filter(Boolean).join(' ');
}

export function rangeText(field: NumberField): string {
  const r = NUMBER_RULES[field];
  return `请填 ${r.min} 到 ${r.max} 之间的整数（单位：${r.unit}）`;
}

/** a whole number as typed (full-width digits allowed), or null */
export function readWholeNumber(typed: string): number | null {
  const s = toHalfWidth(typed.trim());
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

export function postTitleProblem(typed: string): string | undefined {
  const t = typed.trim();
  if (!t) return '请填写岗位名称，如：综合服务岗';
  if (t.length > POST_TITLE_MAX) return `岗位名称最多 ${POST_TITLE_MAX} 个字`;
  if (/[<>\u0000-\u0008\u000b-\u001f]/u.test(t)) return '不能有 < > 这类符号';
  return undefined;
}

const sameHours = (a: UpdateBookingSettingsInput['openingHours'], b: BookingSettingsView['openingHours']) => {
  const canon = (days: { weekday: number; periods: { start: string; end: string }[] }[]) =>
    JSON.stringify(WEEKDAYS.map((wd) => (days.find((d) => d.weekday === wd)?.periods ?? []).map((p) => `${p.start}-${p.end}`)));
  return canon(a ?? []) === canon(b);
};

/**
 * The form → only the fields that differ from the saved settings (the server keeps the rest), or the problems found
 * in the form itself. An empty `changes` means nothing was changed.
 */
export function settingsChanges(saved: BookingSettingsView, form: SettingsForm): { changes: UpdateBookingSettingsInput; errors: SettingsErrors } {
  const errors = noErrors();
  const changes: UpdateBookingSettingsInput = {};
  const hours = WEEKDAYS.map((weekday) => {
    const read = readDay(form.days[weekday - 1]);
    if ('error' in read) errors.days[weekday] = read.error;
    return { weekday, periods: 'error' in read ? [] : read.periods };
  });
  if (!Object.keys(errors.days).length && !sameHours(hours, saved.openingHours)) changes.openingHours = hours;
  for (const k of NUMBER_FIELDS) {
    const n = readWholeNumber(form[k]);
    const r = NUMBER_RULES[k];
    if (n === null || n < r.min || n > r.max) errors.fields[k] = rangeText(k);
    else if (n !== saved[k]) changes[k] = n;
  }
  const titleProblem = postTitleProblem(form.postTitle);
  if (titleProblem) errors.fields.postTitle = titleProblem;
  else if (form.postTitle.trim() !== saved.postTitle) changes.postTitle = form.postTitle.trim();
  const lead = form.leadStaffId || null;
  if (lead !== saved.leadStaffId) changes.leadStaffId = lead;
  readCentre(saved, form, changes, errors);
  return { changes, errors };
}

/** a coordinate as typed (full-width digits, 。 or ． as the point) → a number, or null */
export function readCoordinate(typed: string): number | null {
  const s = toHalfWidth(typed.trim()).replace(/[。．]/g, '.').replace(/[－]/g, '-');
  return /^-?\d{1,3}(\.\d{1,8})?$/.test(s) ? Number(s) : null;
}

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }, fallback: string) =>
  r.error?.issues.map((i) => i.message).find(hasChinese) ?? fallback;

/** the centre's address, phone and map position: blank clears it; checked with the same rules as the server */
function readCentre(saved: BookingSettingsView, form: SettingsForm, changes: UpdateBookingSettingsInput, errors: SettingsErrors) {
  const address = form.centreAddress.trim();
  if (!address) {
    if (saved.centreAddress !== null) changes.centreAddress = null;
  } else {
    const r = updateBookingSettingsInput.shape.centreAddress.safeParse(address);
    if (!r.success) errors.fields.centreAddress = firstMessage(r, '地址最多 100 个字，不能有 < > 这类符号');
    else if (r.data !== saved.centreAddress) changes.centreAddress = r.data;
  }
  const phone = form.centrePhone.trim();
  if (!phone) {
    if (saved.centrePhone !== null) changes.centrePhone = null;
  } else {
    const r = centrePhone.safeParse(phone);
    if (!r.success) errors.fields.centrePhone = firstMessage(r, '电话格式不对：座机请带区号，如 0716-1234567；手机为 11 位数字');
    else if (r.data !== saved.centrePhone) changes.centrePhone = r.data;
  }
  const latTyped = form.centreLatitude.trim();
  const lngTyped = form.centreLongitude.trim();
  const same = (a: { latitude: number; longitude: number } | null, b: { latitude: number; longitude: number } | null) =>
    (a === null && b === null) || (!!a && !!b && a.latitude === b.latitude && a.longitude === b.longitude);
  if (!latTyped && !lngTyped) {
    if (saved.centreLocation !== null) changes.centreLocation = null;
    return;
  }
  if (!latTyped) errors.fields.centreLatitude = '经度和纬度要一起填；不要地图位置就两格都空着';
  if (!lngTyped) errors.fields.centreLongitude = '经度和纬度要一起填；不要地图位置就两格都空着';
  if (!latTyped || !lngTyped) return;
  const latitude = readCoordinate(latTyped);
  const longitude = readCoordinate(lngTyped);
  if (latitude === null) errors.fields.centreLatitude = '请填数字，如 30.352817';
  if (longitude === null) errors.fields.centreLongitude = '请填数字，如 112.190436';
  if (latitude === null || longitude === null) return;
  const r = centreLocation.safeParse({ latitude, longitude });
  if (!r.success) {
    for (const issue of r.error.issues) {
      const f = issue.path[0] === 'latitude' ? 'centreLatitude' : 'centreLongitude';
      errors.fields[f] ??= issue.message;
    }
    return;
  }
  if (!same(r.data, saved.centreLocation)) changes.centreLocation = r.data;
}

/** which screens have unsaved changes, in words (e.g. "开放时间、综合服务岗数") */
export function changedText(changes: UpdateBookingSettingsInput): string {
  return (Object.keys(changes) as (keyof UpdateBookingSettingsInput)[]).map((k) => FIELD_NAME[k]).join('、');
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

function plainMessage(field: ScalarField | 'openingHours', message: string): string {
  // the server's own Chinese texts are shown; zod's English defaults are replaced by plain ones
  if (hasChinese(message)) return message;
  if (field === 'openingHours') return '开放时间填得不对，请检查每一天';
  if (field === 'postTitle') return `岗位名称要 1 到 ${POST_TITLE_MAX} 个字，不能有 < > 这类符号`;
  if (field === 'leadStaffId') return '请选本社区在岗的工作人员';
  if (field === 'centreAddress') return '地址最多 100 个字，不能有 < > 这类符号';
  if (field === 'centrePhone') return '电话格式不对：座机请带区号，如 0716-1234567；手机为 11 位数字';
  if (field === 'centreLatitude' || field === 'centreLongitude') return '地图位置填得不对';
  return rangeText(field);
}

/**
 * The server's VALIDATION_FAILED issues → messages next to fields. Paths are "body.postCount" (schema),
 * "openingHours.<weekday>" (the server's own period check) or "body.openingHours.<index>.periods…" (schema; the index
 * is the position in `sent.openingHours`).
 */
export function serverSettingsErrors(err: unknown, sent: UpdateBookingSettingsInput): SettingsErrors {
  const out = noErrors();
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues) {
    const segs = issue.path.split('.').filter(Boolean);
    if (segs[0] === 'body') segs.shift();
    const [field, second] = segs;
    if (field === 'openingHours' && second !== undefined) {
      const weekday = segs.length === 2 ? Number(second) : sent.openingHours?.[Number(second)]?.weekday;
      if (weekday && weekday >= 1 && weekday <= 7) {
        out.days[weekday] ??= plainMessage('openingHours', issue.message);
        continue;
      }
    }
    if (field === 'centreLocation') {
      const f = second === 'longitude' ? 'centreLongitude' : 'centreLatitude';
      out.fields[f] ??= hasChinese(issue.message) ? issue.message : '地图位置填得不对';
      continue;
    }
    if (field && field in FIELD_NAME) {
      const f = field as ScalarField | 'openingHours';
      out.fields[f] ??= plainMessage(f, issue.message);
    } else if (hasChinese(issue.message)) out.other.push(issue.message);
  }
  return out;
}

/** the screen to show first: the first one that has a problem */
export function tabWithError(e: SettingsErrors): SettingsTab | null {
  if (Object.keys(e.days).length) return 'hours';
  for (const tab of ['hours', 'rules', 'lead', 'centre'] as const) {
    if (TAB_FIELDS[tab].some((f) => e.fields[f])) return tab;
  }
  return null;
}
