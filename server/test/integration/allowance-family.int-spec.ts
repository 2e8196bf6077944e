// The family's side of the allowance beyond applying (issue 11, what was left): withdrawing the separate consent before
// and after approval, "my applications" across every verified proxy of an elder, and what the family can actually do
// after each kind of failed check (an age-only failure waits for its month instead of offering a correction) — on SQLite
// and MariaDB.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowanceApplicationDetailView, allowanceApplicationList, allowancePublicityPrintView, publicityList, routes, staffAllowanceDetailView } from '@jianban/shared';
import { AllowanceChecker } from '../../src/allowance/allowance.checker';
import { AllowanceJob } from '../../src/allowance/allowance.job';
import { AllowanceService } from '../../src/allowance/allowance.service';
import { countBy } from '../support/booking-load';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { ACCOUNT, ALLOWANCE_TEST_ENV, CONSENT, apply, familyOf, outboxTypes, registryElder, unverifiedFamilyOf } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';

type Detail = ReturnType<typeof allowanceApplicationDetailView.parse>;

describeEngines('the allowance for the family on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let job: AllowanceJob;
  let meicun: string;
  let street: string;
  let district: string;
  let users = 0;
  const user = () => `allowfam-${engine}-${users++}`;
  const read = async (id: string, token: string) => allowanceApplicationDetailView.parse((await t.call(routes.getAllowanceApplication, {}, { params: { id }, token })).body);
  const staffRead = async (id: string) => staffAllowanceDetailView.parse((await t.call(routes.staffGetAllowanceApplication, {}, { params: { id }, token: meicun })).body);
  const withdraw = (id: string, token: string) => t.call(routes.withdrawAllowanceConsent, { confirmed: true }, { params: { id }, token });
  const consentRow = async (id: string) => ((await t.ds.query('SELECT withdrawn_at FROM allowance_consent WHERE application_id = ?', [id])) as { withdrawn_at: unknown }[])[0];

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'allowance-family', env: ALLOWANCE_TEST_ENV });
    clock = controlClock(t);
    clock.set(at('2026-03-10', '10:00'));
    job = t.app.app.get(AllowanceJob);
    [meicun, street, district] = await Promise.all(['meicun', 'chengnan', 'district'].map((u) => t.loginStaff(u)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('withdrawing the consent before approval closes the application, frees the slot, tells the family, and staff see it', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1940-04-04');
    const fam = await familyOf(t, user(), elder);
    const d = allowanceApplicationDetailView.parse((await apply(t, fam)).body);
    expect([d.status, d.canWithdrawConsent, d.consentWithdrawnAt]).toEqual(['community_review', true, null]);

    // a stranger, an unverified member: the same 404 as an unknown id; nothing changes
    const stranger = await t.loginResident(user());
    expect((await withdraw(d.id, stranger)).status).toBe(404);
    const unverified = await unverifiedFamilyOf(t, user(), elder);
    expect((await withdraw(d.id, unverified.token)).status).toBe(404);
    expect((await consentRow(d.id)).withdrawn_at).toBeNull();

    const r = await withdraw(d.id, fam.token);
    expect(r.status).toBe(200);
    const after = allowanceApplicationDetailView.parse(r.body);
    expect([after.status, after.canWithdrawConsent, after.canResubmit, after.paymentsStopFrom]).toEqual(['closed', false, false, null]);
    expect(after.consentWithdrawnAt).not.toBeNull();
    expect(after.nextStep).toContain('停止办理');
    expect(after.timeline.map((e) => e.action)).toContain('consent_withdrawn');
    expect((await consentRow(d.id)).withdrawn_at).not.toBeNull();
    expect(await outboxTypes(t, d.id)).toContain('allowance_consent_withdrawn');

    const s = await staffRead(d.id);
    expect([s.status, s.consent.withdrawnAt !== null]).toEqual(['closed', true]);
    expect(s.timeline.map((e) => e.action)).toContain('consent_withdrawn');

    // twice: a conflict, not a second message
    expect((await withdraw(d.id, fam.token)).body.code).toBe('ALLOWANCE_STATE_CONFLICT');
    expect((await outboxTypes(t, d.id)).filter((x) => x === 'allowance_consent_withdrawn')).toHaveLength(1);
    // the elder's one active slot is free again: the family may apply anew
    expect((await apply(t, fam)).status).toBe(201);
  });

  it('withdrawing during the 公示 takes the elder off the public list', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1939-05-05', { name: '赵德明' });
    const fam = await familyOf(t, user(), elder);
    const d = (await apply(t, fam)).body as Detail;
    expect((await t.call(routes.staffDecideAllowance, { decision: 'approve', stage: 'community_review' }, { params: { id: d.id }, token: meicun })).body.status).toBe('publicity');
    const names = async () => publicityList.parse((await t.call(routes.allowancePublicity, { pageSize: 100 }, { params: { code: '421003003003' }, token: fam.token })).body).items.map((i) => i.maskedName);
    expect(await names()).toContain('赵*明');
    expect((await withdraw(d.id, fam.token)).body.status).toBe('closed');
    expect(await names()).not.toContain('赵*明');
  });

  it('withdrawing after approval keeps the approval, records the withdrawal for the payments, which stop from next month', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1938-06-06');
    const fam = await familyOf(t, user(), elder);
    const d = (await apply(t, fam)).body as Detail;
    const decide = (token: string, stage: string) => t.call(routes.staffDecideAllowance, { decision: 'approve', stage } as never, { params: { id: d.id }, token });
    expect((await decide(meicun, 'community_review')).body.status).toBe('publicity');
    clock.set(at('2026-03-17', '09:00'));
    await job.runOnce();
    expect((await decide(street, 'street_review')).body.status).toBe('district_review');
    expect((await decide(district, 'district_review')).body.status).toBe('approved');
    clock.set(at('2026-05-20', '10:00'));

    const before = await read(d.id, fam.token);
    expect([before.status, before.canWithdrawConsent]).toEqual(['approved', true]);
    const after = allowanceApplicationDetailView.parse((await withdraw(d.id, fam.token)).body);
    expect([after.status, after.paymentsStopFrom, after.canWithdrawConsent]).toEqual(['approved', '2026-06', false]);
    expect(after.nextStep).toContain('2026年6月起不再发放');
    expect(after.timeline.find((e) => e.action === 'consent_withdrawn_after_approval')).toBeTruthy();
    expect((await consentRow(d.id)).withdrawn_at).not.toBeNull();
    const msg = (await t.ds.query("SELECT data_json FROM notification_event WHERE link_id = ? AND type = 'allowance_consent_withdrawn'", [d.id])) as { data_json: string }[];
    expect(msg).toHaveLength(1);
    expect(msg[0].data_json).toContain('2026年6月');
    expect((await staffRead(d.id)).consent.withdrawnAt).not.toBeNull();
    expect((await withdraw(d.id, fam.token)).status).toBe(409);
    clock.set(at('2026-03-10', '10:00'));
  });

  it('"my applications" lists every application of an elder the caller acts for, and says who submitted it', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1937-07-07');
    const daughter = await familyOf(t, user(), elder);
    const son = await familyOf(t, user(), elder);
    const d = (await apply(t, daughter)).body as Detail;
    const mineOf = async (token: string) => allowanceApplicationList.parse((await t.call(routes.myAllowanceApplications, { pageSize: 50 }, { token })).body);

    const own = (await mineOf(daughter.token)).items.find((i) => i.id === d.id);
    expect([own?.submittedBy, own?.submittedByText]).toEqual(['me', '您提交的']);
    const theirs = await mineOf(son.token);
    expect(theirs.items.map((i) => i.id)).toEqual([d.id]);
    expect(theirs.total).toBe(1);
    expect([theirs.items[0].submittedBy, theirs.items[0].submittedByText]).toEqual(['family', '家人王*提交的']);
    expect((await read(d.id, son.token)).submittedBy).toBe('family');
    // not a verified proxy: nothing
    const unverified = await unverifiedFamilyOf(t, user(), elder);
    expect((await mineOf(unverified.token)).items).toEqual([]);
    // staff at the counter submitted it: the family sees that
    const elder2 = await registryElder(t, '1936-08-08');
    const fam2 = await familyOf(t, user(), elder2);
    const counter = await t.call(routes.staffCounterApplyAllowance, { elderName: elder2.name, idNumber: elder2.idNumber, consent: { version: 'allowance-consent-v1', agreed: true, basis: 'elder_self' }, account: { kind: 'bank_card', number: '6217000012345678901' }, phone: '13800001234' }, { params: { code: '421003003003' }, token: meicun });
    expect(counter.status).toBe(201);
    expect((await mineOf(fam2.token)).items.map((i) => [i.id, i.submittedBy])).toEqual([[counter.body.id, 'counter']]);
  });

  it('an age-only failure offers no correction: it says the month they may apply, and opens "submit again" then', async () => {
    clock.set(at('2026-03-10', '10:00'));
    // 80 in August 2026: pre-registration (2 months) opens in June
    const elder = await registryElder(t, '1946-08-15');
    const fam = await familyOf(t, user(), elder);
    const d = allowanceApplicationDetailView.parse((await apply(t, fam)).body);
    expect([d.status, d.canResubmit]).toEqual(['check_failed', false]);
    expect(d.nextStep).toContain('2026年8月起符合年龄条件');
    expect(d.nextStep).toContain('2026年6月起就可以申请');
    expect(d.nextStep).not.toContain('改正');
    const early = await t.call(routes.resubmitAllowanceApplication, {}, { params: { id: d.id }, token: fam.token });
    expect([early.status, early.body.code]).toEqual([409, 'ALLOWANCE_STATE_CONFLICT']);

    clock.set(at('2026-06-02', '10:00'));
    const open = await read(d.id, fam.token);
    expect([open.canResubmit, open.nextStep]).toEqual([true, expect.stringContaining('再次提交')]);
    const again = allowanceApplicationDetailView.parse((await t.call(routes.resubmitAllowanceApplication, {}, { params: { id: d.id }, token: fam.token })).body);
    expect(again.status).toBe('community_review');
    clock.set(at('2026-03-10', '10:00'));
  });

  it.each([
    ['hukou', { hukouRegionCode: '420106001001' }, '户口所在地'],
    ['not_moved_out', { movedOutDate: '2025-06-01' }, '新的户口所在地'],
  ] as const)('a %s failure offers no correction but says where to apply; withdrawing frees the elder', async (_kind, over, words) => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1941-05-01', { ...over });
    const fam = await familyOf(t, user(), { ...elder, name: '张桂英' });
    const d = allowanceApplicationDetailView.parse((await apply(t, fam)).body);
    expect([d.status, d.canResubmit, d.canWithdrawConsent]).toEqual(['check_failed', false, true]);
    expect(d.nextStep).toContain(words);
    expect((await t.call(routes.resubmitAllowanceApplication, { phone: '13900001111' }, { params: { id: d.id }, token: fam.token })).status).toBe(409);
    expect((await withdraw(d.id, fam.token)).body.status).toBe('closed');
  });

  it('a name mismatch can be corrected and resubmitted (the only thing the form can fix)', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1939-06-06', { name: '张桂兰' });
    const fam = await familyOf(t, user(), elder);
    // the verified name is the registry's; a proxy confirmed at the counter may carry the name as typed — submitted so here
    const me = (await t.call(routes.me, {}, { token: fam.token })).body.id as string;
    const id = await t.app.app.get(AllowanceService).submit({
      elder: { name: '张桂英', idNumber: elder.idNumber, communityCode: '421003003003', familyMemberId: fam.memberId }, applicantAccountId: me,
      consent: CONSENT, consentBy: { kind: 'family', id: me }, account: ACCOUNT, phone: '13800001234', idempotencyKey: null,
      firstStep: { action: 'submitted', actor: { kind: 'resident', id: me, name: '家属' } },
    });
    await t.app.app.get(AllowanceChecker).run(id);
    const d = await read(id, fam.token);
    expect([d.status, d.canResubmit]).toEqual(['check_failed', true]);
    expect(d.nextStep).toContain('户口簿上的姓名');
    const fixed = allowanceApplicationDetailView.parse((await t.call(routes.resubmitAllowanceApplication, { elderName: '张桂兰' }, { params: { id: d.id }, token: fam.token })).body);
    expect(fixed.status).toBe('community_review');
  });

  it('when the registry puts the hukou in another community, the case file moves there: its staff see and own it, a log row says so', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const dongmen = await t.loginStaff('dongmen');
    // the family (and the counter) say 梅村; the registry says 东门
    const elder = await registryElder(t, '1940-02-02', { hukouRegionCode: '421003002004' });
    const fam = await familyOf(t, user(), elder);
    const d = allowanceApplicationDetailView.parse((await apply(t, fam)).body);
    expect([d.status, d.communityCode]).toEqual(['community_review', '421003002004']);
    const file = async (id: string) => ((await t.ds.query("SELECT community_code, responsible_staff_id FROM case_file WHERE kind = 'allowance' AND subject_id = ?", [id])) as { community_code: string; responsible_staff_id: string | null }[])[0];
    expect((await file(d.id)).community_code).toBe('421003002004');
    expect((await t.call(routes.staffGetAllowanceApplication, {}, { params: { id: d.id }, token: meicun })).status).toBe(404);
    const queue = (await t.call(routes.staffAllowanceQueue, { view: 'waiting', pageSize: 100 }, { params: { code: '421003002004' }, token: dongmen })).body as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toContain(d.id);
    const taken = staffAllowanceDetailView.parse((await t.call(routes.staffTakeAllowanceApplication, {}, { params: { id: d.id }, token: dongmen })).body);
    expect(taken.owner?.name).toContain('东门');
    expect(taken.timeline.find((e) => e.action === 'moved_community')).toBeTruthy();
    expect(d.timeline.map((e) => e.action)).toContain('moved_community');

    // applied at 梅村's counter (梅村 owned it from the start): the owner gives way to 东门's staff
    const elder2 = await registryElder(t, '1939-03-03', { hukouRegionCode: '421003002004' });
    const counter = await t.call(routes.staffCounterApplyAllowance, { elderName: elder2.name, idNumber: elder2.idNumber, consent: { ...CONSENT, basis: 'elder_self' }, account: ACCOUNT, phone: '13800001234' }, { params: { code: '421003003003' }, token: meicun });
    // the counter sees where it went once; after that it is 东门's
    const c = staffAllowanceDetailView.parse(counter.body);
    expect([counter.status, c.communityCode, c.owner]).toEqual([201, '421003002004', null]);
    expect(c.timeline.find((e) => e.action === 'moved_community')?.note).toContain('东门');
    expect((await t.call(routes.staffGetAllowanceApplication, {}, { params: { id: c.id }, token: meicun })).status).toBe(404);
    const moved = await file(c.id);
    expect([moved.community_code, moved.responsible_staff_id]).toEqual(['421003002004', null]);
    expect((await t.call(routes.staffTakeAllowanceApplication, {}, { params: { id: c.id }, token: dongmen })).status).toBe(200);
  });

  it('the 公示 list prints as an A4 PDF for the notice board: masked names as in the app, dates, how to object', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1938-09-09', { name: '孙秀珍' });
    const d = (await apply(t, await familyOf(t, user(), elder))).body as Detail;
    expect((await t.call(routes.staffDecideAllowance, { decision: 'approve', stage: 'community_review' }, { params: { id: d.id }, token: meicun })).body.status).toBe('publicity');
    const r = await t.call(routes.staffPrintAllowancePublicity, {}, { params: { code: '421003003003' }, token: meicun });
    expect(r.status).toBe(200);
    const view = allowancePublicityPrintView.parse(r.body);
    const pdf = Buffer.from(view.base64, 'base64');
    expect([pdf.subarray(0, 5).toString(), pdf.length]).toEqual(['%PDF-', view.sizeBytes]);
    expect(view.entryCount).toBeGreaterThanOrEqual(1);
    const dir = mkdtempSync(join(tmpdir(), 'jb-publicity-'));
    try {
      writeFileSync(join(dir, 'p.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('梅村社区 高龄津贴公示');
      expect(text).toContain('孙*珍');
      expect(text).not.toContain('孙秀珍');
      expect(text).toContain('3月10日至3月16日');
      expect(text.replace(/\s+/g, '')).toContain('提出异议');
      expect(text).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/); // no ID number, no phone number
      const info = execFileSync('pdfinfo', [join(dir, 'p.pdf')], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
      if (engine === 'sqlite') {
        mkdirSync(join(__dirname, '../../../artifacts/screenshots'), { recursive: true });
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', join(dir, 'p.pdf'), join(__dirname, '../../../artifacts/screenshots/allowance-publicity-print')]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // another community's staff: the same not-found as an unknown community
    const dongmen = await t.loginStaff('dongmen');
    expect((await t.call(routes.staffPrintAllowancePublicity, {}, { params: { code: '421003003003' }, token: dongmen })).status).toBe(404);
    // a resident: 403
    expect((await t.call(routes.staffPrintAllowancePublicity, {}, { params: { code: '421003003003' }, token: await t.loginResident(user()) })).status).toBe(403);
  });

  it('a family reports the death: a task for the community; confirmed, a not-yet-approved application closes with one careful notice', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1937-10-10');
    const daughter = await familyOf(t, user(), elder);
    const son = await familyOf(t, user(), elder);
    const d = (await apply(t, daughter)).body as Detail;
    const report = (token: string, diedOn: string) => t.call(routes.reportAllowanceDeath, { diedOn }, { params: { id: d.id }, token });
    expect((await report(daughter.token, '2026-03-11')).status).toBe(400); // not in the future
    expect((await report(await t.loginResident(user()), '2026-03-08')).status).toBe(404);
    const r = allowanceApplicationDetailView.parse((await report(son.token, '2026-03-08')).body);
    expect([r.status, r.deathReport?.state, r.deathReport?.diedOn]).toEqual(['community_review', 'reported', '2026-03-08']);
    expect((await report(daughter.token, '2026-03-08')).status).toBe(409); // one report waits at a time
    // the community's task: an inbox message to its staff (nobody owns the case yet)
    const meicunId = (await t.call(routes.me, {}, { token: meicun })).body.id as string;
    const tasks = (await t.ds.query("SELECT recipient_id FROM notification_event WHERE link_id = ? AND type = 'allowance_death_reported'", [d.id])) as { recipient_id: string }[];
    expect(tasks.map((x) => x.recipient_id)).toContain(meicunId);
    expect((await staffRead(d.id)).deathReport?.state).toBe('reported');

    const count = async () => countBy(await outboxTypes(t, d.id), (x) => x);
    const before = await count();
    const ok = staffAllowanceDetailView.parse((await t.call(routes.staffConfirmAllowanceDeath, { confirmed: true }, { params: { id: d.id }, token: meicun })).body);
    expect([ok.status, ok.deceased, ok.deathReport?.state]).toEqual(['closed', true, 'confirmed']);
    expect((await t.call(routes.staffConfirmAllowanceDeath, { confirmed: true }, { params: { id: d.id }, token: meicun })).status).toBe(409);
    // one careful notice to each verified account, nothing else
    expect(await count()).toEqual({ ...before, allowance_closed: 2 });
    const body = (await t.ds.query("SELECT data_json FROM notification_event WHERE link_id = ? AND type = 'allowance_closed'", [d.id])) as { data_json: string }[];
    expect(body[0].data_json).toContain('"via":"family"');
    const seen = await read(d.id, daughter.token);
    expect([seen.canWithdrawConsent, seen.timeline.map((e) => e.action)]).toEqual([false, expect.arrayContaining(['death_reported', 'death_confirmed'])]);
    const audit = await t.ds.query("SELECT action FROM allowance_audit WHERE application_id = ? AND action = 'confirm_death'", [d.id]);
    expect(audit).toHaveLength(1);
  });

  it('a reported death the community cannot confirm changes nothing but the report; for an approved one it is recorded for the district', async () => {
    clock.set(at('2026-03-10', '10:00'));
    const elder = await registryElder(t, '1936-11-11');
    const fam = await familyOf(t, user(), elder);
    const d = (await apply(t, fam)).body as Detail;
    await t.call(routes.reportAllowanceDeath, { diedOn: '2026-03-01' }, { params: { id: d.id }, token: fam.token });
    const no = staffAllowanceDetailView.parse((await t.call(routes.staffConfirmAllowanceDeath, { confirmed: false, note: '电话核实，老人健在' }, { params: { id: d.id }, token: meicun })).body);
    expect([no.status, no.deceased, no.deathReport?.state]).toEqual(['community_review', false, 'not_confirmed']);
    // the application goes on to approval; then a confirmed death is recorded, the approval stands (payments follow the registry)
    const decide = (token: string, stage: string) => t.call(routes.staffDecideAllowance, { decision: 'approve', stage } as never, { params: { id: d.id }, token });
    expect((await decide(meicun, 'community_review')).body.status).toBe('publicity');
    clock.set(at('2026-03-17', '09:00'));
    await job.runOnce();
    await decide(street, 'street_review');
    expect((await decide(district, 'district_review')).body.status).toBe('approved');
    expect((await t.call(routes.reportAllowanceDeath, { diedOn: '2026-03-16' }, { params: { id: d.id }, token: fam.token })).status).toBe(200);
    const rec = staffAllowanceDetailView.parse((await t.call(routes.staffConfirmAllowanceDeath, { confirmed: true }, { params: { id: d.id }, token: meicun })).body);
    expect([rec.status, rec.deceased, rec.deathReport?.state]).toEqual(['approved', true, 'confirmed']);
    expect(rec.timeline.find((e) => e.action === 'death_recorded')?.note).toContain('以民政户籍数据为准');
    clock.set(at('2026-03-10', '10:00'));
  });
});
