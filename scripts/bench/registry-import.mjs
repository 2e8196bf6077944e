#!/usr/bin/env node
// Import benchmark: a generated roster (default 1,000,000 people, 20 % aged 80+) written as CSV, then imported through
// the real import path (the registry:import CLI: streamed, staged, checked, published) into a fresh MariaDB database.
// Prints rows/s and the importing process's peak RSS (aim: ≥ 20,000 rows/s, ≤ 300 MB).
//   node scripts/bench/registry-import.mjs [--people 1000000] [--db mysql://root@127.0.0.1:3306] [--sqlite] [--keep] [--dist server/dist]
// Runs against a built server (`pnpm build:server`; JB_SERVER_DIST or --dist for a private build). The generation is
// not timed; the import is bounded by a 15-minute cap.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' }, db: { type: 'string', default: process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306' },
    sqlite: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, dist: { type: 'string' },
  },
});
const dist = resolve(values.dist ?? process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));
const serverModules = join(root, 'server', 'node_modules');
if (!dist.startsWith(join(root, 'server')) && !(process.env.NODE_PATH ?? '').includes(serverModules)) {
  const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, NODE_PATH: serverModules } });
  process.exit(r.status ?? 1);
}
const require = createRequire(join(dist, 'main.js'));
const { writeRegistryFiles } = require(join(dist, 'civil-affairs/synthetic/registry-files.js'));
const mysql = require(join(serverModules, 'mysql2/promise'));

const CAP_MS = 15 * 60_000;
const dir = mkdtempSync(join(tmpdir(), 'jb-bench-registry-'));
const name = `jb_bench_registry_${randomBytes(4).toString('hex')}`;

function run(script, args, env) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(dist, 'cli', script), ...args], { env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CAP_MS);
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (clearTimeout(timer), code === 0 ? ok(out) : fail(new Error(`${script} exited with ${code}: ${out}`))));
  });
}

try {
  const people = Number(values.people);
  process.stdout.write(`generating ${people} people …\n`);
  const genStart = performance.now();
  const files = await writeRegistryFiles(dir, 'csv', { seed: 2026, people, today: '2026-12-01', share80: 0.2, share90: 0.03, share100: 0.001 });
  process.stdout.write(`  ${files.counts.roster} rows, ${(statSync(files.roster).size / 1e6).toFixed(0)} MB, in ${((performance.now() - genStart) / 1000).toFixed(1)} s\n`);
  let env;
  if (values.sqlite) env = { DB_SQLITE_PATH: join(dir, 'bench.sqlite') };
  else {
    const admin = await mysql.createConnection({ uri: values.db });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    env = { DB_URL: `${values.db.replace(/^mysql:/, 'mariadb:')}/${name}` };
  }
  await run('migrate.js', [], env);
  process.stdout.write(`importing through registry:import on ${values.sqlite ? 'SQLite' : 'MariaDB'} …\n`);
  const out = await run('registry-import.js', ['--kind', 'roster', files.roster], env);
  const summary = JSON.parse(out.trim().split('\n')[0]);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.stdout.write(`registry import: ${summary.totalRows} rows (${summary.acceptedRows} accepted, ${summary.rejectedRows} rejected) in ${summary.seconds} s = ${summary.rowsPerSecond} rows/s; peak RSS ${summary.peakRssMb} MB (aim ≥ 20000 rows/s, ≤ 300 MB)\n`);
  if (summary.status !== 'published') process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (!values.sqlite && !values.keep) {
    const admin = await mysql.createConnection({ uri: values.db });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}
