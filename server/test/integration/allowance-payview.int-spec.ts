// The family's payments view and the district figures (issue 12 items 6 and 7) on SQLite and MariaDB: months paid,
// waiting, failed with the bank's reason and back-paid (saying which month), the next payment date, a suspension in
// plain words; only verified proxies (everyone else the same NOT_FOUND); masks only; the figures by bracket, community
// and month and their XLSX export agreeing with the rows underneath. The ledger rows are written directly (the ledger's
// own engine is tested in its suites).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { districtFiguresView, familyPaymentsView, ledgerXlsxView, maskIdNumber, routes } from '@jianban/shared';
import { PiiCipher } from '../../src/common/pii-cipher';
import {
  AllowanceDecisionEntity, AllowanceEntitlementEntity, AllowanceLedgerMonthEntity, AllowanceOverpaymentEntity, AllowanceRecipientEntity,
} from '../../src/allowance/ledger/ledger.entities';
import type { RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { ALLOWANCE_TEST_ENV, familyOf, registryElder, unverifiedFamilyOf } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';

const ACCOUNT_NUMBER = '6217000012345678901';
const OTHER_COMMUNITY = '421003002004';

describeEngines('the family payments view and district figures on %s', (engine) => {
  let t: TestApp;
  let cipher: PiiCipher;
  let district: string;
  let meicun: string;
  let users = 0;
  const user = () => `payview-${engine}-${users++}`;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'payview', env: ALLOWANCE_TEST_ENV });
    controlClock(t).set(at('2026-05-20', '10:00'));
    cipher = t.app.app.get(PiiCipher);
    [district, meicun] = await Promise.all(['district', 'meicun'].map((u) => t.loginStaff(u)));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function recipientOf(p: RegistryPerson, over: Partial<AllowanceRecipientEntity> = {}) {
    const now = new Date();
    const row: AllowanceRecipientEntity = {
      id: randomUUID(), elderIdHash: cipher.blindIndex('id_number', p.idNumber), elderIdEnc: cipher.encrypt(p.idNumber), elderIdMasked: maskIdNumber(p.idNumber),
      elderName: p.name, elderBirthDate: p.birthDate, communityCode: p.hukouRegionCode, streetCode: p.hukouRegionCode.slice(0, 9), source: 'application',
      applicationId: null, accountKind: 'bank_card', accountEnc: cipher.encrypt(ACCOUNT_NUMBER), accountLast4: ACCOUNT_NUMBER.slice(-4), bankName: null,
      accountUpdatedAt: null, firstPaidMonth: '2026-01', status: 'active', statusReason: null, stoppedFrom: null, deathDate: null, movedOutDate: null,
      flagged: false, flagReason: null, createdAt: now, updatedAt: now, ...over,
    };
    await t.ds.manager.insert(AllowanceRecipientEntity, row);
    return row;
  }

  async function line(recipientId: string, forMonth: string, over: Partial<AllowanceEntitlementEntity> = {}) {
    const now = new Date();
    const row: AllowanceEntitlementEntity = {
      id: randomUUID(), recipientId, forMonth, payMonth: forMonth, kind: 'regular', amountCny: 50, bracketMinAge: 80, state: 'pending',
      failureReason: null, paidOn: null, runId: null, createdAt: now, updatedAt: now, ...over,
    };
    await t.ds.manager.insert(AllowanceEntitlementEntity, row);
    return row;
  }

  const payments = (token: string, id: string) => t.call(routes.familyPayments, {}, { token, params: { id } });

  it('a verified proxy sees each month: paid, failed with the bank reason, back-pay for which month, waiting; and the next payment date', async () => {
    const elder = await registryElder(t, '1941-02-10', { name: '王建国' });
    const fam = await familyOf(t, user(), elder);
    const r = await recipientOf(elder);
    await line(r.id, '2026-02', { state: 'paid', paidOn: '2026-03-10' });
    await line(r.id, '2026-03', { kind: 'back_pay', payMonth: '2026-05' });
    await line(r.id, '2026-04', { state: 'failed', failureReason: '银行卡号有误，请核对' });
    await line(r.id, '2026-05');
    await line(r.id, '2026-01', { state: 'cancelled' });

    const res = await payments(fam.token, fam.memberId);
    expect(res.status).toBe(200);
    const v = familyPaymentsView.parse(res.body);
    expect(v).toMatchObject({ elderName: '王建国', status: 'active', statusText: '正常发放', periodText: '按月发放', monthlyCny: 50, suspension: null });
    expect(v.account).toEqual({ kindText: expect.any(String), masked: '**** **** 8901' });
    expect(v.nextPaymentDate).toBe('2026-06-10');
    expect(v.months.map((m) => [m.forMonth, m.state, m.stateText])).toEqual([
      ['2026-05', 'pending', '待发放'],
      ['2026-04', 'failed', '发放失败'],
      ['2026-03', 'back_pay', '补发'],
      ['2026-02', 'paid', '已发放'],
    ]);
    const [may, april, march, feb] = v.months;
    expect(may).toMatchObject({ failureReason: null, whatToDo: null, backPayText: null });
    expect(april.failureReason).toBe('银行卡号有误，请核对');
    expect(april.whatToDo).toContain('收款账户');
    expect(march.backPayText).toBe('补发2026年3月的津贴，随2026年5月的一起发');
    expect(feb.paidOn).toBe('2026-03-10');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(ACCOUNT_NUMBER);
    expect(text).not.toContain(elder.idNumber);
  });

  it('the next payment follows the first open roster month when nothing is waiting', async () => {
    const elder = await registryElder(t, '1942-07-01');
    const fam = await familyOf(t, user(), elder);
    const r = await recipientOf(elder);
    await line(r.id, '2026-04', { state: 'paid', paidOn: '2026-05-10' });
    await t.ds.manager.save(AllowanceLedgerMonthEntity, { month: '2026-05', status: 'closed', closedAt: new Date(), closedBy: null, note: null, createdAt: new Date() });
    const v = familyPaymentsView.parse((await payments(fam.token, fam.memberId)).body);
    expect(v.nextPaymentDate).toBe('2026-07-10'); // May is closed without a line for this elder: June's roster, paid in July
  });

  it('a suspension after a death record is told carefully, with what to do; no next payment date', async () => {
    const elder = await registryElder(t, '1930-09-09', { name: '李秀英' });
    const fam = await familyOf(t, user(), elder);
    const r = await recipientOf(elder, { status: 'stopped', statusReason: 'died', stoppedFrom: '2026-04', deathDate: '2026-03-31' });
    await line(r.id, '2026-03', { state: 'paid', paidOn: '2026-04-10', amountCny: 100, bracketMinAge: 90 });
    const v = familyPaymentsView.parse((await payments(fam.token, fam.memberId)).body);
    expect(v.status).toBe('stopped');
    expect(v.nextPaymentDate).toBeNull();
    expect(v.suspension).toMatchObject({ since: '2026-04' });
    expect(v.suspension!.reason).toContain('去世');
    expect(v.suspension!.whatToDo).toContain('记录有误');
    // the decision's own words for the family win when the ledger wrote them
    await t.ds.manager.insert(AllowanceDecisionEntity, {
      id: randomUUID(), runKey: 'reverify:2026-04', recipientId: r.id, kind: 'died', status: 'applied', effectiveMonth: '2026-04',
      evidenceJson: '{}', staffText: '户籍库死亡日期2026-03-31', familyText: '户籍记录显示李秀英已于2026年3月31日去世，津贴从4月起停发', decidedAt: new Date(), appliedAt: new Date(),
    });
    const again = familyPaymentsView.parse((await payments(fam.token, fam.memberId)).body);
    expect(again.suspension!.reason).toBe('户籍记录显示李秀英已于2026年3月31日去世，津贴从4月起停发');
  });

  it('an elder not (yet) paid: no months, said in words', async () => {
    const elder = await registryElder(t, '1944-01-05');
    const fam = await familyOf(t, user(), elder);
    const v = familyPaymentsView.parse((await payments(fam.token, fam.memberId)).body);
    expect(v).toMatchObject({ status: null, statusText: '还没有开始发放', months: [], account: null, nextPaymentDate: null });
  });

  it('anyone but a verified proxy gets the same NOT_FOUND: unverified family, another account, an unknown id; staff are refused', async () => {
    const elder = await registryElder(t, '1939-11-11');
    const fam = await familyOf(t, user(), elder);
    const r = await recipientOf(elder);
    await line(r.id, '2026-04', { state: 'paid', paidOn: '2026-05-10' });
    const unverified = await unverifiedFamilyOf(t, user(), elder);
    const stranger = await t.loginResident(user());
    const answers = await Promise.all([
      payments(unverified.token, unverified.memberId),
      payments(stranger, fam.memberId),
      payments(fam.token, randomUUID()),
    ]);
    for (const a of answers) expect([a.status, a.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(new Set(answers.map((a) => JSON.stringify(a.body)))).toEqual(new Set([JSON.stringify(answers[0].body)]));
    expect((await payments(meicun, fam.memberId)).status).toBe(403);
  });

  async function figures(from: string, to: string) {
    const res = await t.call(routes.districtPayFigures, { from, to }, { token: district });
    expect(res.status).toBe(200);
    return districtFiguresView.parse(res.body);
  }

  it('district figures: recipients by bracket and community, amounts per month, suspensions, 追缴 and back-pay — and the XLSX says the same', async () => {
    const before = await figures('2025-01', '2025-03');
    const a = await recipientOf(await registryElder(t, '1944-03-01'));
    const b = await recipientOf(await registryElder(t, '1934-06-01')); // 91: the 90–99 bracket
    const c = await recipientOf(await registryElder(t, '1943-01-01', { hukouRegionCode: OTHER_COMMUNITY }));
    const d = await recipientOf(await registryElder(t, '1940-01-01'), { status: 'stopped', statusReason: 'died', stoppedFrom: '2025-03' });
    await line(a.id, '2025-01', { state: 'paid' });
    await line(b.id, '2025-01', { state: 'paid', amountCny: 100, bracketMinAge: 90 });
    await line(c.id, '2025-01', { state: 'failed', failureReason: '账户已销户' });
    await line(a.id, '2025-02', { state: 'paid' });
    await line(c.id, '2024-12', { kind: 'back_pay', payMonth: '2025-02', state: 'paid' });
    const overpaid = await line(d.id, '2025-03', { state: 'paid' });
    await t.ds.manager.insert(AllowanceOverpaymentEntity, {
      id: randomUUID(), recipientId: d.id, entitlementId: overpaid.id, forMonth: '2025-03', amountCny: 50, decisionId: null, status: 'open',
      reason: '去世后多发', createdAt: new Date(), resolvedAt: null, resolution: null, resolvedBy: null,
    });
    await t.ds.manager.insert(AllowanceDecisionEntity, {
      id: randomUUID(), runKey: 'reverify:2025-03', recipientId: d.id, kind: 'died', status: 'applied', effectiveMonth: '2025-03',
      evidenceJson: '{}', staffText: '户籍库死亡', familyText: null, decidedAt: new Date(), appliedAt: new Date(),
    });

    const f = await figures('2025-01', '2025-03');
    expect(f.isDefaultPolicy).toBe(true);
    const bracket = (v: typeof f, label: string) => v.byBracket.find((x) => x.bracketLabel === label)!.recipients;
    expect(bracket(f, '80—89岁') - bracket(before, '80—89岁')).toBe(2);
    expect(bracket(f, '90—99岁') - bracket(before, '90—99岁')).toBe(1);
    const community = (v: typeof f, code: string) => v.byCommunity.find((x) => x.communityCode === code) ?? { recipients: 0, suspended: 0, amountCny: 0, communityName: '' };
    expect(community(f, OTHER_COMMUNITY).communityName).toBe('东门社区');
    expect(community(f, OTHER_COMMUNITY).recipients - community(before, OTHER_COMMUNITY).recipients).toBe(1);
    expect(community(f, OTHER_COMMUNITY).amountCny - community(before, OTHER_COMMUNITY).amountCny).toBe(100);
    expect(community(f, '421003003003').suspended - community(before, '421003003003').suspended).toBe(1);
    expect(f.months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(f.months[0]).toEqual({ month: '2025-01', recipients: 3, amountCny: 200, paidCny: 150, failedCny: 50, backPayCny: 0, suspensions: 0, recoveriesCny: 0, recoveredCny: 0 });
    expect(f.months[1]).toEqual({ month: '2025-02', recipients: 2, amountCny: 100, paidCny: 100, failedCny: 0, backPayCny: 50, suspensions: 0, recoveriesCny: 0, recoveredCny: 0 });
    expect(f.months[2]).toEqual({ month: '2025-03', recipients: 1, amountCny: 50, paidCny: 50, failedCny: 0, backPayCny: 0, suspensions: 1, recoveriesCny: 50, recoveredCny: 0 });

    const x = await t.call(routes.exportDistrictPayFigures, { from: '2025-01', to: '2025-03' }, { token: district });
    expect(x.status).toBe(200);
    const file = ledgerXlsxView.parse(x.body);
    expect(file.fileName).toBe('高龄津贴统计-2025-01至2025-03.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按档次', '按社区', '按月']);
    const months = wb.getWorksheet('按月')!;
    expect(String(months.getCell('A1').value)).toContain('未经荆州区确认');
    expect(months.getRow(3).values).toEqual([undefined, '2025-01', 3, 200, 150, 50, 0, 0, 0, 0]);
    expect(months.getRow(5).values).toEqual([undefined, '2025-03', 1, 50, 50, 0, 0, 1, 50, 0]);
    expect(JSON.stringify(file)).not.toContain(ACCOUNT_NUMBER);
  });

  it('figures are the district admin’s: community staff are refused, a backwards range is a clear validation error', async () => {
    expect((await t.call(routes.districtPayFigures, { from: '2025-01', to: '2025-03' }, { token: meicun })).status).toBe(403);
    const bad = await t.call(routes.districtPayFigures, { from: '2025-03', to: '2025-01' }, { token: district });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const wide = await t.call(routes.exportDistrictPayFigures, { from: '2000-01', to: '2030-01' }, { token: district });
    expect([wide.status, wide.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
