#!/usr/bin/env node
// Which failover recovers faster on a 3-node Galera cluster (issue 16): HAProxy in front of the nodes, or the server's
// own pool with a host list (DB_FAILOVER_HOSTS)? Both clients run at the same moment against the same cluster, so both
// live through the same node failure and the same pause of the survivors while Galera evicts the dead member:
//   A. the server's pool (boundedMysqlDriver from the compiled server) on HAProxy's port; HAProxy (Debian's package)
//      sends everything to node 1 and fails over to nodes 2 and 3 (backup servers), with a MySQL health check every
//      CHECK_MS, FALL failed checks marking a node down and cutting its sessions (on-marked-down shutdown-sessions);
//   B. the same pool pointed at node 1 with nodes 2 and 3 as failover hosts and its own health check (SELECT 1 every
//      CHECK_MS, FALL silent checks move it), as the server runs with DB_FAILOVER_HOSTS — the same intervals.
// Each client runs WORKERS loops of single-row INSERTs (autocommit, a write certified by the cluster), each loop
// sending the next as soon as one is answered, and resending after 50 ms on an error. Node 1 is then either killed
// (SIGKILL: its port refuses) or paused (SIGSTOP: a hung host, its sockets accept and nothing answers). Per client and
// run: writes/s and p50 before, and after the failure: when the first write was answered (ms after the failure), the
// longest time without any answered write, and the errors on the way. (When a write that succeeded was sent says
// little: writes sent to a survivor wait there until Galera has evicted the dead member, or until their 5 s limit.)
// The median over the runs is printed per scenario.
//
//   pnpm --filter @jianban/server build
//   node scripts/bench/galera-failover.mjs [--runs 3] [--workers 4]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startGaleraCluster } from '../galera/cluster.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist');
const require = createRequire(join(DIST, 'main.js'));
const { boundedMysqlDriver } = require(join(DIST, 'database', 'mysql-pool.js'));

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, workers: { type: 'string', default: '4' } } });
const RUNS = Number(values.runs);
const WORKERS = Number(values.workers);
const CHECK_MS = 1000; // the server's DB_FAILOVER_CHECK_MS default, and HAProxy's `inter`
const FALL = 2; // silent checks before a node is left (the server's default; HAProxy's `fall`)
const BEFORE_MS = 3000;
const AFTER_MS = 15_000;
const DB = 'jb_failover';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function startHaproxy(nodes) {
  const dir = mkdtempSync(join(tmpdir(), 'jb-haproxy-'));
  const port = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, [
    'global',
    '  maxconn 4000',
    'defaults',
    '  mode tcp',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    `  timeout check ${CHECK_MS}ms`,
    'listen galera',
    `  bind 127.0.0.1:${port}`,
    '  option mysql-check user haproxy_check post-41',
    `  default-server inter ${CHECK_MS}ms fall ${FALL} rise 2 on-marked-down shutdown-sessions`,
    ...nodes.map((n, i) => `  server n${i + 1} 127.0.0.1:${n.port} check${i ? ' backup' : ''}`),
    '',
  ].join('\n'));
  const child = spawn('haproxy', ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
  await sleep(500);
  if (child.exitCode !== null) throw new Error(`haproxy exited: ${err}`);
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function client(label, host, port, failoverHosts) {
  const driver = boundedMysqlDriver({
    sessionSql: [], acquireTimeoutMs: 2000, failoverHosts, healthCheck: failoverHosts ? { checkMs: CHECK_MS, failures: FALL } : undefined,
  });
  const pool = driver.createPool({ host, port, user: 'root', database: DB, connectionLimit: WORKERS, connectTimeout: 2000 });
  const writes = [];
  let stop = false;
  const loops = Array.from({ length: WORKERS }, async () => {
    while (!stop) {
      const sent = performance.now();
      // as the server's data source uses it: a connection per statement, destroyed after an error (never reused)
      const ok = await new Promise((r) =>
        pool.getConnection((err, conn) => {
          if (err) return r(false);
          conn.query({ sql: 'INSERT INTO w (id, via) VALUES (?, ?)', values: [randomUUID(), label], timeout: 5000 }, (e) => {
            if (e) conn.destroy();
            else conn.release();
            r(!e);
          });
        }),
      );
      writes.push({ sent, done: performance.now(), ok });
      if (!ok) await sleep(50);
    }
  });
  return {
    writes,
    stop: async () => {
      stop = true;
      await Promise.all(loops);
      await new Promise((r) => pool.end(() => r()));
    },
  };
}

function summarise(writes, t0, failAt) {
  const before = writes.filter((w) => w.ok && w.done < failAt && w.sent >= t0);
  const lat = before.map((w) => w.done - w.sent).sort((a, b) => a - b);
  const firstOk = writes.filter((w) => w.ok && w.sent >= failAt).sort((a, b) => a.done - b.done)[0];
  const answered = writes.filter((w) => w.ok && w.done >= failAt).map((w) => w.done).sort((a, b) => a - b);
  let gap = 0;
  let last = failAt;
  for (const d of answered) {
    gap = Math.max(gap, d - last);
    last = d;
  }
  return {
    perSecond: before.length / ((failAt - t0) / 1000),
    p50: lat[Math.floor(lat.length / 2)] ?? NaN,
    firstAnswered: firstOk ? firstOk.done - failAt : NaN,
    gap,
    errors: writes.filter((w) => !w.ok && w.done >= failAt).length,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(0) : '—');

const cluster = await startGaleraCluster({ nodes: 3 });
let haproxy;
try {
  const mysql = require('mysql2/promise');
  const admin = await mysql.createConnection({ uri: cluster.nodes[0].url });
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.query(`CREATE TABLE ${DB}.w (id VARCHAR(36) PRIMARY KEY, via VARCHAR(16) NOT NULL, at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB`);
  await admin.query(`CREATE USER IF NOT EXISTS 'haproxy_check'@'%'`);
  await admin.end();
  haproxy = await startHaproxy(cluster.nodes);
  const nodeHosts = cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port }));
  const results = { kill: { haproxy: [], hostList: [] }, pause: { haproxy: [], hostList: [] } };
  for (let run = 0; run < RUNS; run++) {
    for (const scenario of ['kill', 'pause']) {
      await sleep(3000); // HAProxy has seen node 1 up again (rise 2) after the last scenario
      const t0 = performance.now();
      const a = client('haproxy', '127.0.0.1', haproxy.port);
      const b = client('host-list', nodeHosts[0].host, nodeHosts[0].port, nodeHosts.slice(1));
      await sleep(BEFORE_MS);
      const failAt = performance.now();
      if (scenario === 'kill') await cluster.kill(0);
      else await cluster.pause(0);
      await sleep(AFTER_MS);
      await Promise.all([a.stop(), b.stop()]);
      const ra = summarise(a.writes, t0, failAt);
      const rb = summarise(b.writes, t0, failAt);
      results[scenario].haproxy.push(ra);
      results[scenario].hostList.push(rb);
      for (const [name, r] of [['HAProxy', ra], ['host list', rb]]) {
        console.log(`run ${run} ${scenario} ${name.padEnd(9)}: before ${r.perSecond.toFixed(0)} writes/s p50 ${r.p50.toFixed(1)} ms; first write answered ${fmt(r.firstAnswered)} ms after the failure; longest gap ${fmt(r.gap)} ms; ${r.errors} errors`);
      }
      if (scenario === 'kill') await cluster.restart(0);
      else await cluster.resume(0);
    }
  }
  console.log(`\nmedians over ${RUNS} runs (${WORKERS} writers each, checks every ${CHECK_MS} ms, ${FALL} to fail):`);
  for (const scenario of ['kill', 'pause']) {
    for (const [name, rs] of [['HAProxy', results[scenario].haproxy], ['host list', results[scenario].hostList]]) {
      const m = (k) => fmt(median(rs.map((r) => r[k])));
      console.log(`  ${scenario.padEnd(5)} ${name.padEnd(9)}: before ${m('perSecond')} writes/s, p50 ${median(rs.map((r) => r.p50)).toFixed(1)} ms; first write answered ${m('firstAnswered')} ms after the failure; longest gap ${m('gap')} ms; errors ${m('errors')}`);
    }
  }
} finally {
  await haproxy?.stop();
  await cluster.stop();
}
