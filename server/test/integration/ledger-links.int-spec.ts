// Where the ledger's messages lead (issue 12): people imported from the payment roll have no application, so every
// payment message (paid, failed, suspended, closed, back-pay) and the 免申即享 invitation carries the receiving
// account's OWN family-member id of the elder — each account's link resolves to that account's payments or invitation
// page and never names another account's member id. On SQLite and MariaDB.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes, type InboxMessageView } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { seedRegistry } from '../support/registry';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { familyOf, registryElder, unverifiedFamilyOf } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';
import { csvFile, entitle, LEDGER_TEST_ENV, reverify, rosterRows } from './ledger-helpers';

const LEDGER_TYPES = ['allowance_paid', 'allowance_payment_failed', 'allowance_suspended', 'allowance_back_pay', 'allowance_closed', 'allowance_invited'];

describeEngines('ledger message links on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let district: string;
  type Person = Awaited<ReturnType<typeof registryElder>>;
  let a: Person; // roll, moved out in March (suspended)
  let b: Person; // roll, same household as a; bank card wrong in February, wrongly recorded dead in March, corrected in April
  let c: Person; // turns 80 next month: invited
  // accounts: ab acts for a and b (two members of one account); a2 for a only; cc for c; stranger added a unverified
  const acc: Record<string, { token: string; members: Record<string, string> }> = {};
  const account = (n: number) => `62170000${String(n).padStart(11, '0')}`;

  const inbox = async (token: string): Promise<InboxMessageView[]> => {
    const r = await t.call(routes.listInbox, { pageSize: 50 }, { token });
    expect(r.status).toBe(200);
    return (r.body.items as InboxMessageView[]).filter((m) => LEDGER_TYPES.includes(m.type));
  };
  const allMemberIds = () => Object.values(acc).flatMap((x) => Object.values(x.members));

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'ledger-links', env: LEDGER_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-01-10', '10:00'));
    district = await t.loginStaff('district');
    a = await registryElder(t, '1940-03-15', { name: '王建民', householdNo: `H-LINKS-${engine}` });
    b = await registryElder(t, '1941-04-04', { name: '刘秀英', householdNo: `H-LINKS-${engine}` });
    c = await registryElder(t, '1946-03-20', { name: '吴新满' });
    const ab = await familyOf(t, `links-${engine}-ab`, a);
    const abB = await t.call(routes.addFamilyMember, { name: b.name, idNumber: b.idNumber, relationship: 'parent', communityCode: '421003003003' }, { token: ab.token });
    expect(abB.status).toBe(201);
    expect((await t.call(routes.checkHousehold, {}, { params: { id: abB.body.id }, token: ab.token })).status).toBe(200);
    acc.ab = { token: ab.token, members: { a: ab.memberId, b: abB.body.id } };
    const a2 = await familyOf(t, `links-${engine}-a2`, a);
    acc.a2 = { token: a2.token, members: { a: a2.memberId } };
    const cc = await familyOf(t, `links-${engine}-c`, c);
    acc.cc = { token: cc.token, members: { c: cc.memberId } };
    const stranger = await unverifiedFamilyOf(t, `links-${engine}-x`, a);
    acc.x = { token: stranger.token, members: { a: stranger.memberId } };
    // both elders are verified for the account that acts for the household
    const list = await t.call(routes.listFamilyMembers, {}, { token: ab.token });
    expect(list.body.items.map((m: { id: string; verification: { state: string } }) => [m.id, m.verification.state]).sort()).toEqual(
      [[acc.ab.members.a, 'verified'], [acc.ab.members.b, 'verified']].sort(),
    );
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('February: roll-imported elders are paid or fail, and c is invited; each message links to the receiving account\'s own member', async () => {
    const roll = [['姓名', '身份证号', '账户类型', '账号', '开户行', '起始月份'], [a.name, a.idNumber, '银行卡', account(1), '湖北农商银行', '2019-05'], [b.name, b.idNumber, '银行卡', account(2), '湖北农商银行', '2019-05']];
    expect((await t.call(routes.importPaymentRoll, csvFile('在册名单.csv', roll), { token: district })).status).toBe(201);
    const apps = (await t.ds.query('SELECT COUNT(*) AS n FROM allowance_application')) as { n: number }[];
    expect(Number(apps[0].n)).toBe(0); // nobody here has an application to link to
    clock.set(at('2026-02-03', '09:00'));
    expect(await reverify(t, district, '2026-02')).toBe('done');
    await entitle(t, district, '2026-02');
    expect((await t.call(routes.closeLedgerMonth, {}, { params: { month: '2026-02' }, token: district })).status).toBe(200);
    // the roster carries full numbers: the district admin re-enters the password first
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: district })).status).toBe(200);
    const roster = await rosterRows((await t.call(routes.exportPaymentRoster, {}, { params: { month: '2026-02' }, token: district })).body.base64);
    const ref = (name: string) => roster.find((x) => x[1] === name)![8];
    const lines = [['业务参考号', '结果', '原因', '金额'], [ref(a.name), '成功', '', '50'], [ref(b.name), '失败', '账号不存在', '50']];
    expect((await t.call(routes.importBankReturn, csvFile('回盘.csv', lines), { params: { month: '2026-02' }, token: district })).status).toBe(201);

    const ab = await inbox(acc.ab.token);
    expect(ab.map((m) => [m.type, m.link]).sort()).toEqual([
      ['allowance_paid', { kind: 'allowance_payments', id: acc.ab.members.a }],
      ['allowance_payment_failed', { kind: 'allowance_payments', id: acc.ab.members.b }],
    ].sort());
    const a2 = await inbox(acc.a2.token);
    expect(a2.map((m) => [m.type, m.link])).toEqual([['allowance_paid', { kind: 'allowance_payments', id: acc.a2.members.a }]]);
    const cc = await inbox(acc.cc.token);
    expect(cc.map((m) => [m.type, m.link])).toEqual([['allowance_invited', { kind: 'allowance_invitation', id: acc.cc.members.c }]]);
    expect(cc[0].body).toContain('吴新满');
    expect(await inbox(acc.x.token)).toEqual([]); // an unverified account hears nothing
  });

  it('March and April: suspension, the careful notice after a (wrong) death record and the back-pay link to each account\'s own member', async () => {
    clock.set(at('2026-03-03', '09:00'));
    await seedRegistry(t.ds, [{ ...a, movedOutDate: '2026-03-02' }, { ...b, deathDate: '2026-02-15' }], t.config);
    const status = await reverify(t, district, '2026-03');
    if (status === 'held') expect((await t.call(routes.approveReverification, { reason: '核对过本月死亡和迁出数据' }, { params: { month: '2026-03' }, token: district })).status).toBe(200);
    await entitle(t, district, '2026-03');
    expect((await t.call(routes.closeLedgerMonth, {}, { params: { month: '2026-03' }, token: district })).status).toBe(200);
    clock.set(at('2026-04-02', '09:00'));
    await seedRegistry(t.ds, [{ ...b, deathDate: null }], t.config);
    expect(await reverify(t, district, '2026-04')).toBe('done');

    const ab = await inbox(acc.ab.token);
    const byType = (list: InboxMessageView[], type: string) => list.filter((m) => m.type === type).map((m) => m.link);
    expect(byType(ab, 'allowance_suspended')).toEqual([{ kind: 'allowance_payments', id: acc.ab.members.a }]);
    expect(byType(ab, 'allowance_closed')).toEqual([{ kind: 'allowance_payments', id: acc.ab.members.b }]);
    expect(byType(ab, 'allowance_back_pay')).toEqual([{ kind: 'allowance_payments', id: acc.ab.members.b }]);
    expect(byType(await inbox(acc.a2.token), 'allowance_suspended')).toEqual([{ kind: 'allowance_payments', id: acc.a2.members.a }]);
    // two more re-verifications later, the invitation is still the one message (its key, not a check in code)
    expect(await inbox(acc.cc.token)).toHaveLength(1);
  });

  it('every link resolves for its own account, and no account is ever handed another account\'s member id', async () => {
    const seen = new Set<string>();
    for (const [name, { token, members }] of Object.entries(acc)) {
      const own = new Set(Object.values(members));
      const others = allMemberIds().filter((id) => !own.has(id));
      const messages = await inbox(token);
      if (name === 'x') expect(messages).toEqual([]);
      for (const m of messages) {
        seen.add(m.type);
        expect(m.link).not.toBeNull();
        expect(own.has(m.link!.id)).toBe(true);
        for (const id of others) expect(JSON.stringify(m)).not.toContain(id);
        const route = m.link!.kind === 'allowance_invitation' ? routes.enrolmentInvitation : routes.familyPayments;
        const r = await t.call(route, {}, { params: { id: m.link!.id }, token });
        expect([m.type, r.status]).toEqual([m.type, 200]);
        if (m.link!.kind === 'allowance_invitation') expect(r.body.invitation).toMatchObject({ elderName: '吴新满' });
        else expect(r.body.status).not.toBeNull();
        // the same id is useless to another account
        const otherToken = name === 'cc' ? acc.ab.token : acc.cc.token;
        expect((await t.call(route, {}, { params: { id: m.link!.id }, token: otherToken })).status).toBe(404);
      }
    }
    expect([...seen].sort()).toEqual([...LEDGER_TYPES].sort());
    // and in the outbox (what the subscribe push's inbox page shows): each link is the recipient account's own member
    const wrong = (await t.ds.query(
      `SELECT e.id FROM notification_event e LEFT JOIN family_member f ON f.id = e.link_id AND f.account_id = e.recipient_id
       WHERE e.type IN (${LEDGER_TYPES.map(() => '?').join(', ')}) AND (e.link_id IS NULL OR f.id IS NULL)`,
      LEDGER_TYPES,
    )) as unknown[];
    expect(wrong).toEqual([]);
  });
});
