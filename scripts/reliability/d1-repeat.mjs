// Runs the D1 test (database link cut for 3 s mid-load, MariaDB) N times in a row and prints each run's recovery:
// how long after the link came back the first successful booking was sent and answered, and the health endpoint's
// recovery. Not part of the test command. Needs the compiled server (pnpm --filter @jianban/server build) and MariaDB.
//   node scripts/reliability/d1-repeat.mjs [--runs 20]
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 0) || 20;
const rows = [];
for (let i = 1; i <= runs; i++) {
  const t0 = Date.now();
  const r = spawnSync('pnpm', ['exec', 'jest', 'test/integration/booking-fault.int-spec.ts', '--selectProjects', 'integration', '-t', 'on mariadb.*D1', '--forceExit'], {
    cwd: join(root, 'server'), env: { ...process.env, FORCE_COLOR: '0' }, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  const line = /\[D1\][^\n]*/.exec(out)?.[0] ?? '';
  const num = (re) => Number(re.exec(line)?.[1] ?? NaN);
  const tests = /Tests:[^\n]*/.exec(out)?.[0] ?? '';
  const row = {
    run: i, pass: r.status === 0 && /\b1 passed/.test(tests) && !/failed/.test(tests),
    sentMs: num(/first successful request sent (\d+) ms/), answeredMs: num(/answered at (\d+) ms/), healthMs: num(/health back after (\d+) ms/),
    s: Math.round((Date.now() - t0) / 1000),
  };
  rows.push(row);
  process.stdout.write(`run ${i}/${runs}: ${row.pass ? 'pass' : 'FAIL'} — first success sent ${row.sentMs} ms, answered ${row.answeredMs} ms, health ${row.healthMs} ms after the link came back (${row.s} s)\n`);
  if (!row.pass) process.stdout.write(out.split('\n').filter((l) => /✕|●|Expected|Received|\[D1\]/.test(l)).slice(0, 20).join('\n') + '\n');
}
const stats = (xs) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? `min ${v[0]}, median ${v[Math.floor((v.length - 1) / 2)]}, max ${v[v.length - 1]} ms` : 'none';
};
process.stdout.write(`\n${rows.filter((r) => r.pass).length}/${runs} passed\n`);
process.stdout.write(`first successful booking sent after the restore: ${stats(rows.map((r) => r.sentMs))}\n`);
process.stdout.write(`first successful booking answered after the restore: ${stats(rows.map((r) => r.answeredMs))}\n`);
process.stdout.write(`health endpoint 200 again after the restore: ${stats(rows.map((r) => r.healthMs))}\n`);
process.exit(rows.every((r) => r.pass) ? 0 : 1);
