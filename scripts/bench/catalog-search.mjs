#!/usr/bin/env node
// Catalog search benchmark (issue 3): GET /api/catalog/search of the BUILT server (SQLite, seeded catalog, realistic
// resident queries) against a bare Fastify hello-world, measured with autocannon in the same run on the same machine.
// Prints req/s, p99 latency and the ratio search/bare. Target: ratio ≥ 0.7 at 50 connections with p99 ≤ 10 ms.
//
//   pnpm --filter @jianban/server build            # or a private copy: JB_SERVER_DIST=/tmp/x-dist
//   node scripts/bench/catalog-search.mjs [--duration 10] [--connections 50] [--check-ms 1000] [--rate-limit 1000000000] [--runs 1]
//
// --runs N measures bare and search N times in turn against the same servers (the machine is shared and noisy) and
// reports the run with the median ratio, plus every run under `runs`.
//
// --check-ms sets CATALOG_INDEX_CHECK_MS (0 = compare the catalog version row on every search).
// The per-IP search limit (B2) stays on; --rate-limit only raises it so the benchmark client is not refused.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverProcess } from '../lib/server-process.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const requireRoot = createRequire(join(root, 'package.json'));
const requireServer = createRequire(join(root, 'server', 'package.json'));
const autocannon = requireRoot('autocannon');
const Fastify = requireServer('fastify');
const DIST = resolve(process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));

const { values: opt } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'check-ms': { type: 'string', default: '1000' },
    'rate-limit': { type: 'string', default: '1000000000' },
    runs: { type: 'string', default: '1' },
  },
});

// what residents type: names, colloquial names, pinyin, initials, sentences, partial words, no-match
const QUERIES = [
  '健在证明', '活着证明', '名字错误证明', '夫妻关系证明', 'jzzm', 'jianzaizhengming', '我爸要领高龄补贴要开什么证明',
  '户籍证明', '无犯罪记录', '死亡证明', '收入证明', '居住证明', '健在', '银行要我开夫妻关系证明怎么办', 'hyzkzm', '护照签证',
];

const { run, startServer } = serverProcess(root, DIST);

async function startBare() {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${app.server.address().port}`, stop: () => app.close() };
}

function measure(title, requests) {
  return new Promise((ok, fail) => {
    autocannon(
      { title, url: requests[0].url, connections: Number(opt.connections), duration: Number(opt.duration), requests: requests.map((r) => ({ method: 'GET', path: r.path })) },
      (err, res) => (err ? fail(err) : ok(res)),
    );
  });
}

const fmt = (r) => ({ reqPerSec: Math.round(r.requests.average), p99ms: r.latency.p99, p50ms: r.latency.p50, non2xx: r.non2xx, errors: r.errors });

async function main() {
  if (!existsSync(join(DIST, 'main.js'))) throw new Error(`no compiled server at ${DIST}: pnpm --filter @jianban/server build (or set JB_SERVER_DIST)`);
  const dir = mkdtempSync(join(tmpdir(), 'jb-bench-catalog-'));
  const env = {
    NODE_ENV: 'development', DB_DRIVER: 'sqlite', DB_SQLITE_PATH: join(dir, 'bench.sqlite'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn',
    CATALOG_SEARCH_RATE_LIMIT: opt['rate-limit'], CATALOG_INDEX_CHECK_MS: opt['check-ms'], NOTIFY_DISPATCH: 'off',
  };
  await run([join(DIST, 'cli', 'seed.js')], env);
  const server = await startServer(env);
  const bare = await startBare();
  try {
    const warm = QUERIES.map((q) => ({ url: server.url, path: `/api/catalog/search?q=${encodeURIComponent(q)}` }));
    for (const w of warm) if ((await fetch(server.url + w.path)).status !== 200) throw new Error(`warm-up ${w.path} failed`);
    const runs = [];
    for (let i = 0; i < Math.max(1, Number(opt.runs)); i++) {
      const bareResult = fmt(await measure('bare fastify hello-world', [{ url: bare.url, path: '/hello' }]));
      const searchResult = fmt(await measure('catalog search', warm));
      runs.push({ bare: bareResult, search: searchResult, ratio: searchResult.reqPerSec / bareResult.reqPerSec });
    }
    const median = [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor((runs.length - 1) / 2)];
    const { bare: bareResult, search: searchResult, ratio } = median;
    const summary = {
      connections: Number(opt.connections), durationS: Number(opt.duration), indexCheckMs: Number(opt['check-ms']),
      bare: bareResult, search: searchResult, ratio: Math.round(ratio * 1000) / 1000,
      target: { ratio: 0.7, p99ms: 10 }, meetsTarget: ratio >= 0.7 && searchResult.p99ms <= 10,
      ...(runs.length > 1 ? { runs: runs.map((r) => ({ bareReqPerSec: r.bare.reqPerSec, searchReqPerSec: r.search.reqPerSec, searchP99ms: r.search.p99ms, ratio: Math.round(r.ratio * 1000) / 1000 })) } : {}),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await bare.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
