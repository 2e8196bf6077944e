// Dependency audit of the production dependencies: `pnpm audit --prod --json`, checked against audit-allowlist.json.
// Not part of the test command: advisories are published without any change of ours, so the result can change
// from one day to the next. Run it before a release and when a dependency changes: `node scripts/audit.mjs`.
//
// Exit codes: 0 no high or critical advisory outside the allowlist; 1 at least one high or critical advisory is not
// in the allowlist (or the allowlist itself is malformed); 2 the audit could not run (registry audit endpoint
// unreachable or refusing, a report pnpm did not produce or that cannot be read): nothing was checked, so never 0.
// `--report FILE` reads a saved `pnpm audit --json` report instead of asking the registry (to re-check one offline).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const allowlistPath = join(root, 'audit-allowlist.json');
const BLOCKING = new Set(['high', 'critical']);
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];

function cannotRun(reason) {
  process.stdout.write(`\nAUDIT DID NOT RUN: ${reason}\nNothing was checked; this is not a pass.\n`);
  process.exit(2);
}

function loadAllowlist() {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(allowlistPath, 'utf8'));
  } catch (err) {
    process.stdout.write(`audit-allowlist.json cannot be read: ${err.message}\n`);
    process.exit(1);
  }
  const entries = parsed.advisories;
  const bad = !Array.isArray(entries)
    ? ['"advisories" must be a list']
    : entries.flatMap((e, i) =>
        ['id', 'package', 'severity', 'reason', 'reviewed'].filter((k) => typeof e?.[k] !== 'string' || e[k].trim() === '').map((k) => `entry ${i} (${e?.id ?? '?'}): "${k}" missing or empty`),
      );
  if (bad.length) {
    process.stdout.write(`audit-allowlist.json is malformed (every accepted advisory needs id, package, severity, reason, reviewed):\n  ${bad.join('\n  ')}\n`);
    process.exit(1);
  }
  return new Map(entries.map((e) => [e.id, e]));
}

function runPnpmAudit() {
  const r = spawnSync('pnpm', ['audit', '--prod', '--json'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.error) cannotRun(`could not start pnpm: ${r.error.message}`);
  // pnpm exits non-zero both when it finds advisories and when the registry fails: the report decides, not the exit code
  const text = r.stdout.trim();
  if (!text) {
    const said = [r.stderr.trim(), r.stdout.trim()].filter(Boolean).join('\n') || '(nothing)';
    const endpoint = /AUDIT_BAD_RESPONSE|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|audit endpoint/i.test(said);
    cannotRun(`${endpoint ? "the registry's audit endpoint is unreachable or refuses audit requests" : 'pnpm audit failed'} (pnpm exit ${r.status}). pnpm said:\n${said}`);
  }
  return { text, source: 'pnpm audit --prod --json', stderr: r.stderr.trim() };
}

function parseReport({ text, source, stderr }) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    cannotRun(`${source} did not print JSON:\n${text.slice(0, 2000)}${stderr ? `\n${stderr}` : ''}`);
  }
  if (report?.error) cannotRun(`${source} reported an error: ${JSON.stringify(report.error).slice(0, 2000)}`);
  if (!report || typeof report.advisories !== 'object' || report.advisories === null) {
    cannotRun(`${source}: unrecognised report shape (no "advisories" object; keys: ${Object.keys(report ?? {}).join(', ') || 'none'})`);
  }
  return Object.values(report.advisories).map((a) => ({
    // the GitHub advisory id is stable across registries; the numeric id is the fallback
    id: a.github_advisory_id ?? String(a.id),
    package: a.module_name,
    severity: a.severity,
    title: a.title,
    url: a.url,
    vulnerable: a.vulnerable_versions,
    patched: a.patched_versions,
    paths: (a.findings ?? []).flatMap((f) => f.paths ?? []),
  }));
}

const reportArg = process.argv.indexOf('--report');
const allow = loadAllowlist();
const raw =
  reportArg > 0 ? { text: readFileSync(resolve(process.argv[reportArg + 1]), 'utf8'), source: process.argv[reportArg + 1], stderr: '' } : runPnpmAudit();
const advisories = parseReport(raw);

const counts = Object.fromEntries(SEVERITIES.map((s) => [s, advisories.filter((a) => a.severity === s).length]));
process.stdout.write(`dependency audit (${raw.source}): ${advisories.length} advisories — ${SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')}\n`);
const unexplained = [];
for (const a of advisories.sort((x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity))) {
  const accepted = allow.get(a.id);
  const mark = accepted ? 'accepted' : BLOCKING.has(a.severity) ? 'NOT EXPLAINED' : 'noted';
  process.stdout.write(`  [${mark}] ${a.severity} ${a.id} ${a.package} ${a.vulnerable} (fixed in ${a.patched}): ${a.title}\n`);
  for (const p of a.paths.slice(0, 3)) process.stdout.write(`      via ${p}\n`);
  if (accepted) process.stdout.write(`      why it does not apply: ${accepted.reason} (reviewed ${accepted.reviewed})\n`);
  else if (BLOCKING.has(a.severity)) unexplained.push(a);
}
const current = new Set(advisories.map((a) => a.id));
for (const id of allow.keys()) if (!current.has(id)) process.stdout.write(`  note: allowlist entry ${id} no longer appears in the audit; remove it\n`);

if (unexplained.length) {
  process.stdout.write(`\n${unexplained.length} high or critical advisories are not in audit-allowlist.json: upgrade, or add each with the reason it does not apply.\n`);
  process.exit(1);
}
process.stdout.write('\nno high or critical advisory is left unexplained\n');
