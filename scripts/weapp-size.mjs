#!/usr/bin/env node
// Reports the size of the built WeChat mini-program (miniapp/dist/weapp): the main package and each subpackage,
// against WeChat's 2 MB per-package limit and the project's own 640 KB main-package budget (issue 11: the allowance
// pages live in subpackages, so the main package stays where it was).
// Exit code 1 when the main package is over 640 KB or any package is >= 2 MB (2 when there is no build).
// Usage: node scripts/weapp-size.mjs [--json] [--dir miniapp/dist/weapp]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const KB = 1024;
const MB = 1024 * KB;
export const PACKAGE_LIMIT = 2 * MB; // WeChat: each package (main or sub) at most 2 MB
export const MAIN_TARGET = 640 * KB; // ours: the main package at most 640 KB

// files in the build folder that are not uploaded as code
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json']);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else out.push({ path: p, size: st.size });
  }
  return out;
}

export function measure(dir) {
  const appJson = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
  const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => ({
    name: s.name ?? s.root,
    root: s.root.replace(/^\/+|\/+$/g, ''),
    bytes: 0,
    files: 0,
  }));
  const main = { name: 'main', root: '', bytes: 0, files: 0 };
  for (const f of walk(dir)) {
    const rel = relative(dir, f.path).split(sep).join('/');
    if (NOT_PACKAGED.has(rel)) continue;
    const owner = subs.find((s) => rel === s.root || rel.startsWith(`${s.root}/`)) ?? main;
    owner.bytes += f.size;
    owner.files += 1;
  }
  const packages = [main, ...subs].map((p) => {
    const limit = p === main ? MAIN_TARGET : PACKAGE_LIMIT;
    const problems = [];
    if (p.bytes >= PACKAGE_LIMIT) problems.push('>= 2 MB WeChat limit');
    if (p === main && p.bytes > MAIN_TARGET) problems.push('> 640 KB main-package budget');
    return {
      name: p.name,
      root: p.root || '/',
      files: p.files,
      bytes: p.bytes,
      kb: Math.round((p.bytes / KB) * 10) / 10,
      limitBytes: limit,
      percentOfLimit: Math.round((p.bytes / limit) * 1000) / 10,
      ok: problems.length === 0,
      problems,
    };
  });
  const totalBytes = packages.reduce((a, p) => a + p.bytes, 0);
  return { dir, packages, totalBytes, totalKb: Math.round((totalBytes / KB) * 10) / 10, ok: packages.every((p) => p.ok) };
}

function table(report) {
  const rows = [['package', 'root', 'files', 'bytes', 'KB', 'limit', '% of limit', 'status']];
  for (const p of report.packages) {
    rows.push([p.name, p.root, String(p.files), String(p.bytes), p.kb.toFixed(1), p.limitBytes === MAIN_TARGET ? '640 KB' : '2 MB', `${p.percentOfLimit}%`, p.ok ? 'ok' : `FAIL (${p.problems.join('; ')})`]);
  }
  rows.push(['total', '', '', String(report.totalBytes), report.totalKb.toFixed(1), '', '', '']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

function main(argv) {
  const json = argv.includes('--json');
  const dirArg = argv.indexOf('--dir');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = dirArg >= 0 ? resolve(argv[dirArg + 1]) : join(root, 'miniapp', 'dist', 'weapp');
  if (!existsSync(join(dir, 'app.json'))) {
    const msg = `no weapp build at ${dir} (run: pnpm --filter @jianban/miniapp build:weapp)`;
    if (json) console.log(JSON.stringify({ dir, ok: false, error: msg }));
    else console.error(msg);
    return 2;
  }
  const report = measure(dir);
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(table(report));
    console.log(report.ok ? 'weapp size: ok' : 'weapp size: FAIL');
  }
  return report.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
