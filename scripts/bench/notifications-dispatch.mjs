#!/usr/bin/env node
// Dispatch throughput of the notifications outbox against the local WeChat peer, on SQLite and MariaDB, with a
// baseline measured in the same run: the same number of raw subscribeMessage.send calls to the peer (same
// concurrency, no database). Prints messages/s for each and the ratio.
//   node scripts/bench/notifications-dispatch.mjs [--events 3000] [--dist server/dist]
// Runs against a built server (default server/dist; JB_SERVER_DIST or --dist for a private build, e.g.
// `cd server && npx tsc -p tsconfig.build.json --outDir /tmp/a-server-dist`). Bounded: fixed event count, 120 s cap per phase.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWechatPeer, openidForUser } from '../wechat-peer/peer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { events: { type: 'string', default: '3000' }, dist: { type: 'string' } } });
const dist = resolve(values.dist ?? process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));
const serverModules = join(root, 'server', 'node_modules');
// a private build outside server/ finds the server's dependencies through NODE_PATH: re-run with it set
if (!dist.startsWith(join(root, 'server')) && !(process.env.NODE_PATH ?? '').includes(serverModules)) {
  const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, NODE_PATH: serverModules } });
  process.exit(r.status ?? 1);
}
const require = createRequire(join(dist, 'main.js'));
require('reflect-metadata');
const { loadConfig } = require(join(dist, 'config.js'));
const { createApp } = require(join(dist, 'app.factory.js'));
const { NotificationOutbox } = require(join(dist, 'notifications/notification-outbox.js'));
const { NotificationDispatcher } = require(join(dist, 'notifications/notification-dispatcher.js'));
const { DEV_TEMPLATE_IDS } = require(join(dist, 'notifications/notifications.config.js'));
const { PiiCipher } = require(join(dist, 'common/pii-cipher.js'));
const { DataSource } = require(join(serverModules, 'typeorm'));
const mysql = require(join(serverModules, 'mysql2/promise'));

const EVENTS = Number(values.events);
const RESIDENTS = 50;
const CONCURRENCY = 64;
let DEADLINE = Date.now() + 120_000; // per phase
const TEMPLATE = DEV_TEMPLATE_IDS.booking_result;
const data = { serviceName: '高龄津贴办理', personName: '王建国', startsAt: '2026-12-01T01:30:00.000Z', place: '梅村社区服务中心' };

async function baseline(peer) {
  const token = (await (await fetch(`${peer.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: 'wx-dev-appid', secret: 'dev-secret' }), headers: { 'content-type': 'application/json' } })).json()).access_token;
  await fetch(`${peer.url}/__peer/templates`, { method: 'POST', body: JSON.stringify({ id: 'bench-raw', fields: { thing1: 'thing' } }), headers: { 'content-type': 'application/json' } });
  const openid = openidForUser('bench-raw');
  await fetch(`${peer.url}/__peer/credits`, { method: 'POST', body: JSON.stringify({ openid, templateId: 'bench-raw', count: EVENTS }), headers: { 'content-type': 'application/json' } });
  let next = 0;
  let ok = 0;
  DEADLINE = Date.now() + 120_000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < EVENTS && Date.now() < DEADLINE) {
      next++;
      const r = await fetch(`${peer.url}/cgi-bin/message/subscribe/send?access_token=${token}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: openid, template_id: 'bench-raw', data: { thing1: { value: '高龄津贴办理' } } }),
      });
      if ((await r.json()).errcode === 0) ok++;
    }
  }));
  return { ok, perSecond: ok / ((performance.now() - started) / 1000) };
}

async function outboxRun(engine, peer) {
  let drop = async () => undefined;
  let dbEnv;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jb-bench-notify-'));
    dbEnv = { DB_SQLITE_PATH: join(dir, 'bench.sqlite') };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
    const name = `jb_bench_${randomBytes(4).toString('hex')}`;
    const c = await mysql.createConnection({ uri: admin });
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    dbEnv = { DB_URL: `${admin.replace(/^mysql:/, 'mariadb:')}/${name}` };
    drop = async () => {
      const d = await mysql.createConnection({ uri: admin });
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    };
  }
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_FILE: join(root, 'artifacts/logs/bench-notifications.log'), WECHAT_API_BASE: peer.url, ...dbEnv,
    NOTIFY_DISPATCH: 'off', NOTIFY_BATCH_SIZE: '500', NOTIFY_SEND_CONCURRENCY: String(CONCURRENCY), DB_POOL_SIZE: '20',
  });
  const app = await createApp(config, { listen: false });
  try {
    const ds = app.app.get(DataSource);
    const cipher = app.app.get(PiiCipher);
    const outbox = app.app.get(NotificationOutbox);
    const dispatcher = app.app.get(NotificationDispatcher);
    const now = new Date();
    const residents = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const id = randomUUID();
      const openid = openidForUser(`bench-${engine}-${i}`);
      await ds.query(`INSERT INTO resident_account (id, openid_hash, openid_enc, display_name, family_count, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)`,
        [id, cipher.blindIndex('openid', openid), cipher.encrypt(openid), '居民', now.toISOString().replace('T', ' ').replace('Z', ''), now.toISOString().replace('T', ' ').replace('Z', '')]);
      await ds.query(`INSERT INTO notification_credit (account_id, template_id, credits, updated_at) VALUES (?, ?, ?, ?)`, [id, TEMPLATE, EVENTS, '2026-01-01 00:00:00.000']);
      await fetch(`${peer.url}/__peer/credits`, { method: 'POST', body: JSON.stringify({ openid, templateId: TEMPLATE, count: EVENTS }), headers: { 'content-type': 'application/json' } });
      residents.push(id);
    }
    for (let i = 0; i < EVENTS; i++) {
      await outbox.record({ recipient: { kind: 'resident', id: residents[i % RESIDENTS] }, type: 'booking_confirmed', data, idempotencyKey: `bench-${i}` });
    }
    DEADLINE = Date.now() + 120_000;
    const before = peer.state.messages.length;
    const started = performance.now();
    let sent = 0;
    while (sent < EVENTS && Date.now() < DEADLINE) {
      const s = await dispatcher.runOnce();
      sent += s.sent;
      if (!s.claimed) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const delivered = peer.state.messages.length - before;
    return { sent, delivered, perSecond: sent / seconds };
  } finally {
    await app.close();
    await drop();
  }
}

const peer = await startWechatPeer({ quiet: true });
try {
  const engines = ['sqlite'];
  try {
    const c = await mysql.createConnection({ uri: process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306', connectTimeout: 3000 });
    await c.end();
    engines.push('mariadb');
  } catch {
    process.stdout.write('MariaDB not reachable: SQLite only\n');
  }
  const raw = await baseline(peer);
  process.stdout.write(`baseline  raw subscribeMessage.send to the peer (concurrency ${CONCURRENCY}): ${raw.perSecond.toFixed(0)} msg/s (${raw.ok} sent)\n`);
  for (const engine of engines) {
    const r = await outboxRun(engine, peer);
    process.stdout.write(
      `${engine.padEnd(8)}  outbox dispatch (claim + credit + send + settle + attempt): ${r.perSecond.toFixed(0)} msg/s (${r.sent} sent, ${r.delivered} at the peer)` +
        `  ratio to baseline ${(r.perSecond / raw.perSecond).toFixed(2)}\n`,
    );
  }
} finally {
  await peer.close();
}
