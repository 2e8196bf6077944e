import { expect, it } from '@jest/globals';
import { EXPORT_MAX_DAYS, exportQuery } from './booking.schema';

// issue 14 item 11: staff export any span of days, not only a day or a month
const messages = (v: unknown) => {
  const r = exportQuery.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
};

it('takes a day, a month, or a span from–to', () => {
  expect(messages({ date: '2026-12-07' })).toEqual([]);
  expect(messages({ month: '2026-12' })).toEqual([]);
  expect(messages({ from: '2026-11-20', to: '2026-12-07' })).toEqual([]);
  expect(messages({ from: '2026-12-07', to: '2026-12-07' })).toEqual([]);
});

it('refuses a span that ends before it starts, or is longer than a year, with a plain reason', () => {
  expect(messages({ from: '2026-12-07', to: '2026-12-06' })).toEqual(['to: 结束日期不能早于开始日期']);
  expect(EXPORT_MAX_DAYS).toBe(366);
  expect(messages({ from: '2027-01-01', to: '2027-12-31' })).toEqual([]);
  expect(messages({ from: '2028-01-01', to: '2028-12-31' })).toEqual([]); // leap year: 366 days
  expect(messages({ from: '2027-01-01', to: '2028-01-02' })).toEqual(['to: 一次最多导出 366 天，请分几次导出']);
});

it('refuses half a span, or two kinds at once', () => {
  expect(messages({ from: '2026-12-01' })).toEqual(['to: 请填写到哪天为止']);
  expect(messages({ to: '2026-12-01' })).toEqual(['from: 请填写从哪天开始']);
  expect(messages({ date: '2026-12-07', from: '2026-12-01', to: '2026-12-07' })).toHaveLength(1);
  expect(messages({})).toEqual(['date: 请选择导出某一天、某个月，或从哪天到哪天']);
});
