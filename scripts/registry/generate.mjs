#!/usr/bin/env node
// Writes a synthetic civil-affairs registry as the files public security and health hand over (roster, deaths,
// move-outs), in the import's CSV or XLSX format, for demos, tests and benchmarks. Entirely made up; seeded (the same
// options write the same files).
//   node scripts/registry/generate.mjs --out data/registry [--people 5000] [--seed 1] [--format csv|xlsx]
//        [--share80 0.03 --share90 0.004 --share100 0.0002] [--today 2026-12-01] [--dist server/dist]
// then: pnpm --filter @jianban/server registry:import --kind roster data/registry/roster.csv (deaths, moveouts likewise)
// Runs against a built server (`pnpm build:server`; JB_SERVER_DIST or --dist for a private build).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'data', 'registry') }, people: { type: 'string', default: '5000' }, seed: { type: 'string', default: '1' },
    format: { type: 'string', default: 'csv' }, share80: { type: 'string' }, share90: { type: 'string' }, share100: { type: 'string' },
    today: { type: 'string' }, dist: { type: 'string' },
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
const { shanghaiDate } = require('@jianban/shared');

if (!['csv', 'xlsx'].includes(values.format)) throw new Error('--format csv or xlsx');
const num = (v) => (v === undefined ? undefined : Number(v));
const opts = {
  seed: Number(values.seed), people: Number(values.people), today: values.today ?? shanghaiDate(new Date()),
  share80: num(values.share80), share90: num(values.share90), share100: num(values.share100),
};
const started = performance.now();
const files = await writeRegistryFiles(resolve(values.out), values.format, opts);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`wrote ${files.counts.roster} people (${files.counts.deaths} deaths, ${files.counts.moveouts} move-outs) in ${seconds} s:\n  ${files.roster}\n  ${files.deaths}\n  ${files.moveouts}\n`);
