// the payments pages' words without Taro: money in 元, months, one row per month (paid / pending / failed / back-pay),
// the summary at the top and the failed-months notice
import { describe, expect, it } from '@jest/globals';
import type { FamilyPaymentMonthView, FamilyPaymentsView } from '@jianban/shared';
import { dateText, monthText, nextMonth, previousMonth, recentMonths, yuanText } from '../src/features/allowance-pay/format';
import { failedSummary, monthRow, summaryRows } from '../src/features/allowance-pay/payments';

const month = (over: Partial<FamilyPaymentMonthView>): FamilyPaymentMonthView => ({
  forMonth: '2026-03', amountCny: 50, state: 'paid', stateText: '已发放', backPayText: null, failureReason: null, whatToDo: null, paidOn: null, ...over,
});

const view = (over: Partial<FamilyPaymentsView> = {}): FamilyPaymentsView => ({
  elderName: '王建国', status: 'active', statusText: '正常发放', bracketLabel: '80—89周岁', monthlyCny: 50, periodText: '按月发放',
  account: { kindText: '银行卡或存折', masked: '**** **** 8901' }, nextPaymentDate: '2026-04-15', suspension: null, months: [], ...over,
});

describe('money and months', () => {
  it('writes whole 元 with thousands separators and cents only when there are any', () => {
    expect(yuanText(50)).toBe('50元');
    expect(yuanText(1234567)).toBe('1,234,567元');
    expect(yuanText(50.5)).toBe('50.50元');
    expect(yuanText(0)).toBe('0元');
  });
  it('names months and days the way families say them, and steps across the year', () => {
    expect(monthText('2027-01')).toBe('2027年1月');
    expect(dateText('2026-12-07')).toBe('2026年12月7日');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(recentMonths('2027-02', 3)).toEqual(['2027-02', '2027-01', '2026-12']);
  });
});

describe('one month as the family reads it', () => {
  it('a paid month says when it reached the account', () => {
    const r = monthRow(month({ paidOn: '2026-04-15' }));
    expect(r).toMatchObject({ title: '2026年3月', amount: '50元', chip: '✓ 已发放', tone: 'success' });
    expect(r.lines).toEqual(['2026年4月15日发到账户']);
  });
  it('a failed month gives the bank reason and what to do, marked in words not only colour', () => {
    const r = monthRow(month({ state: 'failed', stateText: '发放失败', failureReason: '银行卡号有误，请核对', whatToDo: '请到社区或在这里改正收款账户' }));
    expect(r.chip).toBe('✗ 发放失败');
    expect(r.tone).toBe('error');
    expect(r.lines).toEqual(['原因：银行卡号有误，请核对', '请到社区或在这里改正收款账户']);
  });
  it('a back-paid line says which month it is for; pending says nothing more', () => {
    expect(monthRow(month({ state: 'back_pay', stateText: '补发', backPayText: '补发2026年3月的津贴' })).lines).toEqual(['补发2026年3月的津贴']);
    expect(monthRow(month({ state: 'pending', stateText: '待发放' }))).toMatchObject({ chip: '… 待发放', tone: 'info', lines: [] });
  });
});

describe('the top of the page', () => {
  it('lists status, bracket, period, next payment and the account by its last four digits only', () => {
    const rows = summaryRows(view());
    expect(rows).toEqual([
      ['发放情况', '正常发放'],
      ['档次', '80—89周岁，每月50元'],
      ['怎么发', '按月发放'],
      ['下次发放', '2026年4月15日前后'],
      ['收款账户', '银行卡或存折，尾号8901'],
    ]);
  });
  it('leaves out what the server did not send (not yet a recipient)', () => {
    expect(summaryRows(view({ status: null, statusText: '还没有开始发放', bracketLabel: null, monthlyCny: null, nextPaymentDate: null, account: null }))).toEqual([
      ['发放情况', '还没有开始发放'],
      ['怎么发', '按月发放'],
    ]);
  });
  it('sums the failed months, and is silent when none failed', () => {
    expect(failedSummary(view({ months: [month({}), month({ state: 'failed', forMonth: '2026-04' }), month({ state: 'failed', forMonth: '2026-05', amountCny: 100 })] }))).toBe(
      '有2个月没有发成功（共150元）。账户改好后，会在下一次发放时一起补发。',
    );
    expect(failedSummary(view({ months: [month({})] }))).toBeNull();
  });
});
