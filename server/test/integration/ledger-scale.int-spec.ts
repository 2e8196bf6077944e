// The ledger at scale (issue 12): planted drift — a registry of 50,000 people with 10,000 recipients, 3 % of them
// died, 2 % moved out, 0.1 % missing from the extract — flags exactly the planted set; the month's entitlement run
// killed with kill -9 mid-run (a worker process) and resumed gives the same checksum as an uninterrupted run (and a
// re-verification killed the same way the same decisions), and so do
// two app instances working the same month at once — on SQLite and MariaDB.
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { maskIdNumber, routes } from '@jianban/shared';
import { AllowanceRecipientEntity } from '../../src/allowance/ledger/ledger.entities';
import { LedgerMonths } from '../../src/allowance/ledger/ledger.months';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/clock';
import { generatePeople, prng } from '../../src/civil-affairs/synthetic/registry-generator';
import { writeRegistryPeople } from '../../src/civil-affairs/registry.seed';
import type { RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { PiiCipher } from '../../src/common/pii-cipher';
import { LedgerRuns } from '../../src/allowance/ledger/ledger.runs';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { at, controlClock } from './booking-helpers';
import { LEDGER_TEST_ENV, reverify, settle, startLedgerWorker } from './ledger-helpers';

const PEOPLE = 50_000;
const RECIPIENTS = 10_000;
const MONTH = '2026-06';

describeEngines('the allowance ledger at scale on %s', (engine) => {
  let t: TestApp;
  let clock: ReturnType<typeof controlClock>;
  let district: string;
  const children: ChildProcess[] = [];
  const planted = { died: [] as string[], moved: [] as string[], missing: [] as string[] };
  const entitlementCount = async () => Number(((await t.ds.query(`SELECT COUNT(*) AS n FROM allowance_entitlement WHERE pay_month = ?`, [MONTH])) as { n: number }[])[0].n);
  const runOf = async () => ((await t.ds.query(`SELECT id, status, checksum, chunks_total FROM allowance_ledger_run WHERE kind = 'entitle' AND month = ?`, [MONTH])) as { id: string; status: string; checksum: string | null; chunks_total: number }[])[0];
  const forget = async () => {
    const run = await runOf();
    await t.ds.query(`DELETE FROM allowance_entitlement WHERE pay_month = ?`, [MONTH]);
    await t.ds.query(`DELETE FROM allowance_run_chunk WHERE run_id = ?`, [run.id]);
    await t.ds.query(`DELETE FROM allowance_ledger_run WHERE id = ?`, [run.id]);
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'ledger-scale', env: { ...LEDGER_TEST_ENV, LEDGER_CHUNK_ROWS: '200' } });
    clock = controlClock(t);
    clock.set(at('2026-06-03', '09:00'));
    district = await t.loginStaff('district');
    const cipher = t.app.app.get(PiiCipher);
    const people = [...generatePeople({ seed: 12, people: PEOPLE, today: '2026-06-01', share80: 0.25, share90: 0.03, share100: 0.002, deathShare: 0, moveOutShare: 0 })];
    await writeRegistryPeople(t.ds, cipher, people, { actor: 'test', label: 'scale fixture', chunk: 1000 });
    const old = people.filter((p) => p.birthDate <= '1946-05-31' && p.hukouRegionCode.startsWith('421003') && !p.deathDate && !p.movedOutDate).slice(0, RECIPIENTS);
    expect(old).toHaveLength(RECIPIENTS);
    const now = new Date();
    const rows: AllowanceRecipientEntity[] = old.map((p) => ({
      id: randomUUID(), elderIdHash: cipher.blindIndex('id_number', p.idNumber), elderIdEnc: cipher.encrypt(p.idNumber), elderIdMasked: maskIdNumber(p.idNumber), elderName: p.name,
      elderBirthDate: p.birthDate, communityCode: p.hukouRegionCode, streetCode: p.hukouRegionCode.slice(0, 9) + '000', source: 'payment_roll', applicationId: null,
      accountKind: 'bank_card', accountEnc: cipher.encrypt('6217000012345678'), accountLast4: '5678', bankName: null, accountUpdatedAt: now, firstPaidMonth: '2026-01',
      status: 'active', statusReason: null, stoppedFrom: null, deathDate: null, movedOutDate: null, flagged: false, flagReason: null, createdAt: now, updatedAt: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await t.ds.getRepository(AllowanceRecipientEntity).insert(rows.slice(i, i + 500));
    // plant the drift: a seeded shuffle picks 3 % died, 2 % moved out, 0.1 % missing from the next extract
    const rand = prng(99);
    const order = rows.map((r, i) => ({ r, p: old[i], k: rand() })).sort((a, b) => a.k - b.k);
    const died = order.slice(0, 300);
    const moved = order.slice(300, 500);
    const missing = order.slice(500, 510);
    planted.died = died.map((x) => x.r.id).sort();
    planted.moved = moved.map((x) => x.r.id).sort();
    planted.missing = missing.map((x) => x.r.id).sort();
    const changed: RegistryPerson[] = [...died.map((x) => ({ ...x.p, deathDate: '2026-05-31' })), ...moved.map((x) => ({ ...x.p, movedOutDate: '2026-05-10' }))];
    await writeRegistryPeople(t.ds, cipher, changed, { actor: 'test', label: 'drift', chunk: 500 });
    const gone = missing.map((x) => x.r.elderIdHash);
    await t.ds.query(`DELETE FROM registry_person WHERE id_number_hash IN (${gone.map(() => '?').join(', ')})`, gone);
  }, 600_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t?.close();
  });

  it('re-verification flags exactly the planted set: 300 died, 200 moved out, 10 missing (never suspended for absence)', async () => {
    const put = await t.call(routes.updatePaymentSettings, { period: 'monthly', arrearsCapMonths: null, bracketChange: 'birthday_month', payDay: 10, reverifyHoldPercent: 10, confirmedForDistrict: false }, { token: district });
    expect(put.status).toBe(200);
    expect(await reverify(t, district, MONTH)).toBe('done');
    const ids = async (kind: string) => ((await t.ds.query(`SELECT recipient_id FROM allowance_decision WHERE run_key = ? AND kind = ? ORDER BY recipient_id`, [`reverify:${MONTH}`, kind])) as { recipient_id: string }[]).map((r) => r.recipient_id).sort();
    expect(await ids('died')).toEqual(planted.died);
    expect(await ids('moved_out')).toEqual(planted.moved);
    expect(await ids('missing')).toEqual(planted.missing);
    expect(await ids('unavailable')).toEqual([]);
    expect(await ids('reinstated')).toEqual([]);
    // every recipient counts as checked, the unchanged ones the pre-filter kept in the database included
    const [chunks] = (await t.ds.query(
      `SELECT COUNT(*) AS n, SUM(c.rows_done) AS r FROM allowance_run_chunk c JOIN allowance_ledger_run l ON l.id = c.run_id WHERE l.kind = 'reverify' AND c.status = 'done'`,
    )) as { n: number; r: number }[];
    expect(Number(chunks.r)).toBe(RECIPIENTS);
    const statuses = (await t.ds.query(`SELECT status, COUNT(*) AS n FROM allowance_recipient GROUP BY status ORDER BY status`)) as { status: string; n: number }[];
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['active', RECIPIENTS - 500], ['stopped', 200], ['suspended', 300]]);
    // a rerun finds the same and adds nothing
    await t.ds.query(`UPDATE allowance_ledger_run SET status = 'done' WHERE kind = 'reverify'`);
    const before = await t.ds.query(`SELECT COUNT(*) AS n FROM allowance_decision`);
    expect(await reverify(t, district, MONTH)).toBe('done');
    expect(await t.ds.query(`SELECT COUNT(*) AS n FROM allowance_decision`)).toEqual(before);
  }, 600_000);

  it('a re-verification whose worker is killed (kill -9) while it holds a range, then resumed: the same decisions as the uninterrupted run', async () => {
    const key = `reverify:${MONTH}`;
    const decisions = async () =>
      ((await t.ds.query(`SELECT recipient_id, kind, status, effective_month, staff_text, family_text FROM allowance_decision WHERE run_key = ? ORDER BY recipient_id, kind`, [key])) as Record<string, unknown>[])
        .map((d) => [d.recipient_id, d.kind, d.status, d.effective_month, d.staff_text, d.family_text].map((v) => (v === null ? null : String(v))).join('|'));
    const recipients = async () => ((await t.ds.query(`SELECT id, status, status_reason, stopped_from, flagged FROM allowance_recipient ORDER BY id`)) as Record<string, unknown>[]).map((r) => `${String(r.id)}|${String(r.status)}|${String(r.status_reason)}|${String(r.stopped_from)}|${Number(r.flagged)}`);
    const tasks = async () => ((await t.ds.query(`SELECT dedupe_key FROM allowance_pay_task ORDER BY dedupe_key`)) as { dedupe_key: string }[]).map((x) => x.dedupe_key);
    const clean = { decisions: await decisions(), recipients: await recipients(), tasks: await tasks() };
    expect(clean.decisions.filter((d) => /\|(died|moved_out|missing)\|/.test(d))).toHaveLength(510);
    // forget the run and everything it did
    const [old] = (await t.ds.query(`SELECT id FROM allowance_ledger_run WHERE kind = 'reverify' AND month = ?`, [MONTH])) as { id: string }[];
    await t.ds.query(`DELETE FROM allowance_decision WHERE run_key = ?`, [key]);
    await t.ds.query(`DELETE FROM allowance_pay_task`);
    await t.ds.query(`UPDATE allowance_recipient SET status = 'active', status_reason = NULL, stopped_from = NULL, death_date = NULL, moved_out_date = NULL, flagged = ?, flag_reason = NULL`, [engine === 'sqlite' ? 0 : false]);
    await t.ds.query(`DELETE FROM allowance_run_chunk WHERE run_id = ?`, [old.id]);
    await t.ds.query(`DELETE FROM allowance_ledger_run WHERE id = ?`, [old.id]);

    expect((await t.call(routes.startReverification, {}, { params: { month: MONTH }, token: district })).status).toBe(200);
    const [run] = (await t.ds.query(`SELECT id, chunks_total FROM allowance_ledger_run WHERE kind = 'reverify' AND month = ?`, [MONTH])) as { id: string; chunks_total: number }[];
    expect(Number(run.chunks_total)).toBe(50);
    const worker = await startLedgerWorker(t, children, { LEDGER_JOB_POLL_SECONDS: '1', LEDGER_CHUNK_ROWS: '200' });
    // killed when it has finished some chunks and holds the lease of another (a range whose transaction is open or about to be)
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [c] = (await t.ds.query(
        `SELECT SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done, SUM(CASE WHEN status = 'open' AND lease_owner IS NOT NULL THEN 1 ELSE 0 END) AS held FROM allowance_run_chunk WHERE run_id = ?`,
        [run.id],
      )) as { done: number; held: number }[];
      if (Number(c.done) >= 5 && Number(c.held) >= 1) break;
      if (Date.now() > deadline) throw new Error('the worker did no chunk');
      await new Promise((r) => setTimeout(r, 5));
    }
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    const [after] = (await t.ds.query(`SELECT SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done FROM allowance_run_chunk WHERE run_id = ?`, [run.id])) as { done: number }[];
    expect(Number(after.done)).toBeLessThan(50);
    expect(((await t.ds.query(`SELECT status FROM allowance_ledger_run WHERE id = ?`, [run.id])) as { status: string }[])[0].status).toBe('running');
    // nothing applied yet: the recipients are untouched until every chunk is classified
    expect(Number(((await t.ds.query(`SELECT COUNT(*) AS n FROM allowance_recipient WHERE status <> 'active'`)) as { n: number }[])[0].n)).toBe(0);
    // the killed worker's lease (taken on its real clock) runs out; this instance (clock moved past it) redoes its range and finishes the run
    clock.set(new Date(Date.now() + 10 * 60_000));
    expect(await settle(t, 'reverify', MONTH)).toBe('done');
    clock.set(at('2026-06-03', '09:30'));
    expect(await decisions()).toEqual(clean.decisions);
    expect(await recipients()).toEqual(clean.recipients);
    expect(await tasks()).toEqual(clean.tasks);
  }, 600_000);

  it('an uninterrupted entitlement run pays the 9,500 still paid; a rerun adds nothing', async () => {
    expect((await t.call(routes.startEntitlementRun, {}, { params: { month: MONTH }, token: district })).status).toBe(200);
    expect(await settle(t, 'entitle', MONTH)).toBe('done');
    expect(await entitlementCount()).toBe(RECIPIENTS - 500);
    expect((await runOf()).chunks_total).toBe(50);
    await t.call(routes.startEntitlementRun, {}, { params: { month: MONTH }, token: district });
    expect(await settle(t, 'entitle', MONTH)).toBe('done');
    expect(await entitlementCount()).toBe(RECIPIENTS - 500);
  }, 600_000);

  it('kill -9 of a worker process mid-run, then resume: the same checksum as the uninterrupted run', async () => {
    const clean = (await runOf()).checksum!;
    expect(clean).toMatch(/^[0-9a-f]{64}$/);
    await forget();
    expect((await t.call(routes.startEntitlementRun, {}, { params: { month: MONTH }, token: district })).status).toBe(200);
    const worker = await startLedgerWorker(t, children, { LEDGER_JOB_POLL_SECONDS: '1', LEDGER_CHUNK_ROWS: '200' });
    const run = await runOf();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [{ n }] = (await t.ds.query(`SELECT COUNT(*) AS n FROM allowance_run_chunk WHERE run_id = ? AND status = 'done'`, [run.id])) as { n: number }[];
      if (Number(n) >= 5) break;
      if (Date.now() > deadline) throw new Error('the worker did no chunk');
      await new Promise((r) => setTimeout(r, 20));
    }
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    const partial = await entitlementCount();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(RECIPIENTS - 500);
    expect((await runOf()).status).toBe('running');
    // the killed worker's chunk lease runs out; this instance (clock moved past it) takes over and finishes
    clock.set(new Date(Date.now() + 10 * 60_000));
    expect(await settle(t, 'entitle', MONTH)).toBe('done');
    expect(await entitlementCount()).toBe(RECIPIENTS - 500);
    expect((await runOf()).checksum).toBe(clean);
  }, 600_000);

  it('two app instances working the same month at once: no second entitlement, the same checksum', async () => {
    const clean = (await runOf()).checksum!;
    await forget();
    const second = await createApp(t.config, { listen: false });
    // the second instance reads the same (test-controlled) clock: with the real one it would see this instance's leases,
    // taken at the moved clock, as far in the future and its own as long expired to this one — a skew, not a takeover
    second.app.get(Clock).now = () => new Date(clock.now.getTime());
    try {
      expect((await t.call(routes.startEntitlementRun, {}, { params: { month: MONTH }, token: district })).status).toBe(200);
      const run = await runOf();
      const other = second.app.get(LedgerMonths); // the second instance's own run engine (its own holder id)
      await Promise.all([t.app.app.get(LedgerMonths).driveEntitlements(run.id), other.driveEntitlements(run.id)]);
      expect(await settle(t, 'entitle', MONTH)).toBe('done');
      const workers = (await t.ds.query(`SELECT COUNT(DISTINCT lease_owner) AS n FROM allowance_run_chunk WHERE run_id = ?`, [run.id])) as { n: number }[];
      // which instance takes how many chunks is up to timing (usually both on MariaDB); every chunk is done exactly once
      expect(Number(workers[0].n)).toBeGreaterThanOrEqual(1);
      const done = (await t.ds.query(`SELECT COUNT(*) AS n, SUM(rows_done) AS r FROM allowance_run_chunk WHERE run_id = ? AND status = 'done'`, [run.id])) as { n: number; r: number }[];
      expect([Number(done[0].n), Number(done[0].r)]).toEqual([50, RECIPIENTS - 500]);
      expect(await entitlementCount()).toBe(RECIPIENTS - 500);
      expect((await runOf()).checksum).toBe(clean);
    } finally {
      await second.close();
    }
  }, 600_000);

  it('one instance working two chunks at once (LEDGER_RUN_WORKERS=2; SQLite works one): every chunk once, the same checksum', async () => {
    const clean = (await runOf()).checksum!;
    await forget();
    const two = await createApp({ ...t.config, ledger: { ...t.config.ledger, runWorkers: 2 } }, { listen: false });
    two.app.get(Clock).now = () => new Date(clock.now.getTime());
    try {
      expect((await t.call(routes.startEntitlementRun, {}, { params: { month: MONTH }, token: district })).status).toBe(200);
      const run = await runOf();
      const runs = two.app.get(LedgerRuns);
      let most = 0;
      const claim = runs.claim.bind(runs);
      // how many chunks this instance holds at once: a claim starts one, the next claim by the same worker ends it
      const held = new Set<number>();
      runs.claim = async (id: string) => {
        const k = await claim(id);
        if (k !== null) {
          held.add(k);
          most = Math.max(most, held.size);
          // the first chunk waits (at most 10 s) for a second worker to claim one, so the count does not depend on timing
          for (const until = Date.now() + 10_000; engine === 'mariadb' && most < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 5));
        }
        return k;
      };
      const months = two.app.get(LedgerMonths);
      const complete = runs.complete.bind(runs);
      runs.complete = async (...a: Parameters<typeof runs.complete>) => {
        await complete(...a);
        held.delete(a[2]);
      };
      await months.driveEntitlements(run.id);
      expect(await settle(t, 'entitle', MONTH)).toBe('done');
      const done = (await t.ds.query(`SELECT COUNT(*) AS n, SUM(rows_done) AS r FROM allowance_run_chunk WHERE run_id = ? AND status = 'done'`, [run.id])) as { n: number; r: number }[];
      expect([Number(done[0].n), Number(done[0].r)]).toEqual([50, RECIPIENTS - 500]);
      expect(await entitlementCount()).toBe(RECIPIENTS - 500);
      expect((await runOf()).checksum).toBe(clean);
      expect(most).toBe(engine === 'mariadb' ? 2 : 1);
    } finally {
      await two.close();
    }
  }, 600_000);
});
