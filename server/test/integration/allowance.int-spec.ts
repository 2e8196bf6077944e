// The senior allowance on a real database (issue 11 part 1): every automatic check passing and failing against the
// district copy of the registry, age-rule edges on a fixed clock, a registry outage that leaves the application waiting
// until the job finds the registry back, two families applying at once, BOLA, two reviewers racing, and the whole
// staged approval with 公示, objection and messages — on SQLite and MariaDB.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  allowanceApplicationDetailView, publicityList, routes, staffAllowanceDetailView, staffAllowanceList, type AllowanceCheckKind,
} from '@jianban/shared';
import { AllowanceJob } from '../../src/allowance/allowance.job';
import { AllowanceService } from '../../src/allowance/allowance.service';
import { PiiCipher } from '../../src/common/pii-cipher';
import { NotificationOutbox } from '../../src/notifications/notification-outbox';
import { describeEngines } from '../support/describe-engines';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { ACCOUNT, ALLOWANCE_TEST_ENV, CONSENT, apply, familyOf, outboxTypes, registryElder, registryOutage, unverifiedFamilyOf } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';

type Detail = ReturnType<typeof allowanceApplicationDetailView.parse>;
const checkOf = (d: Detail, kind: AllowanceCheckKind) => d.checks.find((c) => c.kind === kind)!;

describeEngines('the senior allowance on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let job: AllowanceJob;
  let meicun: string;
  let street: string;
  let district: string;
  let users = 0;
  const user = () => `allow-${engine}-${users++}`;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'allowance', env: ALLOWANCE_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-03-10', '10:00'));
    job = t.app.app.get(AllowanceJob);
    [meicun, street, district] = await Promise.all(['meicun', 'chengnan', 'district'].map((u) => t.loginStaff(u)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an eligible elder passes every check, each with its sentence; staff see the evidence', async () => {
    const elder = await registryElder(t, '1940-03-15', { name: '王建国' });
    const fam = await familyOf(t, user(), elder);
    const r = await apply(t, fam);
    expect(r.status).toBe(201);
    const d = allowanceApplicationDetailView.parse(r.body);
    expect(d.status).toBe('community_review');
    expect(d.checks.map((c) => [c.kind, c.result])).toEqual(
      ['id_valid', 'name_match', 'age', 'hukou', 'alive', 'not_moved_out', 'not_duplicate'].map((k) => [k, 'passed']),
    );
    expect(checkOf(d, 'hukou').sentence).toContain('梅村');
    expect(checkOf(d, 'alive').sentence).toContain('不用开健在证明');
    expect(d.account.masked).toBe('**** **** 8901');
    expect(JSON.stringify(r.body)).not.toContain(ACCOUNT.number);
    expect(JSON.stringify(r.body)).not.toContain(elder.idNumber);
    const s = staffAllowanceDetailView.parse((await t.call(routes.staffGetAllowanceApplication, {}, { params: { id: d.id }, token: meicun })).body);
    expect(checkOf(s as unknown as Detail, 'hukou')).toMatchObject({ evidence: { source: 'district-copy', facts: { hukouRegionCode: '421003003003' } } });
    expect(s.consent).toMatchObject({ version: CONSENT.version, basis: 'proxy_entrusted', givenBy: 'family' });
    expect(await outboxTypes(t, d.id)).toEqual(expect.arrayContaining(['allowance_received', 'allowance_verified']));
  });

  it.each([
    ['hukou', { hukouRegionCode: '420106001001' }, '户籍不在荆州区'],
    ['not_moved_out', { movedOutDate: '2025-06-01' }, '迁出'],
  ] as const)('a failing %s check stops at check_failed with its reason, and the family is told', async (kind, over, words) => {
    // the family writes 张桂英; the registry holds the person as given in `over`
    const seeded = await registryElder(t, '1941-05-01', { ...over });
    const fam2 = await familyOf(t, user(), { ...seeded, name: '张桂英' });
    const d = allowanceApplicationDetailView.parse((await apply(t, fam2)).body);
    expect(d.status).toBe('check_failed');
    expect(checkOf(d, kind).result).toBe('failed');
    expect(checkOf(d, kind).sentence).toContain(words);
    // nothing on the form can change where the hukou is: no correction is offered, the next step says where to apply
    expect(d.canResubmit).toBe(false);
    expect(await outboxTypes(t, d.id)).toContain('allowance_check_failed');
  });

  it('a name that differs from the registry fails the name check (a counter application: staff type the name)', async () => {
    const elder = await registryElder(t, '1939-06-06', { name: '张桂兰' });
    const r = await t.call(routes.staffCounterApplyAllowance, { elderName: '张桂英', idNumber: elder.idNumber, consent: { ...CONSENT, basis: 'elder_self' }, account: ACCOUNT, phone: '13800001234' }, { params: { code: '421003003003' }, token: meicun });
    const d = staffAllowanceDetailView.parse(r.body);
    expect(d.status).toBe('check_failed');
    expect(d.checks.find((c) => c.kind === 'name_match')).toMatchObject({ result: 'failed', sentence: expect.stringContaining('姓名') });
  });

  it('someone the registry does not know (applied for at the counter) fails the name check, never a 500', async () => {
    const { anIdNumber } = await import('../support/registry');
    const r = await t.call(routes.staffCounterApplyAllowance, { elderName: '李四', idNumber: anIdNumber('421003', '1938-01-01', 777), consent: { ...CONSENT, basis: 'elder_self' }, account: ACCOUNT, phone: '13800001234' }, { params: { code: '421003003003' }, token: meicun });
    const d = staffAllowanceDetailView.parse(r.body);
    expect([d.status, d.checks.find((c) => c.kind === 'name_match')?.result]).toEqual(['check_failed', 'failed']);
  });

  it('an unverified family member cannot apply for or read the elder\'s application (404, like an unknown id)', async () => {
    const elder = await registryElder(t, '1940-05-05');
    const verified = await familyOf(t, user(), elder);
    const d = (await apply(t, verified)).body as Detail;
    const unverified = await unverifiedFamilyOf(t, user(), elder);
    const r = await apply(t, unverified);
    expect([r.status, r.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: unverified.token })).status).toBe(404);
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: verified.token })).status).toBe(200);
  });

  it('a death in the registry closes the application and sends one careful notice, nothing else after it', async () => {
    const elder = await registryElder(t, '1936-07-07', { deathDate: '2026-02-01' });
    const fam = await familyOf(t, user(), elder);
    const d = allowanceApplicationDetailView.parse((await apply(t, fam)).body);
    expect(d.status).toBe('closed');
    expect(checkOf(d, 'alive').result).toBe('failed');
    const types = await outboxTypes(t, d.id);
    expect(types).toContain('allowance_closed');
    expect(types).not.toContain('allowance_check_failed');
    expect(d.canResubmit).toBe(false);
  });

  it('age rule edges: turning 80 next month pre-registers; born 29 February; December with the whole-year rule', async () => {
    // turns 80 in April 2026; today is 10 March 2026, pre-registration 2 months
    const next = allowanceApplicationDetailView.parse((await apply(t, await familyOf(t, user(), await registryElder(t, '1946-04-20')))).body);
    expect([next.status, checkOf(next, 'age').result]).toEqual(['community_review', 'passed']);
    expect(checkOf(next, 'age').sentence).toContain('2026年4月起');
    // turns 80 in June: outside the 2-month window
    const early = allowanceApplicationDetailView.parse((await apply(t, await familyOf(t, user(), await registryElder(t, '1946-06-01')))).body);
    expect([early.status, checkOf(early, 'age').result]).toEqual(['check_failed', 'failed']);
    // born 29 Feb 1948: 80 in February 2028 — not yet in November 2027, pre-registered in December 2027
    const leap = await registryElder(t, '1948-02-29');
    clock.set(at('2027-11-20', '10:00'));
    const tooEarly = allowanceApplicationDetailView.parse((await apply(t, await familyOf(t, user(), leap))).body);
    expect(checkOf(tooEarly, 'age').result).toBe('failed');
    clock.set(at('2027-12-15', '10:00'));
    const leap2 = await registryElder(t, '1948-02-29');
    const onTime = allowanceApplicationDetailView.parse((await apply(t, await familyOf(t, user(), leap2))).body);
    expect(checkOf(onTime, 'age').result).toBe('passed');
    // born in December 1946: with the whole-year rule eligible from January 2026, with the birthday-month rule not in March
    clock.set(at('2026-03-10', '10:00'));
    const policy = (input: 'birthday_month' | 'calendar_year') =>
      t.call(routes.staffUpdateAllowancePolicy, { effectiveFrom: '2020-01-01', brackets: [{ minAge: 80, maxAge: 89, monthlyCny: 50 }, { minAge: 90, maxAge: 99, monthlyCny: 100 }, { minAge: 100, maxAge: null, monthlyCny: 500 }], ageRule: input, preRegistrationMonths: 2, confirmedForDistrict: false }, { token: district });
    expect((await policy('calendar_year')).status).toBe(200);
    const dec = allowanceApplicationDetailView.parse((await apply(t, await familyOf(t, user(), await registryElder(t, '1946-12-20')))).body);
    expect(checkOf(dec, 'age').result).toBe('passed');
    expect((await policy('birthday_month')).body).toMatchObject({ ageRule: 'birthday_month', isDefault: true });
    const dec2 = allowanceApplicationDetailView.parse((await apply(t, await familyOf(t, user(), await registryElder(t, '1946-12-21')))).body);
    expect(checkOf(dec2, 'age').result).toBe('failed');
  });

  it('registry down → the application waits (never refused) → the job finds the registry back → checks pass', async () => {
    const elder = await registryElder(t, '1939-09-09');
    const fam = await familyOf(t, user(), elder);
    const outage = registryOutage(t);
    const d = allowanceApplicationDetailView.parse((await apply(t, fam)).body);
    expect(d.status).toBe('waiting');
    expect(d.checks.filter((c) => c.result === 'waiting').length).toBeGreaterThan(0);
    clock.set(new Date(clock.now.getTime() + 10 * 60_000));
    await job.runOnce();
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body.status).toBe('waiting');
    outage.restore();
    clock.set(new Date(clock.now.getTime() + 10 * 60_000));
    await job.runOnce();
    const after = allowanceApplicationDetailView.parse((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body);
    expect(after.status).toBe('community_review');
    expect(await outboxTypes(t, d.id)).toContain('allowance_verified');
    clock.set(at('2026-03-10', '10:00'));
  });

  it('two families applying for the same elder at the same moment get one application; the other hears it exists, not who', async () => {
    const elder = await registryElder(t, '1942-02-02');
    const a = await familyOf(t, user(), elder);
    const b = await familyOf(t, user(), elder);
    const [ra, rb] = await Promise.all([apply(t, a), apply(t, b)]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    const lost = ra.status === 409 ? ra : rb;
    expect(lost.body.code).toBe('ALLOWANCE_ALREADY_APPLIED');
    expect(JSON.stringify(lost.body)).not.toMatch(/account|王女士|[0-9a-f]{8}-[0-9a-f]{4}/);
    const hash = new PiiCipher(t.config).blindIndex('id_number', elder.idNumber);
    const n = await t.ds.query('SELECT COUNT(*) AS n FROM allowance_application WHERE elder_id_hash = ?', [hash]);
    expect(Number((n as { n: number }[])[0].n)).toBe(1);
  });

  it('another account cannot apply for, read, or correct someone else\'s elder (the same 404 as an unknown id)', async () => {
    const elder = await registryElder(t, '1940-10-10');
    const owner = await familyOf(t, user(), elder);
    const d = (await apply(t, owner)).body as Detail;
    const stranger = await t.loginResident(user());
    const asStranger = await t.call(routes.applyAllowance, { familyMemberId: owner.memberId, consent: CONSENT, account: ACCOUNT, phone: '13800001234' }, { token: stranger });
    expect([asStranger.status, asStranger.body.code]).toEqual([404, 'NOT_FOUND']);
    const read = await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: stranger });
    const unknown = await t.call(routes.getAllowanceApplication, {}, { params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' }, token: stranger });
    expect([read.status, read.body]).toEqual([unknown.status, unknown.body]);
    expect((await t.call(routes.resubmitAllowanceApplication, { phone: '13900001111' }, { params: { id: d.id }, token: stranger })).status).toBe(404);
    expect((await t.call(routes.myAllowanceApplications, {}, { token: stranger })).body.items).toEqual([]);
    // staff of another community: the same not-found
    const dongmen = await t.loginStaff('dongmen');
    expect((await t.call(routes.staffGetAllowanceApplication, {}, { params: { id: d.id }, token: dongmen })).status).toBe(404);
  });

  it('two reviewers deciding at once: exactly one decision', async () => {
    const d = (await apply(t, await familyOf(t, user(), await registryElder(t, '1940-01-20')))).body as Detail;
    const [x, y] = await Promise.all([
      t.call(routes.staffDecideAllowance, { decision: 'approve', stage: 'community_review' }, { params: { id: d.id }, token: meicun }),
      t.call(routes.staffDecideAllowance, { decision: 'approve', stage: 'community_review' }, { params: { id: d.id }, token: district }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const loser = x.status === 409 ? x : y;
    expect(loser.body.code).toBe('ALLOWANCE_STATE_CONFLICT');
    const audits = await t.ds.query("SELECT COUNT(*) AS n FROM allowance_audit WHERE application_id = ? AND action LIKE 'decide_%'", [d.id]);
    expect(Number((audits as { n: number }[])[0].n)).toBe(1);
  });

  it('community review → 7-day 公示 with an objection → street → district → approved with the first paid month; a message for each step', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1940-03-15', { name: '王建国' });
    const fam = await familyOf(t, user(), elder);
    const d = (await apply(t, fam)).body as Detail;
    const decide = (token: string, input: Record<string, unknown>) => t.call(routes.staffDecideAllowance, input as never, { params: { id: d.id }, token });

    const taken = staffAllowanceDetailView.parse((await t.call(routes.staffTakeAllowanceApplication, {}, { params: { id: d.id }, token: meicun })).body);
    expect(taken.owner?.name).toBe('梅村社区 李敏');
    const mine = staffAllowanceList.parse((await t.call(routes.staffAllowanceQueue, { view: 'mine' }, { params: { code: '421003003003' }, token: meicun })).body);
    expect(mine.items.map((i) => i.id)).toContain(d.id);
    // street cannot act at the community's stage
    expect((await decide(street, { decision: 'approve', stage: 'street_review' })).status).toBe(409);
    expect((await decide(meicun, { decision: 'approve', stage: 'community_review' })).body.status).toBe('publicity');

    const list = publicityList.parse((await t.call(routes.allowancePublicity, {}, { params: { code: '421003003003' }, token: fam.token })).body);
    const entry = list.items.find((i) => i.maskedName === '王*国' && i.startsOn === '2026-03-10')!;
    expect(entry).toMatchObject({ age: 85, bracketLabel: '80—89岁', monthlyCny: 50, endsOn: '2026-03-16' });
    expect(JSON.stringify(list)).not.toContain('王建国');

    const neighbour = await t.loginResident(user());
    const obj = await t.call(routes.raiseAllowanceObjection, { reason: '听说老人常住外地' }, { params: { id: entry.id }, token: neighbour });
    expect(obj.status).toBe(201);
    const inbox = await t.ds.query("SELECT recipient_id FROM notification_event WHERE link_id = ? AND type = 'allowance_objection'", [d.id]);
    expect((inbox as { recipient_id: string }[]).map((r) => r.recipient_id)).toEqual([taken.owner!.staffId]);

    // 公示 over, objection still open: stays; resolved: the job sends it to the street
    clock.set(at('2026-03-17', '09:00'));
    await job.runOnce();
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body.status).toBe('publicity');
    const objections = staffAllowanceDetailView.parse((await t.call(routes.staffGetAllowanceApplication, {}, { params: { id: d.id }, token: meicun })).body).objections;
    expect((await t.call(routes.staffResolveAllowanceObjection, { resolution: '入户核实，老人常住本社区' }, { params: { id: objections[0].id }, token: meicun })).status).toBe(200);
    expect((await t.call(routes.raiseAllowanceObjection, { reason: '再提一次' }, { params: { id: entry.id }, token: neighbour })).body.code).toBe('ALLOWANCE_OBJECTION_CLOSED');
    await job.runOnce();
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body.status).toBe('street_review');

    const streetQueue = staffAllowanceList.parse((await t.call(routes.staffAllowanceReviews, { stage: 'street_review' }, { params: { code: '421003003' }, token: street })).body);
    expect(streetQueue.items.map((i) => i.id)).toContain(d.id);
    // the street cannot approve at the district's stage, the community cannot at the street's
    expect((await decide(meicun, { decision: 'approve', stage: 'street_review' })).status).toBe(403);
    expect((await decide(street, { decision: 'approve', stage: 'street_review' })).body.status).toBe('district_review');
    expect((await decide(street, { decision: 'approve', stage: 'district_review' })).status).toBe(403);
    clock.set(at('2026-03-20', '10:00'));
    const approved = staffAllowanceDetailView.parse((await decide(district, { decision: 'approve', stage: 'district_review' })).body);
    expect([approved.status, approved.firstPaidMonth]).toEqual(['approved', '2026-04']);

    const mineView = allowanceApplicationDetailView.parse((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body);
    expect(mineView.statusText).toBe('已通过');
    expect(mineView.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['submitted', 'checks_passed', 'taken', 'publicity_started', 'publicity_ended', 'street_approved', 'district_approved']));
    expect(mineView.timeline.map((e) => e.action)).not.toContain('objection_raised');
    expect(await outboxTypes(t, d.id)).toEqual(expect.arrayContaining(['allowance_received', 'allowance_verified', 'allowance_publicity_started', 'allowance_objection', 'allowance_approved']));
  });

  it('reject with a reason, or ask for everything missing at once; the family corrects and resubmits', async () => {
    const elder = await registryElder(t, '1941-11-11');
    const fam = await familyOf(t, user(), elder);
    const d = (await apply(t, fam)).body as Detail;
    const more = await t.call(routes.staffDecideAllowance, { decision: 'more_info', stage: 'community_review', items: ['收款账户需要是老人本人名下的', '请留一个能接通的电话'] }, { params: { id: d.id }, token: meicun });
    expect(more.body.status).toBe('more_info');
    const seen = allowanceApplicationDetailView.parse((await t.call(routes.getAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body);
    expect(seen.missingItems).toEqual(['收款账户需要是老人本人名下的', '请留一个能接通的电话']);
    const again = allowanceApplicationDetailView.parse((await t.call(routes.resubmitAllowanceApplication, { phone: '13900002222', account: { kind: 'social_security_card', number: '1234567890123' } }, { params: { id: d.id }, token: fam.token })).body);
    expect([again.status, again.phoneMasked, again.account.kindText]).toEqual(['community_review', '139****2222', '社保卡']);
    const rej = await t.call(routes.staffDecideAllowance, { decision: 'reject', stage: 'community_review', reason: '经核实已在外地领取' }, { params: { id: d.id }, token: meicun });
    expect(rej.body).toMatchObject({ status: 'rejected', rejectReason: '经核实已在外地领取' });
    expect(await outboxTypes(t, d.id)).toEqual(expect.arrayContaining(['allowance_more_info', 'allowance_rejected']));
    // rejected: the elder may be applied for again
    expect((await apply(t, fam)).status).toBe(201);
  });

  it('staff reading a full ID number or account is audited; the counter applies for an elder with no one on WeChat', async () => {
    const elder = await registryElder(t, '1937-08-08');
    const r = await t.call(routes.staffCounterApplyAllowance, { elderName: elder.name, idNumber: elder.idNumber, consent: { ...CONSENT, basis: 'elder_self' }, account: ACCOUNT, phone: '13800001234' }, { params: { code: '421003003003' }, token: meicun });
    expect(r.status).toBe(201);
    const d = staffAllowanceDetailView.parse(r.body);
    expect([d.status, d.consent.givenBy, d.owner?.name]).toEqual(['community_review', 'staff_counter', '梅村社区 李敏']);
    // the full number is a stepUp route: the password again first (staff-step-up.int-spec covers the refusals)
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: meicun })).status).toBe(200);
    const shown = await t.call(routes.staffRevealAllowanceField, { field: 'account', reason: '核对收款账户' }, { params: { id: d.id }, token: meicun });
    expect(shown.body).toEqual({ field: 'account', value: ACCOUNT.number });
    const audit = await t.ds.query('SELECT action, actor_kind, detail FROM allowance_audit WHERE application_id = ? ORDER BY at', [d.id]);
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'read_account', actor_kind: 'staff', detail: '核对收款账户' })]));
    expect(await outboxTypes(t, d.id)).toEqual([]);
  });

  it('no allowance route takes a file: multipart bodies are refused and no input schema has a file field', async () => {
    const token = await t.loginResident(user());
    const allowanceRoutes = Object.values(routes).filter((r) => r.path.includes('allowance'));
    expect(allowanceRoutes.length).toBeGreaterThanOrEqual(16);
    for (const r of allowanceRoutes) {
      expect(JSON.stringify(r.input.toJSONSchema?.() ?? {})).not.toMatch(/binary|file|base64|image/i);
    }
    const form = '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nabc\r\n--x--\r\n';
    for (const r of allowanceRoutes.filter((x) => x.method !== 'GET')) {
      const path = '/api' + r.path.replace(/:id/, '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b').replace(/:code/, '421003003003');
      const res = await t.http(r.method, path, { raw: form, token: r.auth === 'staff' ? meicun : token, headers: { 'content-type': 'multipart/form-data; boundary=x' } });
      expect([res.status, r.path]).toEqual([415, r.path]);
    }
  });

  it('A2: a resident session gets 403 on every staff allowance route; the district-only policy route refuses community staff', async () => {
    const token = await t.loginResident(user());
    const staffRoutes = Object.values(routes).filter((r) => r.auth === 'staff' && r.path.includes('allowance'));
    expect(staffRoutes.length).toBe(11);
    for (const r of staffRoutes) {
      const path = '/api' + r.path.replace(/:id/, '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b').replace(/:code/, '421003003003');
      const res = await t.http(r.method, path, { body: r.method === 'GET' ? undefined : {}, token });
      expect([r.path, res.status]).toEqual([r.path, 403]);
    }
    const policy = { effectiveFrom: '2030-01-01', brackets: [{ minAge: 80, maxAge: null, monthlyCny: 1 }], ageRule: 'birthday_month' as const, preRegistrationMonths: 2, confirmedForDistrict: true };
    expect((await t.call(routes.staffUpdateAllowancePolicy, policy, { token: meicun })).status).toBe(403);
  });

  it('an application left in checking by a crash (before the registry was asked) is picked up by the job', async () => {
    const elder = await registryElder(t, '1938-12-12');
    const fam = await familyOf(t, user(), elder);
    const service = t.app.app.get(AllowanceService);
    const me = (await t.call(routes.me, {}, { token: fam.token })).body.id as string;
    // submit alone: the application, consent, case and "received" message committed, the checks never ran
    const id = await service.submit({
      elder: { name: elder.name, idNumber: elder.idNumber, communityCode: '421003003003', familyMemberId: fam.memberId }, applicantAccountId: me,
      consent: CONSENT, consentBy: { kind: 'family', id: me }, account: ACCOUNT, phone: '13800001234', idempotencyKey: null,
      firstStep: { action: 'submitted', actor: { kind: 'resident', id: me, name: '家属' } },
    });
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id }, token: fam.token })).body.status).toBe('checking');
    clock.set(new Date(clock.now.getTime() + 2 * 60_000));
    await job.runOnce();
    expect((await t.call(routes.getAllowanceApplication, {}, { params: { id }, token: fam.token })).body.status).toBe('community_review');
    clock.set(at('2026-03-10', '10:00'));
  });

  it('a community review past its 3-day deadline is flagged once to the community; the queue shows it overdue', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const d = (await apply(t, await familyOf(t, user(), await registryElder(t, '1937-03-03')))).body as Detail;
    clock.set(at('2026-03-14', '10:00'));
    await job.runOnce();
    await job.runOnce();
    const flags = (await t.ds.query("SELECT recipient_id FROM notification_event WHERE link_id = ? AND type = 'allowance_flagged'", [d.id])) as { recipient_id: string }[];
    const meicunId = (await t.call(routes.me, {}, { token: meicun })).body.id as string;
    expect(flags.map((f) => f.recipient_id)).toEqual([meicunId]);
    const all = staffAllowanceList.parse((await t.call(routes.staffAllowanceQueue, { view: 'waiting', pageSize: 100 }, { params: { code: '421003003003' }, token: meicun })).body);
    expect(all.items.find((i) => i.id === d.id)).toMatchObject({ overdue: true });
    clock.set(at('2026-03-10', '10:00'));
  });

  it('E1: when the message cannot be written the application is not written either (nothing half-submitted)', async () => {
    const elder = await registryElder(t, '1936-01-16');
    const fam = await familyOf(t, user(), elder);
    const outbox = t.app.app.get(NotificationOutbox);
    const real = outbox.record.bind(outbox);
    outbox.record = async () => {
      throw new Error('injected outbox failure');
    };
    try {
      expect((await apply(t, fam)).status).toBe(500);
    } finally {
      outbox.record = real;
    }
    const hash = new PiiCipher(t.config).blindIndex('id_number', elder.idNumber);
    const count = async (sql: string) => Number(((await t.ds.query(sql, [hash])) as { n: number }[])[0].n);
    expect(await count('SELECT COUNT(*) AS n FROM allowance_application WHERE elder_id_hash = ?')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM allowance_consent c JOIN allowance_application a ON a.id = c.application_id WHERE a.elder_id_hash = ?')).toBe(0);
    // and the family can simply submit again
    expect((await apply(t, fam)).status).toBe(201);
  });
});
