// The README's test command after install: builds what the tests need, runs every runner, scans the logs,
// and ends with one plain line "N passed, N failed" summed over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanDir, selfCheck } from './scan-logs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'artifacts');
const results = join(artifacts, 'results');
const logs = join(artifacts, 'logs');
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
mkdirSync(logs, { recursive: true });

const env = { ...process.env, FORCE_COLOR: '0' };
const started = Date.now();
const tally = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

function step(name, cmd, args, { cwd = root, fatal = true, extraEnv = {} } = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  const ok = r.status === 0;
  rows.push([name, ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`, `${((Date.now() - t0) / 1000).toFixed(1)} s`]);
  if (!ok && fatal) finish(`step "${name}" failed`);
  return ok;
}

function check(name, ok, detail) {
  tally[ok ? 'passed' : 'failed'] += 1;
  rows.push([name, ok ? 'passed' : 'FAILED', detail]);
  process.stdout.write(`${ok ? '✓' : '✗'} ${name}: ${detail}\n`);
}

// Each jest project must run at least this many tests (passed + failed; skipped ones do not count): a project whose
// testMatch stops matching, or whose files all fail to load, would otherwise leave the closing line green while a whole
// layer of tests is missing. Minimums well below the counts of December 2026 (shared 417, miniapp 173, server unit 236,
// server integration ~710 with MariaDB / ~355 on SQLite alone, peer 57, e2e 26). A project is told by its file's
// path inside the package.
const MIN_TESTS = {
  shared: { all: { dir: /^src\//, min: 300 } },
  miniapp: { all: { dir: /^test\//, min: 120 } },
  server: { unit: { dir: /^src\//, min: 150 }, integration: { dir: /^test\/integration\//, min: 250 } },
  'peer+e2e': { peer: { dir: /^peer\//, min: 30 }, e2e: { dir: /^e2e\//, min: 12 } },
};

function jest(name, pkgDir, args = []) {
  const out = join(results, `${name}.json`);
  const t0 = Date.now();
  process.stdout.write(`\n▶ jest: ${name}\n`);
  spawnSync('pnpm', ['exec', 'jest', '--ci', '--forceExit', '--json', `--outputFile=${out}`, ...args], { cwd: join(root, pkgDir), env, stdio: 'inherit' });
  if (!existsSync(out)) {
    tally.failed += 1;
    rows.push([`jest ${name}`, 'FAILED (no result file)', '']);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const broken = r.numRuntimeErrorTestSuites ?? 0;
  tally.passed += r.numPassedTests;
  tally.failed += r.numFailedTests + broken;
  tally.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  rows.push([`jest ${name}`, `${r.numPassedTests} passed, ${r.numFailedTests} failed${broken ? `, ${broken} suites broken` : ''}, ${r.numPendingTests} skipped`, `${((Date.now() - t0) / 1000).toFixed(1)} s`]);
  perProject(name, pkgDir, r);
}

// the per-project minimum (MIN_TESTS), printed for every project, failing when a project ran fewer tests
function perProject(name, pkgDir, r) {
  const projects = MIN_TESTS[name];
  const ran = Object.fromEntries(Object.keys(projects).map((p) => [p, 0]));
  const stray = [];
  for (const suite of r.testResults) {
    const rel = relative(join(root, pkgDir), suite.name).split(sep).join('/');
    const project = Object.keys(projects).find((p) => projects[p].dir.test(rel));
    if (!project) {
      stray.push(rel);
      continue;
    }
    ran[project] += suite.assertionResults.filter((a) => a.status === 'passed' || a.status === 'failed').length;
  }
  for (const [project, { min }] of Object.entries(projects)) {
    const label = project === 'all' ? name : `${name}/${project}`;
    check(`jest ${label} ran ≥ ${min} tests`, ran[project] >= min, `${ran[project]} ran (minimum ${min})`);
  }
  // a test file outside every known project would escape its minimum: name it
  if (stray.length) check(`jest ${name}: every test file in a known project`, false, stray.slice(0, 5).join(', '));
}

function finish(reason) {
  process.stdout.write(`\n── summary (${((Date.now() - started) / 1000).toFixed(0)} s) ──\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(40)} ${String(b).padEnd(42)} ${c ?? ''}\n`);
  if (reason) {
    tally.failed += 1;
    process.stdout.write(`\naborted: ${reason}\n`);
  }
  process.stdout.write(`\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}\n`);
  process.exit(tally.failed === 0 ? 0 : 1);
}

// builds the tests depend on
step('build shared', 'pnpm', ['--filter', '@jianban/shared', 'build']);
step('build server', 'pnpm', ['--filter', '@jianban/server', 'build']);
step('typecheck all packages', 'pnpm', ['-r', '--workspace-concurrency=1', 'typecheck']);
step('build H5 (e2e mode)', 'pnpm', ['--filter', '@jianban/miniapp', 'build:h5:e2e']);
step('build weapp', 'pnpm', ['--filter', '@jianban/miniapp', 'build:weapp']);
check('weapp package sizes', step('weapp size report', process.execPath, [join(root, 'scripts', 'weapp-size.mjs')], { fatal: false }), 'main ≤ 640 KB, every package < 2 MB');

// entities vs migrations, on both engines
const sqliteProbe = join(tmpdir(), `jb-drift-${process.pid}.sqlite`);
check('migration drift (sqlite)', step('check-migrations sqlite', 'node', ['server/dist/cli/check-migrations.js'], { fatal: false, extraEnv: { DB_SQLITE_PATH: sqliteProbe, NODE_ENV: 'test' } }), 'entities == migrations');
rmSync(sqliteProbe, { force: true });
const mariaUrl = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const driftDb = `jb_drift_${process.pid}`;
const mysqlAdmin = (sql) => spawnSync(process.execPath, ['-e', `require('mysql2/promise').createConnection({uri:${JSON.stringify(mariaUrl)},connectTimeout:3000}).then(c=>c.query(${JSON.stringify(sql)}).then(()=>c.end())).catch(e=>{console.error(e.message);process.exit(1)})`], { cwd: join(root, 'server'), env, stdio: 'inherit' }).status === 0;
if (mysqlAdmin(`CREATE DATABASE IF NOT EXISTS \`${driftDb}\``)) {
  check('migration drift (mariadb)', step('check-migrations mariadb', 'node', ['server/dist/cli/check-migrations.js'], { fatal: false, extraEnv: { DB_URL: `${mariaUrl.replace(/^mysql:/, 'mariadb:')}/${driftDb}`, NODE_ENV: 'test' } }), 'entities == migrations');
  mysqlAdmin(`DROP DATABASE IF EXISTS \`${driftDb}\``);
} else if (process.env.REQUIRE_MYSQL === '1') {
  check('migration drift (mariadb)', false, 'MariaDB unreachable and REQUIRE_MYSQL=1');
} else {
  // counted in the closing line's skipped number, not just printed
  tally.skipped += 1;
  rows.push(['migration drift (mariadb)', 'SKIPPED', 'MariaDB unreachable']);
  process.stdout.write('\n!!! MariaDB unreachable: the MariaDB drift check is SKIPPED\n');
}

jest('shared', 'shared');
jest('miniapp', 'miniapp');
jest('server', 'server');
jest('peer+e2e', 'test');

const scan = scanDir(logs);
check('log scanner self-check', selfCheck(), 'flags planted ID numbers, phones, bank accounts, session_keys, tokens, openids');
check('log hygiene (G4)', scan.lines > 0 && scan.hits.length === 0, `${scan.files} log files, ${scan.lines} lines, ${scan.hits.length} leaks`);
for (const h of scan.hits.slice(0, 20)) process.stdout.write(`   leak: ${h.rule} in ${h.file}:${h.line}: ${h.excerpt}\n`);
finish();
