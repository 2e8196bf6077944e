#!/usr/bin/env node
// Search evaluation (issue 13): runs every query of server/test/search-eval/queries.json against GET /api/catalog/search
// of the BUILT server (fresh SQLite database, seeded catalog) and prints top-1 and top-3 accuracy over the queries that
// expect a result, and the false-match rate over the queries that should match nothing (any result = a false match;
// `closest` suggestions of a no-match answer are not results).
//
//   pnpm --filter @jianban/server build            # or a private copy: JB_SERVER_DIST=/tmp/x-dist
//   node scripts/search-eval.mjs [--misses] [--json] [--set queries|heldout|heldout2|heldout3|heldout4|heldout5|heldout6]
//
// --set heldout scores the held-out set (server/test/search-eval/heldout.json), written after the first round without
// looking at the ranking; --set heldout2 the third round's blind set (heldout2.json), written before that round's changes; --set heldout3 the fourth round's (heldout3.json), --set heldout4 the fifth round's (heldout4.json), --set heldout5 the sixth round's (heldout5.json), --set heldout6 the seventh round's (heldout6.json).
//
// A result is a catalog item (its code) or a service (service:<id>). The floor is enforced in the test command by
// server/src/catalog/search/search-eval.spec.ts over the same set.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverProcess } from './lib/server-process.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));
const { values: opt } = parseArgs({ options: { misses: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, set: { type: 'string', default: 'queries' } } });
if (!['queries', 'heldout', 'heldout2', 'heldout3', 'heldout4', 'heldout5', 'heldout6'].includes(opt.set)) throw new Error(`--set must be queries, heldout, heldout2, heldout3, heldout4, heldout5 or heldout6, not ${opt.set}`);
const { queries } = JSON.parse(readFileSync(join(root, 'server', 'test', 'search-eval', `${opt.set}.json`), 'utf8'));

const { run, startServer } = serverProcess(root, DIST);

// a result's id: the item code, or service:<id> for a service result
const idOf = (r) => (r.service ? `service:${r.service.id}` : r.item.code);

export function score(answers) {
  const positives = answers.filter((a) => a.expect.length > 0);
  const negatives = answers.filter((a) => a.expect.length === 0);
  const top1 = positives.filter((a) => a.expect.includes(a.ids[0]));
  const top3 = positives.filter((a) => a.ids.slice(0, 3).some((id) => a.expect.includes(id)));
  const false_ = negatives.filter((a) => a.ids.length > 0);
  const pct = (n, d) => Math.round((1000 * n) / d) / 10;
  return {
    queries: answers.length, expectingResult: positives.length, expectingNothing: negatives.length,
    top1: pct(top1.length, positives.length), top3: pct(top3.length, positives.length), falseMatch: pct(false_.length, negatives.length),
    missesTop1: positives.filter((a) => !a.expect.includes(a.ids[0])).map((a) => ({ q: a.q, kind: a.kind, expect: a.expect.join('|'), got: a.ids.slice(0, 3) })),
    falseMatches: false_.map((a) => ({ q: a.q, got: a.ids.slice(0, 3) })),
  };
}

async function main() {
  if (!existsSync(join(DIST, 'main.js'))) throw new Error(`no compiled server at ${DIST}: pnpm --filter @jianban/server build (or set JB_SERVER_DIST)`);
  const dir = mkdtempSync(join(tmpdir(), 'jb-search-eval-'));
  const env = {
    NODE_ENV: 'development', DB_DRIVER: 'sqlite', DB_SQLITE_PATH: join(dir, 'eval.sqlite'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn',
    CATALOG_SEARCH_RATE_LIMIT: '1000000', NOTIFY_DISPATCH: 'off',
  };
  await run([join(DIST, 'cli', 'seed.js')], env);
  const server = await startServer(env);
  try {
    const answers = [];
    for (const { q, kind, expect } of queries) {
      const res = await fetch(`${server.url}/api/catalog/search?q=${encodeURIComponent(q)}`);
      if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status}`);
      const body = await res.json();
      answers.push({ q, kind, expect, ids: body.results.map(idOf) });
    }
    const s = score(answers);
    if (opt.json) process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    else {
      process.stdout.write(`queries ${s.queries} (expecting a result ${s.expectingResult}, expecting nothing ${s.expectingNothing})\n`);
      process.stdout.write(`top-1 ${s.top1} %   top-3 ${s.top3} %   false matches ${s.falseMatch} %\n`);
      if (opt.misses) {
        for (const m of s.missesTop1) process.stdout.write(`miss  [${m.kind}] ${m.q}  expected ${m.expect}  got ${m.got.join(', ') || '(nothing)'}\n`);
        for (const f of s.falseMatches) process.stdout.write(`false ${f.q}  got ${f.got.join(', ')}\n`);
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
