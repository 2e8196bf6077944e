import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { buildOpenApi } from './openapi';

// `redocly lint` with the recommended rules (../../../redocly.yaml) over the document GET /api/openapi.json serves.
// Offline: telemetry and the update check are off, and the lint of a local file needs no network.
const repoRoot = resolve(__dirname, '../../..');
const config = join(repoRoot, 'redocly.yaml');
const cliDir = dirname(require.resolve('@redocly/cli/package.json', { paths: [repoRoot] }));
const cli = join(cliDir, (JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.redocly);
const dir = mkdtempSync(join(tmpdir(), 'jb-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}
interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

function lint(doc: unknown, file: string): { exit: number | null; report: LintReport } {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  const r = spawnSync(process.execPath, [cli, 'lint', path, '--config', config, '--format=json', '--max-problems=1000'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  const json = r.stdout.slice(r.stdout.indexOf('{'));
  if (!json.startsWith('{')) throw new Error(`redocly printed no report (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  return { exit: r.status, report: JSON.parse(json) as LintReport };
}

const brief = (p: LintProblem) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`;

it('the config keeps the recommended rules and turns off only info-license', () => {
  const text = readFileSync(config, 'utf8');
  expect(text).toMatch(/^extends:\n  - recommended$/m);
  const off = [...text.matchAll(/^ {2}([\w-]+): off$/gm)].map((m) => m[1]);
  expect(off).toEqual(['info-license']);
});

it('the generated API document passes redocly lint with no error and no warning', () => {
  const { exit, report } = lint(buildOpenApi('0.1.0'), 'openapi.json');
  expect(report.problems.map(brief)).toEqual([]);
  expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  expect(exit).toBe(0);
});

it('negative control: the lint flags an operation without 4xx, a public route without security and a document without servers', () => {
  const doc = buildOpenApi('0.1.0') as { servers?: unknown; paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>> };
  delete doc.servers;
  const me = doc.paths['/api/me'].get;
  for (const status of Object.keys(me.responses)) if (status.startsWith('4')) delete me.responses[status];
  delete doc.paths['/api/health'].get.security;
  const { exit, report } = lint(doc, 'broken.json');
  const found = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
  expect(found).toEqual(
    expect.arrayContaining([
      'operation-4xx-response #/paths/~1api~1me/get/responses',
      'security-defined #/paths/~1api~1health/get',
      expect.stringMatching(/^no-empty-servers /),
    ]),
  );
  expect(report.problems).toHaveLength(3);
  expect(report.totals.errors).toBe(2);
  expect(report.totals.warnings).toBe(1);
  expect(exit).not.toBe(0);
});
