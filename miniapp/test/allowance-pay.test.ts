// the payments pages' words without Taro: money in 元, months, one row per month (paid / pending / failed / back-pay),
// the summary at the top and the failed-months notice
import { describe, expect, it } from '@jest/globals';
import type { FamilyPaymentMonthView, FamilyPaymentsView, LedgerMonthView } from '@jianban/shared';
import { dateText, monthText, nextMonth, previousMonth, recentMonths, yuanText } from '../src/features/allowance-pay/format';
import { buildAccountFix, failedSummary, monthRow, summaryRows } from '../src/features/allowance-pay/payments';
import { bankReturnText, buildSettingsInput, monthActions, monthRows } from '../src/features/allowance-pay/staff';
import { memberAllowanceLinks } from '../src/features/allowance-pay/member-links';

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


const run = (status: 'running' | 'done' | 'held' | 'failed') => ({ id: 'r', kind: 'entitle' as const, month: '2026-05', status, chunksTotal: 4, chunksDone: 2, startedAt: '', finishedAt: null, startedBy: '陈刚' });
const ledgerMonth = (over: Partial<LedgerMonthView>): LedgerMonthView => ({
  month: '2026-05', status: 'open', entitlements: 0, amountCny: 0, backPay: 0, backPayCny: 0, paysThisMonth: true, entitlementRun: null, reverification: null,
  closedAt: null, closedBy: null, roster: null, bankReturns: [], ...over,
});

describe('the district month desk', () => {
  it('offers run → close → roster and bank return in that order only', () => {
    expect(monthActions(ledgerMonth({}))).toEqual({ run: true, close: false, roster: false, bankReturn: false });
    expect(monthActions(ledgerMonth({ entitlementRun: run('running') }))).toEqual({ run: false, close: false, roster: false, bankReturn: false });
    expect(monthActions(ledgerMonth({ entitlementRun: run('done') }))).toEqual({ run: true, close: true, roster: false, bankReturn: false });
    expect(monthActions(ledgerMonth({ status: 'closed', entitlementRun: run('done') }))).toEqual({ run: false, close: false, roster: true, bankReturn: true });
    expect(monthActions(ledgerMonth({ status: 'closed', paysThisMonth: false }))).toMatchObject({ roster: false, bankReturn: false });
  });
  it('says the month in words, with progress while a run goes', () => {
    const rows = monthRows(ledgerMonth({ entitlements: 3, amountCny: 200, backPay: 1, backPayCny: 50, entitlementRun: run('running') }));
    expect(rows).toContainEqual(['应发', '3笔，共200元']);
    expect(rows).toContainEqual(['其中补发', '1笔，共50元']);
    expect(rows).toContainEqual(['核算', '正在进行（2/4），陈刚发起']);
  });
  it('reports a bank return by line outcome, mentioning bad and duplicate lines only when there are any', () => {
    expect(bankReturnText({ paid: 9, failed: 1, bad: 0, duplicate: 0 })).toBe('已发放9行，发放失败1行');
    expect(bankReturnText({ paid: 9, failed: 1, bad: 2, duplicate: 1, unchanged: 3 })).toBe('已发放9行，发放失败1行，有误2行（没有导入），重复1行（只算一次），之前已导入3行');
  });
  it('checks the settings form and builds the request (an empty cap is no cap)', () => {
    const ok = buildSettingsInput({ period: 'quarterly', cap: '', bracketChange: 'month_after', payDay: '15', hold: '5', confirmed: 'no' });
    expect(ok).toEqual({ ok: true, input: { period: 'quarterly', arrearsCapMonths: null, bracketChange: 'month_after', payDay: 15, reverifyHoldPercent: 5, confirmedForDistrict: false } });
    const bad = buildSettingsInput({ period: 'monthly', cap: '0', bracketChange: 'birthday_month', payDay: '31', hold: '80', confirmed: 'yes' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['cap', 'hold', 'payDay']);
  });
});

describe('the family corrects the account after a failed payment', () => {
  it('asks for the kind and the number in words, and sends a clean account', () => {
    const empty = buildAccountFix({ kind: '', number: '', bankName: '' });
    expect(empty).toEqual({ ok: false, errors: { kind: '请选择用哪种卡收钱', number: '请填写新的卡号' } });
    expect(buildAccountFix({ kind: 'bank_card', number: '6217 0000 1234 5678', bankName: ' 农业银行 ' })).toMatchObject({ ok: true, account: { kind: 'bank_card', bankName: '农业银行' } });
  });
});

describe('memberAllowanceLinks (我的 → 我代办的家人)', () => {
  it('links to 每月发放 for a recipient and to the invitation while one is open; nothing otherwise', () => {
    expect(memberAllowanceLinks('m 1', { status: 'active' }, { invitation: null })).toEqual([
      { label: '高龄津贴：每月发放', url: '/subpackages/allowance-pay/pages/payments/index?memberId=m%201' },
    ]);
    expect(memberAllowanceLinks('m1', { status: null }, { invitation: { elderName: '吴新满' } })).toEqual([
      { label: '高龄津贴：去确认领取', url: '/subpackages/allowance-pay/pages/invitation/index?memberId=m1' },
    ]);
    expect(memberAllowanceLinks('m1', { status: 'suspended' }, undefined).map((l) => l.label)).toEqual(['高龄津贴：每月发放']);
    expect(memberAllowanceLinks('m1', { status: null }, { invitation: null })).toEqual([]);
    expect(memberAllowanceLinks('m1', undefined, undefined)).toEqual([]);
  });
});
