// The allowance ledger on a real database (issue 12): the roll of people already paid, monthly entitlements (reruns
// and a second instance create nothing more), month boundaries (a death on the 31st, 90 on 29 February), closing a
// month, the roster (full numbers only there, audited), a bank return file with bad and duplicate lines, a failed
// payment paid in the next roster once the account is fixed, re-verification held over the threshold (F5) and
// approved, 追缴 after a late death record, a stop after a move, back-pay after a corrected death record — on SQLite
// and MariaDB.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { bankReturnReportView, paymentRollReportView, reverifyRunView, routes, staffRecipientDetailView } from '@jianban/shared';
import { PiiCipher } from '../../src/common/pii-cipher';
import { describeEngines } from '../support/describe-engines';
import { anIdNumber, seedRegistry } from '../support/registry';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { familyOf, registryElder } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';
import { csvFile, entitle, entitlementsOf, LEDGER_TEST_ENV, reverify, rosterRows } from './ledger-helpers';

const ROLL_HEAD = ['姓名', '身份证号', '账户类型', '账号', '开户行', '起始月份'];

describeEngines('the allowance ledger on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let district: string;
  let meicun: string;
  type Person = Awaited<ReturnType<typeof registryElder>>;
  const p: Record<string, Person> = {};
  const rid: Record<string, string> = {};
  let fam1: { token: string; memberId: string };
  let fam4: { token: string; memberId: string };
  const recipientId = async (person: Person) => {
    const hash = t.app.app.get(PiiCipher).blindIndex('id_number', person.idNumber);
    const [r] = (await t.ds.query('SELECT id FROM allowance_recipient WHERE elder_id_hash = ?', [hash])) as { id: string }[];
    return r?.id;
  };
  const account = (n: number) => `62170000${String(n).padStart(11, '0')}`;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'ledger', env: LEDGER_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-01-10', '10:00'));
    [district, meicun] = await Promise.all(['district', 'meicun'].map((u) => t.loginStaff(u)));
    p.e1 = await registryElder(t, '1940-03-15', { name: '王建民' });
    p.e2 = await registryElder(t, '1936-02-29', { name: '李闰年' });
    p.e3 = await registryElder(t, '1941-05-05', { name: '赵晚报' });
    p.e4 = await registryElder(t, '1942-06-06', { name: '钱迁出' });
    p.e5 = await registryElder(t, '1943-07-07', { name: '孙误报' });
    p.e6 = await registryElder(t, '1944-08-08', { name: '周正名' });
    fam1 = await familyOf(t, `ledger-${engine}-1`, p.e1);
    fam4 = await familyOf(t, `ledger-${engine}-4`, p.e4);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('imports the payment roll: bad, duplicate, unknown and mismatched lines are reported; a second import changes nothing', async () => {
    const rows = [ROLL_HEAD];
    ['e1', 'e2', 'e3', 'e4', 'e5'].forEach((k, i) => rows.push([p[k].name, p[k].idNumber, '银行卡', account(i + 1), '湖北农商银行', '2019-05']));
    rows.push(['周证明', p.e6.idNumber, '一卡通', account(6), '', '2020-01']); // the registry says 周正名
    rows.push(['错号', '42100319400315001Y', '银行卡', account(7), '', '']);
    rows.push([p.e1.name, p.e1.idNumber, '银行卡', account(1), '', '']);
    rows.push(['不在册', anIdNumber('110105', '1944-12-31', 21), '银行卡', account(8), '', '']);
    const r = await t.call(routes.importPaymentRoll, csvFile('在册名单.csv', rows), { token: district });
    expect(r.status).toBe(201);
    const rep = paymentRollReportView.parse(r.body);
    expect([rep.rows, rep.imported, rep.unchanged]).toEqual([9, 6, 0]);
    expect(rep.issues.map((i) => [i.rowNo, i.reason])).toEqual(expect.arrayContaining([[7, 'name_mismatch'], [8, 'bad_id'], [9, 'duplicate'], [10, 'not_in_registry']]));
    const again = paymentRollReportView.parse((await t.call(routes.importPaymentRoll, csvFile('在册名单.csv', rows), { token: district })).body);
    expect([again.imported, again.unchanged]).toEqual([0, 6]);
    for (const k of ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']) rid[k] = await recipientId(p[k]);
    const d = staffRecipientDetailView.parse((await t.call(routes.staffPaymentRecipient, {}, { params: { id: rid.e6 }, token: meicun })).body);
    expect([d.elderName, d.flagged, d.firstPaidMonth, d.source, d.account.masked]).toEqual(['周正名', true, '2026-02', 'payment_roll', '**** **** 0006']);
    expect(JSON.stringify(d)).not.toContain(p.e6.idNumber);
    expect(JSON.stringify(d)).not.toContain(account(6));
    const stored = JSON.stringify(await t.ds.query('SELECT * FROM allowance_recipient'));
    expect(stored).not.toContain(p.e1.idNumber);
    expect(stored).not.toContain(account(1));
  });

  it('February: 90 on 29 February is paid the higher bracket from February, no application; a rerun adds nothing (database unique key)', async () => {
    clock.set(at('2026-02-03', '09:00'));
    expect(await reverify(t, district, '2026-02')).toBe('done');
    const up = await t.call(routes.reverificationDecisions, { kind: 'bracket_up' }, { params: { month: '2026-02' }, token: district });
    expect(up.body.items.map((d: { recipientId: string; effectiveMonth: string }) => [d.recipientId, d.effectiveMonth])).toEqual([[rid.e2, '2026-02']]);
    expect(up.body.items[0].familyText).toContain('100元');
    await entitle(t, district, '2026-02');
    expect(await entitlementsOf(t, rid.e2)).toEqual([{ for_month: '2026-02', pay_month: '2026-02', kind: 'regular', amount_cny: 100, state: 'pending' }]);
    expect((await entitlementsOf(t, rid.e1)).map((e) => e.amount_cny)).toEqual([50]);
    const count = async () => Number(((await t.ds.query(`SELECT COUNT(*) AS n FROM allowance_entitlement WHERE pay_month = '2026-02'`)) as { n: number }[])[0].n);
    expect(await count()).toBe(6);
    await entitle(t, district, '2026-02');
    expect(await count()).toBe(6);
    // the unique key, not a check in code: a second insert for the same recipient and month is refused by the database
    await expect(t.ds.query(`INSERT INTO allowance_entitlement (id, recipient_id, for_month, pay_month, kind, amount_cny, bracket_min_age, state, created_at, updated_at) VALUES ('x-1', ?, '2026-02', '2026-02', 'regular', 50, 80, 'pending', '2026-02-03 00:00:00', '2026-02-03 00:00:00')`, [rid.e1])).rejects.toThrow();
  });

  it('closes February; the roster has the full numbers (only there) and every export is audited; the month no longer changes', async () => {
    // the roster carries full numbers: the district admin re-enters the password first (step-up), else nothing is sent
    const asked = await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-02' }, token: district });
    expect([asked.status, asked.body.code, asked.body.base64]).toEqual([403, 'STEP_UP_REQUIRED', undefined]);
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: district })).status).toBe(200);
    const early = await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-02' }, token: district });
    expect([early.status, early.body.code]).toEqual([409, 'LEDGER_MONTH_NOT_CLOSED']);
    expect((await t.call(routes.closeLedgerMonth, { note: '已审核' }, { params: { month: '2026-02' }, token: district })).status).toBe(200);
    expect((await t.call(routes.closeLedgerMonth, {}, { params: { month: '2026-02' }, token: district })).body.code).toBe('LEDGER_MONTH_CLOSED');
    expect((await t.call(routes.startEntitlementRun, {}, { params: { month: '2026-02' }, token: district })).body.code).toBe('LEDGER_MONTH_CLOSED');
    const r = await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-02' }, token: district });
    expect(r.status).toBe(200);
    const rows = await rosterRows(r.body.base64);
    expect(rows[0]).toEqual(['序号', '姓名', '身份证号', '账户类型', '收款账号', '开户行', '金额（元）', '所属月份', '业务参考号', '备注']);
    expect(rows).toHaveLength(7);
    const e2 = rows.find((x) => x[1] === '李闰年')!;
    expect([e2[2], e2[6], e2[7]]).toEqual([p.e2.idNumber, '100', '2026-02']);
    expect(rows.find((x) => x[1] === '王建民')![4]).toBe(account(1));
    await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-02' }, token: district });
    const audits = (await t.ds.query(`SELECT action FROM allowance_ledger_audit WHERE subject = '2026-02' AND action = 'roster_export'`)) as unknown[];
    expect(audits).toHaveLength(2);
    expect((await t.call(routes.staffPaymentRecipients, {}, { params: { code: '421003003003' }, token: district })).body.total).toBeGreaterThanOrEqual(6);
  });

  it('the bank return: bad and duplicate lines are reported, a failed line becomes a community task and a pushed message, paid is an inbox notice; twice changes nothing', async () => {
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: district })).status).toBe(200);
    const roster = await rosterRows((await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-02' }, token: district })).body.base64);
    const ref = (name: string) => roster.find((x) => x[1] === name)![8];
    const lines = [['业务参考号', '结果', '原因', '金额']];
    for (const n of ['王建民', '李闰年', '赵晚报', '孙误报', '周正名']) lines.push([ref(n), '成功', '', n === '李闰年' ? '100' : '50']);
    lines.push([ref('钱迁出'), '失败', '账号不存在', '50']);
    lines.push([ref('王建民'), '成功', '', '50']); // duplicate
    lines.push(['202602ffffffffffffffffffffffff', '成功', '', '50']); // not in the roster
    lines.push([ref('周正名'), '待定', '', '50']); // also a duplicate of 周正名
    const r = await t.call(routes.importBankReturn, csvFile('回盘.csv', lines), { params: { month: '2026-02' }, token: district });
    expect(r.status).toBe(201);
    const rep = bankReturnReportView.parse(r.body);
    expect([rep.paid, rep.failed, rep.duplicate, rep.bad]).toEqual([5, 1, 2, 1]);
    expect(rep.issues.find((i) => i.reason === 'unknown_reference')?.rowNo).toBe(9);
    expect((await entitlementsOf(t, rid.e4))[0]).toMatchObject({ state: 'failed' });
    const tasks = await t.call(routes.communityPayTasks, { kind: 'payment_failed' }, { params: { code: '421003003003' }, token: meicun });
    expect(tasks.body.items.map((x: { elderName: string; text: string }) => x.elderName)).toEqual(['钱迁出']);
    expect(tasks.body.items[0].text).toContain('银行卡号有误，请核对');
    const events = (await t.ds.query(`SELECT type, push_state FROM notification_event WHERE idempotency_key LIKE 'ledger:%' ORDER BY type`)) as { type: string; push_state: string }[];
    expect(events).toEqual([
      { type: 'allowance_paid', push_state: 'no_template' },
      { type: 'allowance_payment_failed', push_state: 'pending' },
    ]);
    const again = bankReturnReportView.parse((await t.call(routes.importBankReturn, csvFile('回盘.csv', lines), { params: { month: '2026-02' }, token: district })).body);
    expect([again.paid, again.failed, again.unchanged]).toEqual([0, 0, 6]);
    expect(await t.ds.query(`SELECT type FROM notification_event WHERE idempotency_key LIKE 'ledger:%'`)).toHaveLength(2);
    // nothing half-applied: a file that is not what its name says changes nothing
    const bad = await t.call(routes.importBankReturn, { fileName: '回盘.xlsx', base64: Buffer.from('not a zip').toString('base64') }, { params: { month: '2026-02' }, token: district });
    expect([bad.status, bad.body.code]).toEqual([400, 'LEDGER_FILE_INVALID']);
    // the family fixes the account: the failed month goes into the next roster
    const fix = await t.call(routes.updatePaymentAccount, { account: { kind: 'bank_card', number: account(44) } }, { params: { id: fam4.memberId }, token: fam4.token });
    expect([fix.status, fix.body.retryMonths, fix.body.masked]).toEqual([200, ['2026-02'], '**** **** 0044']);
    const other = await t.call(routes.updatePaymentAccount, { account: { kind: 'bank_card', number: account(45) } }, { params: { id: fam4.memberId }, token: fam1.token });
    expect(other.status).toBe(404);
  });

  it('March: deaths and a move over the threshold wait for approval (F5); then 追缴 after a late death record, a stop after the move', async () => {
    clock.set(at('2026-03-03', '09:00'));
    await seedRegistry(t.ds, [{ ...p.e3, deathDate: '2026-01-31' }, { ...p.e4, movedOutDate: '2026-03-02' }, { ...p.e5, deathDate: '2026-02-15' }], t.config);
    expect(await reverify(t, district, '2026-03')).toBe('held');
    const held = reverifyRunView.parse((await t.call(routes.reverification, {}, { params: { month: '2026-03' }, token: district })).body);
    expect([held.status, held.counts.died, held.counts.movedOut, held.suspendPercent > 5]).toEqual(['held', 2, 1, true]);
    expect(held.heldReason).toContain('超过了5%');
    expect((await t.ds.query(`SELECT status FROM allowance_recipient WHERE id = ?`, [rid.e3]))[0].status).toBe('active');
    const ok = await t.call(routes.approveReverification, { reason: '核对过本月死亡和迁出数据' }, { params: { month: '2026-03' }, token: district });
    expect([ok.status, ok.body.status]).toEqual([200, 'done']);
    const e3 = staffRecipientDetailView.parse((await t.call(routes.staffPaymentRecipient, {}, { params: { id: rid.e3 }, token: meicun })).body);
    // died on 31 January: January was his last month; February was paid → 追缴
    expect([e3.status, e3.overpayments.map((o) => [o.forMonth, o.amountCny, o.status])]).toEqual(['suspended', [['2026-02', 50, 'open']]]);
    expect(e3.decisions.find((d) => d.kind === 'died')).toMatchObject({ effectiveMonth: '2026-02', evidence: { source: 'district-copy', facts: { deathDate: '2026-01-31' } } });
    const kinds = (await t.call(routes.communityPayTasks, {}, { params: { code: '421003003003' }, token: meicun })).body.items.map((x: { kind: string; elderName: string }) => `${x.kind}:${x.elderName}`);
    expect(kinds).toEqual(expect.arrayContaining(['overpayment:赵晚报', 'deceased:赵晚报', 'deceased:孙误报']));
    expect(kinds).not.toContain('overpayment:孙误报'); // died 15 February: February was still his
    expect((await t.ds.query(`SELECT status, stopped_from FROM allowance_recipient WHERE id = ?`, [rid.e4]))[0]).toMatchObject({ status: 'stopped', stopped_from: '2026-04' });
    await entitle(t, district, '2026-03');
    const march = (await t.ds.query(`SELECT recipient_id FROM allowance_entitlement WHERE for_month = '2026-03' ORDER BY recipient_id`)) as { recipient_id: string }[];
    expect(march.map((x) => x.recipient_id).sort()).toEqual([rid.e1, rid.e2, rid.e4, rid.e6].sort());
    expect((await t.call(routes.closeLedgerMonth, {}, { params: { month: '2026-03' }, token: district })).status).toBe(200);
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: district })).status).toBe(200);
    const rows = await rosterRows((await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-03' }, token: district })).body.base64);
    // the failed February is paid again to the fixed account
    expect(rows.filter((x) => x[1] === '钱迁出').map((x) => [x[4], x[7]]).sort()).toEqual([[account(44), '2026-02'], [account(44), '2026-03']]);
  });

  it('April: the death record was wrong — reinstated, the missed month is back-paid in the next roster saying its month, the 追缴 is dropped', async () => {
    clock.set(at('2026-04-02', '09:00'));
    await seedRegistry(t.ds, [{ ...p.e5, deathDate: null }], t.config);
    expect(await reverify(t, district, '2026-04')).toBe('done');
    expect((await t.ds.query(`SELECT status FROM allowance_recipient WHERE id = ?`, [rid.e5]))[0].status).toBe('active');
    expect(await entitlementsOf(t, rid.e5)).toEqual([
      { for_month: '2026-02', pay_month: '2026-02', kind: 'regular', amount_cny: 50, state: 'paid' },
      { for_month: '2026-03', pay_month: '2026-04', kind: 'back_pay', amount_cny: 50, state: 'pending' },
    ]);
    await entitle(t, district, '2026-04');
    await t.call(routes.closeLedgerMonth, {}, { params: { month: '2026-04' }, token: district });
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: district })).status).toBe(200);
    const rows = await rosterRows((await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-04' }, token: district })).body.base64);
    expect(rows.filter((x) => x[1] === '孙误报').map((x) => [x[7], x[9] ?? '']).sort()).toEqual([['2026-03', '补发2026年3月'], ['2026-04', '']]);
    expect(rows.some((x) => x[1] === '赵晚报' || x[1] === '钱迁出')).toBe(false);
  });

  it('免申即享: a registry elder who turns 80 next month is a candidate for the community and an invitation the family confirms', async () => {
    clock.set(at('2026-05-02', '09:00'));
    const newcomer = await registryElder(t, '1946-06-20', { name: '吴新满' });
    const fam = await familyOf(t, `ledger-${engine}-new`, newcomer);
    expect(await reverify(t, district, '2026-05')).toBe('done');
    const list = await t.call(routes.enrolmentCandidates, {}, { params: { code: '421003003003' }, token: meicun });
    const mine = list.body.items.find((c: { elderName: string }) => c.elderName === '吴新满');
    expect(mine).toMatchObject({ eligibleMonth: '2026-06', status: 'open' });
    expect(list.body.items.some((c: { elderName: string }) => ['王建民', '孙误报'].includes(c.elderName))).toBe(false);
    const inv = await t.call(routes.enrolmentInvitation, {}, { params: { id: fam.memberId }, token: fam.token });
    expect(inv.body.invitation).toMatchObject({ elderName: '吴新满', monthlyCny: 50 });
    expect(inv.body.invitation.text).toContain('不用交任何证明');
    expect((await t.call(routes.enrolmentInvitation, {}, { params: { id: fam.memberId }, token: fam1.token })).status).toBe(404);
  });
});
