// the staff configuration pages' pure logic: booking settings form, closure form, service-item form
import { describe, expect, it } from '@jest/globals';
import { createServiceItemInput, updateBookingSettingsInput, type BookingSettingsView, type ServiceItemView } from '@jianban/shared';
import { ApiError } from '../src/services/api-error';
import {
  changedText,
  formDayText,
  minutesText,
  normalizeTime,
  NUMBER_RULES,
  readDay,
  serverSettingsErrors,
  settingsChanges,
  tabWithError,
  toSettingsForm,
  type NumberField,
} from '../src/features/booking/settings-form';
import { closureDayText, normalizeDate, readClosureForm, serverClosureErrors } from '../src/features/booking/closure-form';
import { ITEM_LIMITS, itemChanges, itemSummary, materialLines, readItemForm, serverItemErrors, toItemForm } from '../src/features/booking/service-item-form';
import { BOOKING_CONSOLE_LINKS } from '../src/features/booking/console-links';
import { consoleLinksFor } from '../src/features/staff/console';

const workday = [
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '17:30' },
];
const saved: BookingSettingsView = {
  communityCode: '421003003003',
  centreAddress: null,
  centrePhone: null,
  centreLocation: null,
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: workday })),
  slotMinutes: 30,
  postCount: 2,
  windowStartDays: 1,
  windowDays: 14,
  minNoticeMinutes: 120,
  cutoffMinutes: 120,
  postTitle: '综合服务岗',
  flagAfterMinutes: 240,
  leadStaffId: null,
  isExample: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const validation = (issues: { path: string; message: string }[]) => new ApiError('VALIDATION_FAILED', 400, 'invalid', { issues });

describe('booking settings form', () => {
  it('sends nothing when nothing changed, and the weekend shows as closed', () => {
    const form = toSettingsForm(saved);
    expect(form.days).toHaveLength(7);
    expect(form.days[5]).toEqual([{ start: '', end: '' }, { start: '', end: '' }]);
    expect(formDayText(6, form.days[5])).toBe('周六：不开门');
    expect(formDayText(1, form.days[0])).toBe('周一：08:30–12:00、14:30–17:30');
    expect(settingsChanges(saved, form).changes).toEqual({});
  });

  it('sends only the changed fields: all seven days when one day changed, numbers as numbers, no lead as null', () => {
    const form = toSettingsForm({ ...saved, leadStaffId: '3f0c1f6e-8a52-4c36-9d0e-0c3c5f6a7b11' });
    form.days[2][1] = { start: '14:00', end: '17:00' };
    form.postCount = '３';
    form.leadStaffId = '';
    const { changes, errors } = settingsChanges({ ...saved, leadStaffId: '3f0c1f6e-8a52-4c36-9d0e-0c3c5f6a7b11' }, form);
    expect(errors).toEqual({ fields: {}, days: {}, other: [] });
    expect(changes.postCount).toBe(3);
    expect(changes.leadStaffId).toBeNull();
    expect(changes.openingHours).toHaveLength(7);
    expect(changes.openingHours?.[2]).toEqual({ weekday: 3, periods: [workday[0], { start: '14:00', end: '17:00' }] });
    expect(changes.openingHours?.[6]).toEqual({ weekday: 7, periods: [] });
    expect(Object.keys(changes).sort()).toEqual(['leadStaffId', 'openingHours', 'postCount']);
    expect(updateBookingSettingsInput.safeParse(changes).success).toBe(true);
    expect(changedText(changes)).toBe('开放时间、综合服务岗数、社区负责人');
  });

  it('reads times the way people type them', () => {
    expect(normalizeTime('8:30')).toBe('08:30');
    expect(normalizeTime('１４：３０')).toBe('14:30');
    expect(normalizeTime('1430')).toBe('14:30');
    expect(normalizeTime('9')).toBe('09:00');
    expect(normalizeTime('8.30')).toBe('08:30');
    expect(normalizeTime('24:00')).toBeNull();
    expect(normalizeTime('12:5')).toBeNull();
    expect(normalizeTime('下午')).toBeNull();
  });

  it('finds half-filled and unreadable periods, but leaves order and overlap to the server', () => {
    expect(readDay([{ start: '08:30', end: '' }, { start: '', end: '' }])).toEqual({ error: expect.stringContaining('开始和结束都要填') });
    expect(readDay([{ start: '8点半', end: '12:00' }])).toEqual({ error: expect.stringContaining('08:30') });
    expect(readDay([{ start: '', end: '' }, { start: '14:30', end: '17:30' }])).toEqual({ periods: [{ start: '14:30', end: '17:30' }] });
    expect(readDay([{ start: '17:30', end: '14:30' }])).toEqual({ periods: [{ start: '17:30', end: '14:30' }] });
  });

  it('flags numbers outside the shared limits in plain words, per field', () => {
    const form = toSettingsForm(saved);
    form.postCount = '0';
    form.slotMinutes = '半小时';
    form.days[0][0].end = '';
    const { changes, errors } = settingsChanges(saved, form);
    expect(errors.fields.postCount).toBe('请填 1 到 5000 之间的整数（单位：个）');
    expect(errors.fields.slotMinutes).toContain('10 到 240');
    expect(errors.days[1]).toBeDefined();
    expect(changes.openingHours).toBeUndefined();
    expect(tabWithError(errors)).toBe('hours');
  });

  it('keeps its number limits the same as the shared schema', () => {
    for (const [field, rule] of Object.entries(NUMBER_RULES) as [NumberField, (typeof NUMBER_RULES)[NumberField]][]) {
      expect(updateBookingSettingsInput.safeParse({ [field]: rule.min }).success).toBe(true);
      expect(updateBookingSettingsInput.safeParse({ [field]: rule.max }).success).toBe(true);
      expect(updateBookingSettingsInput.safeParse({ [field]: rule.min - 1 }).success).toBe(false);
      expect(updateBookingSettingsInput.safeParse({ [field]: rule.max + 1 }).success).toBe(false);
    }
  });

  it('puts the server messages next to their fields: a weekday from the period check, an index from the schema', () => {
    const sent = { openingHours: [2, 3].map((weekday) => ({ weekday, periods: workday })), postCount: 9999 };
    const e = serverSettingsErrors(
      validation([
        { path: 'openingHours.3', message: '开放时间段有重叠或结束早于开始' },
        { path: 'body.openingHours.0.periods.1.end', message: '时间格式应为 HH:mm' },
        { path: 'body.postCount', message: 'Too big: expected number to be <=5000' },
        { path: 'windowStartDays', message: '最早可约天数不能大于最晚可约天数' },
        { path: 'leadStaffId', message: '请选本社区在岗的工作人员' },
        { path: 'body', message: 'Unrecognized key: "x"' },
      ]),
      sent,
    );
    expect(e.days).toEqual({ 3: '开放时间段有重叠或结束早于开始', 2: '时间格式应为 HH:mm' });
    expect(e.fields.postCount).toBe('请填 1 到 5000 之间的整数（单位：个）');
    expect(e.fields.windowStartDays).toBe('最早可约天数不能大于最晚可约天数');
    expect(e.fields.leadStaffId).toBe('请选本社区在岗的工作人员');
    expect(e.other).toEqual([]);
    expect(tabWithError({ fields: { windowStartDays: 'x' }, days: {}, other: [] })).toBe('rules');
    expect(tabWithError({ fields: { leadStaffId: 'x' }, days: {}, other: [] })).toBe('lead');
    expect(serverSettingsErrors(new Error('boom'), {})).toEqual({ fields: {}, days: {}, other: [] });
  });

  it('centre contact: blank sends nothing when nothing was set, typed values go out tidied, blank clears a saved one', () => {
    const form = toSettingsForm(saved);
    expect([form.centreAddress, form.centrePhone, form.centreLatitude, form.centreLongitude]).toEqual(['', '', '', '']);
    expect(settingsChanges(saved, form).changes).toEqual({});
    form.centreAddress = ' 测试路１号 ';
    form.centrePhone = '0716 123 4567';
    form.centreLatitude = '30．352817';
    form.centreLongitude = '112.190436';
    const { changes, errors } = settingsChanges(saved, form);
    expect(errors).toEqual({ fields: {}, days: {}, other: [] });
    expect(changes).toEqual({ centreAddress: '测试路1号', centrePhone: '0716-1234567', centreLocation: { latitude: 30.352817, longitude: 112.190436 } });
    expect(updateBookingSettingsInput.safeParse(changes).success).toBe(true);
    expect(changedText(changes)).toBe('地址、电话、地图位置');
    const withCentre = { ...saved, ...changes } as BookingSettingsView;
    const again = toSettingsForm(withCentre);
    expect(settingsChanges(withCentre, again).changes).toEqual({});
    again.centreAddress = '';
    again.centrePhone = ' ';
    again.centreLatitude = '';
    again.centreLongitude = '';
    expect(settingsChanges(withCentre, again).changes).toEqual({ centreAddress: null, centrePhone: null, centreLocation: null });
  });

  it('centre contact: a bad phone, one coordinate alone, swapped or unreadable coordinates are named next to their field', () => {
    const form = toSettingsForm(saved);
    form.centrePhone = '12345';
    form.centreLatitude = '30.35';
    let r = settingsChanges(saved, form);
    expect(r.errors.fields.centrePhone).toMatch(/区号/);
    expect(r.errors.fields.centreLongitude).toMatch(/一起填/);
    expect(r.errors.fields.centreLatitude).toBeUndefined();
    expect(tabWithError(r.errors)).toBe('centre');
    form.centrePhone = '';
    form.centreLatitude = '112.19';
    form.centreLongitude = '30.35';
    r = settingsChanges(saved, form);
    expect(r.errors.fields.centreLatitude).toMatch(/纬度应在/);
    expect(r.errors.fields.centreLongitude).toMatch(/经度应在/);
    form.centreLatitude = '三十';
    expect(settingsChanges(saved, form).errors.fields.centreLatitude).toMatch(/请填数字/);
    form.centreLatitude = '30.35';
    form.centreLongitude = '112.19';
    form.centreAddress = '测试\u202e路';
    expect(settingsChanges(saved, form).errors.fields.centreAddress).toMatch(/看不见/);
  });

  it('puts the server messages about the centre next to their fields', () => {
    const e = serverSettingsErrors(
      validation([
        { path: 'body.centrePhone', message: '电话格式不对：座机请带区号，如 0716-1234567；手机为 11 位数字' },
        { path: 'body.centreLocation.longitude', message: 'Too big' },
        { path: 'body.centreAddress', message: 'Invalid' },
      ]),
      {},
    );
    expect(e.fields.centrePhone).toMatch(/区号/);
    expect(e.fields.centreLongitude).toBe('地图位置填得不对');
    expect(e.fields.centreAddress).toMatch(/100 个字/);
  });

  it('says minutes in hours and days', () => {
    expect(minutesText(45)).toBe('45 分钟');
    expect(minutesText(120)).toBe('2 小时');
    expect(minutesText(90)).toBe('1 小时 30 分钟');
    expect(minutesText(1500)).toBe('1 天 1 小时');
  });
});

describe('closure form', () => {
  it('reads dates the way people write them and rejects days that do not exist', () => {
    expect(normalizeDate('2026-5-1')).toBe('2026-05-01');
    expect(normalizeDate('2026/05/01')).toBe('2026-05-01');
    expect(normalizeDate('2026年5月1日')).toBe('2026-05-01');
    expect(normalizeDate('２０２６.５.１')).toBe('2026-05-01');
    expect(normalizeDate('2026-02-30')).toBeNull();
    expect(normalizeDate('5月1日')).toBeNull();
    expect(closureDayText('2026-05-01')).toBe('2026年5月1日 周五');
  });

  it('asks for a day from today on and a reason', () => {
    expect(readClosureForm({ date: '2026-5-1', reason: ' 社区活动 ' }, '2026-04-20')).toEqual({ input: { date: '2026-05-01', reason: '社区活动' } });
    expect(readClosureForm({ date: '2026-04-19', reason: '' }, '2026-04-20')).toEqual({
      errors: { date: expect.stringContaining('已经过去'), reason: expect.stringContaining('请写上闭馆原因') },
    });
    expect(readClosureForm({ date: '明天', reason: '<b>' }, '2026-04-20')).toEqual({
      errors: { date: expect.stringContaining('2026-05-01'), reason: '不能有 < > 这类符号' },
    });
  });

  it('puts "already closed" next to the date', () => {
    expect(serverClosureErrors(new ApiError('CLOSURE_EXISTS', 409))).toEqual({ date: '这一天已经设为闭馆了' });
    expect(serverClosureErrors(validation([{ path: 'body.reason', message: 'Too big' }])).reason).toBe('原因要 1 到 100 个字');
  });
});

describe('service item form', () => {
  const item: ServiceItemView = {
    id: '7d1c4c9a-4a3e-4c2b-9f51-2b0e0f1a9c01',
    communityCode: '421003003003',
    name: '居住证明',
    description: null,
    durationMinutes: 20,
    materials: ['本人身份证', '户口本'],
    catalogCode: null,
    active: true,
    sortOrder: 500,
    inPerson: null,
  };

  it('takes materials one per line, without numbers, blanks or repeats', () => {
    expect(materialLines('1. 本人身份证\n\n2、户口本\n户口本\n  一寸照片（2张） ')).toEqual(['本人身份证', '户口本', '一寸照片（2张）']);
  });

  it('builds a create input the shared schema accepts, and names the wrong fields', () => {
    const read = readItemForm({ name: ' 开具居住证明 ', durationMinutes: '２０', materials: '身份证\n户口本', description: '', inPerson: 'required' });
    expect(read).toEqual({ input: { name: '开具居住证明', durationMinutes: 20, materials: ['身份证', '户口本'], description: null, inPerson: 'required' } });
    if ('input' in read) expect(createServiceItemInput.safeParse(read.input).success).toBe(true);
    expect(readItemForm({ name: '', durationMinutes: '300', materials: Array.from({ length: 31 }, (_, i) => `材料${i}`).join('\n'), description: '', inPerson: '' })).toEqual({
      errors: { name: expect.any(String), durationMinutes: '请填 5 到 240 之间的整数（分钟）', materials: '材料最多 30 项，请合并或删减' },
    });
  });

  it('keeps its limits the same as the shared schema', () => {
    const base = { name: '事项', durationMinutes: 30, materials: [] };
    expect(createServiceItemInput.safeParse({ ...base, durationMinutes: ITEM_LIMITS.durationMin - 1 }).success).toBe(false);
    expect(createServiceItemInput.safeParse({ ...base, durationMinutes: ITEM_LIMITS.durationMax + 1 }).success).toBe(false);
    expect(createServiceItemInput.safeParse({ ...base, name: 'x'.repeat(ITEM_LIMITS.nameMax + 1) }).success).toBe(false);
    expect(createServiceItemInput.safeParse({ ...base, name: 'x'.repeat(ITEM_LIMITS.nameMax) }).success).toBe(true);
    expect(createServiceItemInput.safeParse({ ...base, materials: Array(ITEM_LIMITS.materialsMax + 1).fill('a') }).success).toBe(false);
  });

  it('sends only what changed when editing', () => {
    const form = toItemForm(item);
    expect(itemChanges(item, form)).toEqual({ changes: {} });
    expect(itemChanges(item, { ...form, durationMinutes: '25', description: '需本人到场' })).toEqual({ changes: { durationMinutes: 25, description: '需本人到场' } });
    // whether the person must come: set, changed, and back to "not said"
    expect(itemChanges(item, { ...form, inPerson: 'proxy_ok' })).toEqual({ changes: { inPerson: 'proxy_ok' } });
    expect(itemChanges({ ...item, inPerson: 'required' }, { ...toItemForm({ ...item, inPerson: 'required' }), inPerson: '' })).toEqual({ changes: { inPerson: null } });
    expect(itemChanges({ ...item, description: '旧说明' }, { ...toItemForm({ ...item, description: '旧说明' }), description: ' ' })).toEqual({ changes: { description: null } });
  });

  it('says in words whether residents can book it, and maps server issues to fields', () => {
    expect(itemSummary(item)).toBe('居民可以预约 · 大约 20 分钟 · 要带 2 样材料');
    expect(itemSummary({ ...item, active: false, materials: [] })).toBe('已停用，居民约不了 · 大约 20 分钟 · 不用带材料');
    const e = serverItemErrors(validation([{ path: 'body.materials.3', message: '不能有特殊符号' }, { path: 'body.name', message: 'Too big' }]));
    expect(e.fields).toEqual({ materials: '不能有特殊符号', name: '名称要 1 到 40 个字，不能有 < > 这类符号' });
  });
});

describe('staff console', () => {
  it('lists the three configuration pages for every desk role (read-only for street reviewers)', () => {
    const titles = ['开放时间和窗口', '临时闭馆', '服务事项'];
    for (const role of ['community_staff', 'street_reviewer', 'district_admin'] as const) {
      expect(consoleLinksFor(role).map((l) => l.title)).toEqual(expect.arrayContaining(titles));
    }
    expect(BOOKING_CONSOLE_LINKS.filter((l) => titles.includes(l.title)).map((l) => l.url)).toEqual([
      '/subpackages/staff-booking/pages/settings/index',
      '/subpackages/staff-booking/pages/closures/index',
      '/subpackages/staff-booking/pages/service-items/index',
    ]);
  });
});
