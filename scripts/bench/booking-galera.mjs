#!/usr/bin/env node
// The contended-booking benchmark (booking-contended.mjs) on a 3-node Galera cluster against the same on one node, in
// the same run (issue 16). Three measurements, one after the other, each with its own fresh database:
//   1. the machine's standalone MariaDB (TEST_MARIADB_URL, default :3306)                  — reference
//   2. the cluster, both server processes on ONE node (writes replicate, no cross-node conflicts)
//   3. the cluster, the two server processes on TWO different nodes (multi-primary: certification conflicts)
// Prints each run's bookings/s, p99 and ratio to bare, certification conflicts per booking, and the ratios 3 / 2 and 3 / 1.
//
//   pnpm --filter @jianban/server build
//   node scripts/bench/booking-galera.mjs [--duration 3] [--runs 3] [--clients 16]
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startGaleraCluster } from '../galera/cluster.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    runs: { type: 'string', default: '3' },
    clients: { type: 'string', default: '16' },
  },
});
const passArgs = ['--duration', values.duration, '--runs', values.runs, '--clients', values.clients];

function bench(label, env) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(here, 'booking-contended.mjs'), ...passArgs], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      process.stdout.write(`\n=== ${label}\n${out}`);
      if (code !== 0) return fail(new Error(`${label}: the benchmark exited with ${code}`));
      const api = Number(/API \(Nest \+ TypeORM, 2 processes\):\s+median (\d+)/.exec(out)?.[1]);
      const p99 = /API \(Nest[^\n]*\n\s+[^\n]*p99 ([\d.]+) ms/.exec(out)?.[1];
      ok({ api, p99 });
    });
  });
}

const cluster = await startGaleraCluster({ nodes: 3 });
try {
  const single = await bench('standalone MariaDB (reference)', { BENCH_NODE_URLS: '' });
  const oneNode = await bench('Galera, both server processes on one node', { BENCH_NODE_URLS: cluster.nodes[0].url });
  const twoNodes = await bench('Galera, server processes on two nodes (multi-primary)', { BENCH_NODE_URLS: cluster.nodes.slice(0, 2).map((n) => n.url).join(',') });
  process.stdout.write([
    '',
    `bookings/s (median): standalone ${single.api}, Galera one node ${oneNode.api}, Galera two nodes ${twoNodes.api}`,
    `ratio Galera two nodes / Galera one node = ${(twoNodes.api / oneNode.api).toFixed(2)}`,
    `ratio Galera two nodes / standalone      = ${(twoNodes.api / single.api).toFixed(2)}`,
    '',
  ].join('\n'));
} finally {
  await cluster.stop();
}
