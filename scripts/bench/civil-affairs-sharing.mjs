#!/usr/bin/env node
// Lookup throughput of the data-sharing adapter (CivilAffairsRegistry over HTTP) against the local civil-affairs peer:
// one lookupMany of --lookups ID numbers (--found share of them registered) in batches of --batch, --concurrency
// requests in flight, the peer's rate limit off unless --rate-limit is given. Prints requests, people/s and the
// peer's request count (so a per-person design would show at once). Bounded: fixed count, 120 s cap.
//   node scripts/bench/civil-affairs-sharing.mjs [--lookups 20000] [--batch 100] [--concurrency 2] [--rate-limit 0] [--dist server/dist]
// Runs against a built server (default server/dist; JB_SERVER_DIST or --dist for a private build).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCivilAffairsPeer } from '../civil-affairs-peer/peer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    lookups: { type: 'string', default: '20000' },
    found: { type: 'string', default: '0.9' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '2' },
    'rate-limit': { type: 'string', default: '0' },
    dist: { type: 'string' },
  },
});
const dist = resolve(values.dist ?? process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));
const require = createRequire(join(dist, 'main.js'));
const { HttpRegistryAdapter } = require(join(dist, 'civil-affairs', 'http-registry.adapter.js'));
const pino = require('pino');

const lookups = Number(values.lookups);
const batch = Number(values.batch);
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const withCheck = (f) => f + '10X98765432'[[...f].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
// distinct by construction: day, month, year and sequence are the digits of i in a mixed radix (28 × 12 × 20 × 1000)
const ids = Array.from({ length: lookups }, (_, i) => {
  const pad = (n, w) => String(n).padStart(w, '0');
  const birth = `19${pad(26 + (Math.floor(i / 336) % 20), 2)}${pad(1 + (Math.floor(i / 28) % 12), 2)}${pad(1 + (i % 28), 2)}`;
  return withCheck(`421003${birth}${pad(Math.floor(i / 6720) % 1000, 3)}`);
});
const unique = [...new Set(ids)];
const registered = unique.slice(0, Math.round(unique.length * Number(values.found)));
const people = registered.map((idNumber, i) => ({
  idNumber, name: `测试${i}`, sex: Number(idNumber[16]) % 2 ? 'male' : 'female',
  birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
  hukouRegionCode: '421003003003', householdNo: `H${Math.floor(i / 3)}`,
}));

const peer = await startCivilAffairsPeer({ quiet: true, people, batchLimit: batch, rateLimitPerSecond: Number(values['rate-limit']) });
const adapter = new HttpRegistryAdapter(
  { baseUrl: peer.url, appKey: 'jianban-dev', appSecret: 'jianban-dev-sharing-secret', timeoutMs: 5000, batchSize: batch, budgetMs: 120_000, concurrency: Number(values.concurrency) },
  pino({ level: 'warn' }),
);
const cap = setTimeout(() => { process.stderr.write('bench: 120 s cap reached\n'); process.exit(1); }, 120_000);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const answers = await adapter.lookupMany(unique);
const ms = performance.now() - started;
clearTimeout(cap);
const kinds = {};
for (const a of answers.values()) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
const requests = peer.state.received.filter((r) => r.endpoint === 'persons_batch').length;
process.stdout.write(
  `data-sharing lookups: ${unique.length} ID numbers in ${requests} requests (batch ${batch}, concurrency ${values.concurrency}) ` +
  `in ${Math.round(ms)} ms = ${Math.round(unique.length / (ms / 1000))} people/s; ${JSON.stringify(kinds)}; ` +
  `RSS +${Math.round((process.memoryUsage().rss - rssBefore) / 1e6)} MB\n`,
);
await peer.close();
