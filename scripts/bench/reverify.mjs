#!/usr/bin/env node
// Re-verification benchmark (issue 12, item 3): on MariaDB, a generated registry (default 1,000,000 people) with every
// living in-district 80+ person a recipient (about 200,000), drift planted in the registry (3 % of recipients died, 2 %
// moved out, 0.1 % missing from the extract); then in the same run
//   1. the bare set-based SQL join that finds the same changes (recipients ⟕ person ⟕ death ⟕ move-out), and
//   2. the ledger's re-verification through the app (chunked under leases: classify every recipient, store each
//      decision with its evidence, apply them — suspension, 追缴, tasks — and list the 免申即享 candidates).
// Prints both times, the ratio, the decisions against the planted counts, and the peak RSS of this process.
//   pnpm --filter @jianban/server build
//   node scripts/bench/reverify.mjs [--people 1000000] [--share80 0.2] [--chunk-rows 2000] [--workers 2] [--db mysql://root@127.0.0.1:3306] [--keep] [--reuse NAME] [--dist server/dist]
// --share80: the share of people aged 80+ (about the share of recipients; 0.13 of 10 M is Hubei's 1.3 M)
// --workers: chunks the app instance works at once (LEDGER_REVERIFY_WORKERS, default 2; the bare join is one statement on one connection)
// --reuse NAME: a database an earlier run kept (--keep), with its registry and planted drift: the ledger's own tables are
//   emptied and every recipient made active again, then both measures run (the province-scale setup takes about 30 minutes)
// A fresh database jb_bench_reverify_<random> is created and dropped (unless --keep or --reuse). Recipient ids are random-looking
// (v4-shaped, from an MD5) like the app's randomUUID: MariaDB's UUID() is time-based and would put them all in a few
// primary-key chunks.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' }, db: { type: 'string', default: process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306' },
    keep: { type: 'boolean', default: false }, reuse: { type: 'string' }, dist: { type: 'string' }, 'chunk-rows': { type: 'string', default: '2000' }, workers: { type: 'string', default: '2' }, share80: { type: 'string', default: '0.2' },
  },
});
const dist = resolve(values.dist ?? process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));
const serverModules = join(root, 'server', 'node_modules');
if (!(process.env.NODE_PATH ?? '').includes(serverModules)) {
  const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, NODE_PATH: serverModules } });
  process.exit(r.status ?? 1);
}
const require = createRequire(join(dist, 'main.js'));
require('reflect-metadata');
const mysql = require(join(serverModules, 'mysql2/promise'));
const { loadConfig } = require(join(dist, 'config.js'));
const { createApp } = require(join(dist, 'app.factory.js'));
const { PiiCipher } = require(join(dist, 'common/pii-cipher.js'));
const { generatePeople } = require(join(dist, 'civil-affairs/synthetic/registry-generator.js'));
const { LedgerReverify } = require(join(dist, 'allowance/ledger/ledger.reverify.js'));

const MONTH = '2026-12';
const name = values.reuse ?? `jb_bench_reverify_${randomBytes(4).toString('hex')}`;
const secs = (ms) => (ms / 1000).toFixed(2);
const log = (s) => process.stdout.write(`${s}\n`);

const admin = await mysql.createConnection({ uri: values.db });
if (!values.reuse) await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();
const dbUrl = `${values.db}/${name}`;
const config = loadConfig({ NODE_ENV: 'test', DB_URL: dbUrl.replace(/^mysql:/, 'mariadb:'), LOG_LEVEL: 'warn', NOTIFY_DISPATCH: 'off', LEDGER_JOB_POLL_SECONDS: '0', ALLOWANCE_JOB_POLL_SECONDS: '0', BOOKING_JOB_POLL_SECONDS: '0', HANDLER_TIMEOUT_MS: '60000', LEDGER_CHUNK_ROWS: values['chunk-rows'], LEDGER_REVERIFY_WORKERS: values.workers });
const app = await createApp(config, { listen: false });
const pool = mysql.createPool({ uri: dbUrl, connectionLimit: 4, timezone: 'Z' });
try {
  let t0 = performance.now();
  let recipients, died, moved, missing;
  if (values.reuse) {
    // the kept registry and its planted drift stay; what an earlier re-verification wrote goes, and every recipient is active again
    for (const table of ['allowance_decision', 'allowance_ledger_run', 'allowance_run_chunk', 'allowance_candidate', 'allowance_pay_task', 'allowance_overpayment', 'allowance_ledger_audit', 'notification_event', 'notification_attempt', 'inbox_message']) await pool.query(`TRUNCATE TABLE ${table}`);
    await pool.query(`DELETE FROM booking_job_lease WHERE name LIKE 'ledger-%'`);
    await pool.query(`UPDATE allowance_recipient SET status = 'active', status_reason = NULL, stopped_from = NULL, death_date = NULL, moved_out_date = NULL, flagged = 0, flag_reason = NULL WHERE status <> 'active' OR flagged <> 0`);
    [[{ n: recipients }]] = await pool.query('SELECT COUNT(*) AS n FROM allowance_recipient');
    [[{ n: died }]] = await pool.query('SELECT COUNT(*) AS n FROM registry_death');
    [[{ n: moved }]] = await pool.query('SELECT COUNT(*) AS n FROM registry_move_out');
    [[{ n: missing }]] = await pool.query('SELECT COUNT(*) AS n FROM allowance_recipient r WHERE NOT EXISTS (SELECT 1 FROM registry_person p WHERE p.id_number_hash = r.elder_id_hash)');
    [recipients, died, moved, missing] = [recipients, died, moved, missing].map(Number);
    log(`reusing ${name}: ledger tables emptied, recipients active again (${secs(performance.now() - t0)} s, not timed)`);
  } else {
    const cipher = new PiiCipher(config);
    const people = Number(values.people);
    let batch = [];
    const flush = async () => {
      if (!batch.length) return;
      await pool.query('INSERT INTO registry_person (id_number_hash, id_number_enc, name, sex, birth_date, hukou_region_code, household_no, import_id, updated_at) VALUES ?', [batch]);
      batch = [];
    };
    const stamp = '2026-12-01 00:00:00.000';
    for (const p of generatePeople({ seed: 2026, people, today: '2026-12-01', share80: Number(values.share80), share90: Number(values.share80) * 0.15, share100: Number(values.share80) * 0.005, deathShare: 0, moveOutShare: 0 })) {
      batch.push([cipher.blindIndex('id_number', p.idNumber), cipher.encrypt(p.idNumber), p.name, p.sex, p.birthDate, p.hukouRegionCode, p.householdNo, 'bench', stamp]);
      if (batch.length >= 2000) await flush();
    }
    await flush();
    log(`registry: ${people} people in ${secs(performance.now() - t0)} s (setup, not timed)`);
    t0 = performance.now();
    await pool.query(
      `INSERT INTO allowance_recipient (id, elder_id_hash, elder_id_enc, elder_id_masked, elder_name, elder_birth_date, community_code, street_code, source, account_kind, account_enc, account_last4, first_paid_month, status, flagged, created_at, updated_at)
       SELECT CONCAT(SUBSTR(MD5(p.id_number_hash), 1, 8), '-', SUBSTR(MD5(p.id_number_hash), 9, 4), '-4', SUBSTR(MD5(p.id_number_hash), 14, 3), '-8', SUBSTR(MD5(p.id_number_hash), 18, 3), '-', SUBSTR(MD5(p.id_number_hash), 21, 12)), p.id_number_hash, p.id_number_enc, '421003**********', p.name, p.birth_date, p.hukou_region_code, CONCAT(LEFT(p.hukou_region_code, 9), '000'), 'payment_roll', 'bank_card', p.id_number_enc, '0000', '2026-01', 'active', 0, ?, ?
       FROM registry_person p WHERE p.birth_date <= '1946-11-30' AND p.hukou_region_code LIKE '421003%'`,
      [stamp, stamp],
    );
    [[{ n: recipients }]] = await pool.query('SELECT COUNT(*) AS n FROM allowance_recipient');
    // plant: the recipients ordered by a hash of their id: first 3 % died, next 2 % moved out, next 0.1 % missing
    died = Math.round(recipients * 0.03);
    moved = Math.round(recipients * 0.02);
    missing = Math.round(recipients * 0.001);
    await pool.query(`CREATE TEMPORARY TABLE plant AS SELECT elder_id_hash AS h, ROW_NUMBER() OVER (ORDER BY MD5(id)) AS k FROM allowance_recipient`);
    await pool.query(`INSERT INTO registry_death (id_number_hash, id_number_enc, name, event_date, import_id, updated_at) SELECT p.id_number_hash, p.id_number_enc, p.name, '2026-11-20', 'bench', ? FROM registry_person p JOIN plant ON plant.h = p.id_number_hash WHERE plant.k <= ?`, [stamp, died]);
    await pool.query(`INSERT INTO registry_move_out (id_number_hash, id_number_enc, name, event_date, import_id, updated_at) SELECT p.id_number_hash, p.id_number_enc, p.name, '2026-11-10', 'bench', ? FROM registry_person p JOIN plant ON plant.h = p.id_number_hash WHERE plant.k > ? AND plant.k <= ?`, [stamp, died, died + moved]);
    await pool.query(`DELETE p FROM registry_person p JOIN plant ON plant.h = p.id_number_hash WHERE plant.k > ? AND plant.k <= ?`, [died + moved, died + moved + missing]);
    await pool.query(`INSERT INTO allowance_payment_settings (id, period, arrears_cap_months, bracket_change, pay_day, reverify_hold_bp, is_default, created_by, created_at) VALUES (UUID(), 'monthly', NULL, 'birthday_month', 10, 1000, 1, 'bench', ?)`, [stamp]);
  }
  log(`recipients: ${recipients}; planted ${died} died, ${moved} moved out, ${missing} missing (setup ${secs(performance.now() - t0)} s, not timed)`);

  // 1. the bare set-based join that finds the same changes (run twice, the second timed: both start warm)
  const bare = async () => {
    const s = performance.now();
    const [rows] = await pool.query(
      `SELECT r.id, d.event_date AS death, mo.event_date AS moved, p.id_number_hash AS found FROM allowance_recipient r
       LEFT JOIN registry_person p ON p.id_number_hash = r.elder_id_hash LEFT JOIN registry_death d ON d.id_number_hash = r.elder_id_hash
       LEFT JOIN registry_move_out mo ON mo.id_number_hash = r.elder_id_hash`,
    );
    const changes = rows.filter((r) => r.death || r.moved || !r.found).length;
    return { ms: performance.now() - s, changes };
  };
  await bare();
  const b = await bare();
  log(`bare join: ${b.changes} changes among ${recipients} recipients in ${secs(b.ms)} s`);

  // 2. the ledger's re-verification, through the app
  const reverify = app.app.get(LedgerReverify);
  const s = performance.now();
  const run = await reverify.start(MONTH, { kind: 'cli', id: 'bench', name: 'bench' });
  await reverify.drive(run.id);
  const view = await reverify.view(MONTH);
  const ms = performance.now() - s;
  const [[{ n: classifyRows }]] = await pool.query(`SELECT COUNT(*) AS n FROM allowance_decision`);
  const [[{ last, chunks }]] = await pool.query(`SELECT MAX(done_at) AS last, COUNT(*) AS chunks FROM allowance_run_chunk WHERE run_id = ?`, [run.id]);
  const classifyMs = new Date(`${String(last instanceof Date ? last.toISOString() : last).replace(' ', 'T').replace(/Z?$/, 'Z')}`).getTime() - (Date.now() - (performance.now() - s));
  log(`re-verification: status ${view.status}, ${view.counts.died} died, ${view.counts.movedOut} moved out, ${view.counts.missing} missing, ${view.counts.bracketUp} bracket up, ${view.counts.candidates} 免申即享 candidates; ${classifyRows} decisions stored, in ${secs(ms)} s`);
  log(`planted found exactly: ${view.counts.died === died && view.counts.movedOut === moved && view.counts.missing === missing}`);
  log(`  of which classifying every recipient (the part the bare join does; ${chunks} chunks, ${config.ledger.reverifyWorkers} at a time): ${secs(classifyMs)} s → ratio ${(classifyMs / b.ms).toFixed(2)}×`);
  // the phases after classifying, from the database's own timestamps: applying the decisions, then the 免申即享 candidates
  const [[{ applied }]] = await pool.query(`SELECT MAX(applied_at) AS applied FROM allowance_decision`);
  const at = (v) => new Date(`${String(v instanceof Date ? v.toISOString() : v).replace(' ', 'T').replace(/Z?$/, 'Z')}`).getTime();
  const startedAt = Date.now() - (performance.now() - s);
  if (applied) log(`  applying the decisions: ${secs(at(applied) - at(last))} s; the 免申即享 candidates and finishing: ${secs(startedAt + ms - at(applied))} s`);
  log(`ratio whole re-verification / bare join: ${(ms / b.ms).toFixed(2)}×`);
  log(`peak RSS of this process (app + driver): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await pool.end();
  await app.close();
  if (!values.keep && !values.reuse) {
    const c = await mysql.createConnection({ uri: values.db });
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.end();
  }
}
