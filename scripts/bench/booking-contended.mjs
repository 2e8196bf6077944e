#!/usr/bin/env node
// Contended-booking benchmark (issue 5, reliability row C5): the booking API served by TWO server processes on MariaDB,
// against a bare Fastify + mysql2 endpoint (two processes too) doing the same conditional UPDATE + INSERT (+ the outbox
// row) on the same schema, measured in the same run on the same machine. Prints bookings/s of both, the ratio, and the
// overbooked count (checked after the run from the database: must be 0).
//
//   pnpm --filter @jianban/server build            # or a private copy: JB_SERVER_DIST=/tmp/x-dist
//   node scripts/bench/booking-contended.mjs [--duration 3] [--runs 1] [--clients 64] [--residents 400] [--services 50] [--slots 4]
//     [--server-node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"]   (extra node flags for the two API server processes)
//     [--ledger-recipients 200000]
//
// --ledger-recipients N (issue 12, "the entitlement run beside the booking load"): after the measured runs, N synthetic
// allowance recipients are written straight into the database, then one more API run (the baseline, --duration) and
// an API run that lasts exactly as long as the month's entitlement run, started by the district admin through the API
// and worked by the two server processes that serve the bookings. Prints both runs' p99 and their ratio (aim ≤ 2×),
// and the run's time. Use --residents 1000 or more so the booking work list lasts.
//
// C5 proper is `--duration 8 --runs 5`. Needs MariaDB at TEST_MARIADB_URL (default mysql://root@127.0.0.1:3306);
// a fresh database jb_bench_<random> is created and dropped.
import { fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const mysql = requireServer('mysql2/promise');
// BENCH_NODE_URLS: the admin URLs of a multi-primary cluster's nodes (comma-separated; see booking-galera.mjs) —
// the database is created through the first, server process i and bare worker i use node i mod n
const NODE_URLS = (process.env.BENCH_NODE_URLS ?? '').split(',').filter(Boolean);
const ADMIN_URL = NODE_URLS[0] ?? process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const nodeOf = (i) => NODE_URLS.length ? NODE_URLS[i % NODE_URLS.length] : ADMIN_URL;
const DIST = resolve(process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));
const STAFF_PASSWORD = 'bench-staff-pw-1';
const COMMUNITY = '421003003003'; // 梅村社区 (seeded staff: meicun)

// ---------------------------------------------------------------------------------------------------------------
// bare worker: `node booking-contended.mjs --bare-worker <db url>` (forked twice by the main process)
// ---------------------------------------------------------------------------------------------------------------
async function bareWorker(dbUrl) {
  const Fastify = requireServer('fastify');
  const pool = mysql.createPool({ uri: dbUrl, connectionLimit: 10, timezone: 'Z' });
  const app = Fastify({ logger: false });
  // the same write pattern as the booking service: the seat is taken by a conditional UPDATE, the booking row and the
  // outbox row commit in the same transaction
  app.post('/book', async (req, reply) => {
    const b = req.body;
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      const [upd] = await conn.query('UPDATE booking_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity', [b.slotId]);
      if (upd.affectedRows !== 1) {
        await conn.rollback();
        return reply.code(409).send({ code: 'SLOT_FULL' });
      }
      const now = new Date();
      const id = randomUUID();
      const [[slot]] = await conn.query('SELECT date, start_time, starts_at, ends_at FROM booking_slot WHERE id = ?', [b.slotId]);
      await conn.query(
        `INSERT INTO booking (id, account_id, community_code, service_item_id, slot_id, date, start_time, starts_at, ends_at,
           person_name, family_member_id, person_key, active_key, channel, status, pass_code, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 'online', 'pending', ?, ?, ?)`,
        [id, b.accountId, COMMUNITY, b.serviceItemId, b.slotId, slot.date, slot.start_time, slot.starts_at, slot.ends_at,
          '测试', `self:${b.accountId}`, `self:${b.accountId}|${b.serviceItemId}`, randomBytes(6).toString('hex').toUpperCase(), now, now],
      );
      if (b.outbox) {
        await conn.query(
          `INSERT INTO notification_event (id, idempotency_key, recipient_kind, recipient_id, type, data_json, link_kind, link_id,
             push_state, attempts, next_attempt_at, created_at) VALUES (?, ?, 'resident', ?, 'booking_created', ?, 'booking', ?, 'pending', 0, ?, ?)`,
          [randomUUID(), `booking:${id}:created`, b.accountId, JSON.stringify({ bookingId: id }), id, now, now],
        );
      }
      await conn.commit();
      return reply.code(201).send({ id, status: 'pending' });
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      return reply.code(err.errno === 1062 ? 409 : 503).send({ code: 'ERROR' });
    } finally {
      conn.release();
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send({ url: `http://127.0.0.1:${app.server.address().port}` });
}


// ---------------------------------------------------------------------------------------------------------------
// the main process
// ---------------------------------------------------------------------------------------------------------------
function opts() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: process.env.BENCH_DURATION_S ?? '3' },
      runs: { type: 'string', default: process.env.BENCH_RUNS ?? '1' },
      clients: { type: 'string', default: process.env.BENCH_CLIENTS ?? '16' },
      residents: { type: 'string', default: '400' },
      services: { type: 'string', default: '50' },
      slots: { type: 'string', default: '4' },
      'keep-db': { type: 'boolean', default: false },
      'ledger-recipients': { type: 'string', default: '0' },
      'server-node-args': { type: 'string', default: process.env.BENCH_SERVER_NODE_ARGS ?? '' },
    },
  });
  return {
    durationMs: Number(values.duration) * 1000, runs: Number(values.runs), clients: Number(values.clients),
    residents: Number(values.residents), services: Number(values.services), slots: Number(values.slots), keepDb: values['keep-db'],
    ledgerRecipients: Number(values['ledger-recipients']),
    serverNodeArgs: values['server-node-args'].split(/\s+/).filter(Boolean),
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
const freshAgent = new Agent({ keepAlive: false });
// a keep-alive socket the server closed as idle fails the next request before the server read it: resend that once
async function http(url, method, path, body, headers = {}) {
  try {
    return await httpOnce(url, method, path, body, headers);
  } catch (err) {
    if (err.staleSocket) return httpOnce(url, method, path, body, headers, freshAgent);
    throw err;
  }
}

function httpOnce(url, method, path, body, headers, via = agent) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const h = { ...headers };
  if (payload !== undefined) Object.assign(h, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  return new Promise((ok, fail) => {
    const req = request(url + path, { method, headers: h, agent: via, timeout: 20000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed;
        try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
        ok({ status: res.statusCode, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      if (req.reusedSocket && (err.code === 'ECONNRESET' || err.message === 'socket hang up')) err.staleSocket = true;
      fail(err);
    });
    req.end(payload);
  });
}

function run(args, env) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, NODE_PATH: join(root, 'server', 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited ${code}\n${out}`))));
  });
}

function startServer(env, nodeArgs = []) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...nodeArgs, join(DIST, 'main.js')], {
      env: { PATH: process.env.PATH, NODE_PATH: join(root, 'server', 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // BENCH_READY_TIMEOUT_MS (default 120 s): a loaded machine (load average 25+) may need longer than 30 s to start a server
    const timer = setTimeout(() => fail(new Error(`server not ready:\n${out}`)), Number(process.env.BENCH_READY_TIMEOUT_MS ?? 120000));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /jianban server ready on (\S+)/.exec(out);
      if (m) { clearTimeout(timer); ok({ child, url: m[1] }); }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}:\n${out}`)); });
  });
}

// `clients` closed loops for `ms`; next() hands out the next request (or null when the work list is exhausted)
// (`stop`, when given, ends the loops early once it returns true)
async function load(clients, ms, next, stop = () => false) {
  const counts = {};
  const lat = [];
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until && !stop()) {
      const job = next();
      if (!job) return;
      const t = performance.now();
      let status = 0;
      try { status = (await job()).status; } catch { status = 0; }
      lat.push(performance.now() - t);
      counts[status] = (counts[status] ?? 0) + 1;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { counts, elapsed, perSec: (counts[201] ?? 0) / elapsed, p50: lat[Math.floor(lat.length * 0.5)] ?? NaN, p99: lat[Math.floor(lat.length * 0.99)] ?? NaN };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const o = opts();
  if (!existsSync(join(DIST, 'main.js'))) throw new Error(`no compiled server at ${DIST}: pnpm --filter @jianban/server build (or set JB_SERVER_DIST)`);
  const dbName = `jb_bench_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: ADMIN_URL });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dbUrl = `${ADMIN_URL}/${dbName}`;
  const cleanups = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const { startWechatPeer } = await import('../wechat-peer/peer.mjs');
    const peer = await startWechatPeer({ port: 0, quiet: true, rateLimitPerMinute: 1_000_000 });
    cleanups.push(() => peer.close());
    if (!o.keepDb) cleanups.push(async () => {
      const c = await mysql.createConnection({ uri: ADMIN_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await c.end();
    });
    const env = {
      NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', WECHAT_API_BASE: peer.url, LOG_LEVEL: 'warn',
      DB_URL: dbUrl.replace(/^mysql:/, 'mariadb:'), LOGIN_RATE_LIMIT: '1000000', STAFF_LOGIN_RATE_LIMIT: '1000000',
      BOOKING_ACTIVE_LIMIT: '1000', BOOKING_CREATE_RATE_LIMIT: '1000000', BOOKING_JOB_POLL_SECONDS: '0',
      HANDLER_TIMEOUT_MS: process.env.BENCH_HANDLER_TIMEOUT_MS ?? '2000',
    };
    await run([join(DIST, 'cli', 'seed.js')], { ...env, SEED_DEMO: 'true', SEED_STAFF_PASSWORD: STAFF_PASSWORD });
    const logDir = join(root, 'artifacts', 'logs');
    mkdirSync(logDir, { recursive: true });
    const servers = [];
    for (let i = 0; i < 2; i++) {
      const nodeDb = `${nodeOf(i)}/${dbName}`.replace(/^mysql:/, 'mariadb:');
      // on a cluster the server runs as deployed there: causal reads (DB_WSREP_SYNC_WAIT, BENCH_WSREP_SYNC_WAIT= to leave it off),
      // lock conflicts retried for up to 10 s and a slot's bookings taking turns in each instance (README, scale-out)
      const causal = NODE_URLS.length && (process.env.BENCH_WSREP_SYNC_WAIT ?? '1') !== '' ? { DB_WSREP_SYNC_WAIT: process.env.BENCH_WSREP_SYNC_WAIT ?? '1' } : {};
      const galera = NODE_URLS.length ? { BOOKING_LOCK_RETRY_MS: '10000', BOOKING_SLOT_TURNS: 'true', DB_CONFLICT_RETRY_MS: '5000' } : {};
      const s = await startServer({ ...env, ...causal, ...galera, DB_URL: nodeDb, DB_MIGRATE_ON_START: 'false', LOG_FILE: join(logDir, `bench-booking-p${i}.log`) }, o.serverNodeArgs);
      servers.push(s);
      cleanups.push(async () => { s.child.kill('SIGTERM'); await new Promise((r) => s.child.once('exit', r)); });
    }
    const api = (i, method, path, body, token) => http(servers[i % 2].url, method, '/api' + path, body, token ? { authorization: `Bearer ${token}` } : {});

    // staff: one big slot capacity (postCount ≤ 5000 per slot) and many service items, so each resident can hold one
    // active booking per service item without hitting "one active booking per person per service"
    const staff = await api(0, 'POST', '/auth/staff', { username: 'meicun', password: STAFF_PASSWORD });
    const staffToken = staff.body.token;
    const settings = await api(0, 'PUT', `/staff/communities/${COMMUNITY}/booking-settings`, { postCount: 5000, minNoticeMinutes: 0 }, staffToken);
    if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${JSON.stringify(settings.body)}`);
    for (let i = 0; i < o.services; i++) {
      const r = await api(0, 'POST', `/staff/communities/${COMMUNITY}/service-items`, { name: `压测事项${i}`, durationMinutes: 15 }, staffToken);
      if (r.status !== 201) throw new Error(`service item: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const items = (await api(0, 'GET', `/communities/${COMMUNITY}/service-items`, undefined, staffToken)).body.items.filter((x) => x.active);
    const avail = await api(0, 'GET', `/service-items/${items[0].id}/availability`, undefined, staffToken);
    if (avail.status !== 200) throw new Error(`availability: ${avail.status} ${JSON.stringify(avail.body)}`);
    const day = avail.body.days.find((d) => d.open && d.slots.filter((s) => s.bookable).length >= o.slots);
    if (!day) throw new Error('no open day with enough bookable slots in the booking window');
    const slots = day.slots.filter((s) => s.bookable).slice(0, o.slots).map((s) => ({ date: day.date, start: s.start }));

    // residents log in through the local WeChat peer
    // (the first login alone creates the per-IP rate-limit row: concurrent first hits wait on gap locks; retried on 5xx)
    const login = async (n) => {
      for (let attempt = 0; ; attempt++) {
        const { body: { code } } = await http(peer.url, 'POST', '/__peer/code', { user: `bench-${n}` });
        const r = await api(n, 'POST', '/auth/wechat', { code });
        if (r.status === 200) return r.body.token;
        if (r.status < 500 || attempt >= 4) throw new Error(`login ${r.status} ${JSON.stringify(r.body)}`);
        await new Promise((ok) => setTimeout(ok, 300 * (attempt + 1)));
      }
    };
    const tokens = [await login(0)];
    for (let i = 1; i < o.residents; i += 8) {
      tokens.push(...(await Promise.all(Array.from({ length: Math.min(8, o.residents - i) }, (_, j) => login(i + j)))));
    }
    // each resident's first booking creates its per-account rows (quota, rate-limit bucket); a burst of FIRST bookings
    // from many fresh accounts currently queues on InnoDB gap locks (see docs/booking-reliability.md), which is not
    // what this benchmark measures: make one booking per resident first (last service item, a slot off the hot set)
    const warmItem = items[items.length - 1];
    const warmSlot = day.slots.filter((s) => s.bookable)[o.slots] ?? slots[0];
    for (let i = 0; i < tokens.length; i += 4) {
      await Promise.all(tokens.slice(i, i + 4).map(async (t, j) => {
        const r = await api(i + j, 'POST', '/bookings', { serviceItemId: warmItem.id, date: day.date, start: warmSlot.start, selfName: '张三', idempotencyKey: randomUUID() }, t);
        if (r.status !== 201) throw new Error(`warm-up booking: ${r.status} ${JSON.stringify(r.body)}`);
      }));
    }
    // every (resident, service item) pair books once; consecutive requests go to the same few slots (the hot rows)
    const combos = [];
    for (let s = 0; s < items.length - 1; s++) for (let r = 0; r < tokens.length; r++) combos.push([r, s]);
    let apiNext = 0;
    let rr = 0;
    const apiJob = () => {
      if (apiNext >= combos.length) return null;
      const [r, s] = combos[apiNext];
      const slot = slots[apiNext++ % slots.length];
      return () => api(rr++, 'POST', '/bookings', { serviceItemId: items[s].id, date: slot.date, start: slot.start, selfName: '张三', idempotencyKey: randomUUID() }, tokens[r]);
    };

    // the bare endpoint: two forked processes, their own slots on the same schema (a far date, same community)
    const bare = [];
    for (let i = 0; i < 2; i++) {
      const child = fork(fileURLToPath(import.meta.url), ['--bare-worker', `${nodeOf(i)}/${dbName}`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env } });
      cleanups.push(async () => { child.kill('SIGTERM'); });
      bare.push(await new Promise((ok, fail) => { child.once('message', (m) => ok(m.url)); child.once('exit', (c) => fail(new Error(`bare worker exited ${c}`))); }));
    }
    const db = await mysql.createConnection({ uri: dbUrl, timezone: 'Z' });
    cleanups.push(() => db.end());
    const bareSlots = [];
    for (let i = 0; i < o.slots; i++) {
      const id = randomUUID();
      const startsAt = new Date(Date.UTC(2099, 0, 5, 1 + i));
      await db.query(
        'INSERT INTO booking_slot (id, community_code, date, start_time, starts_at, ends_at, capacity, booked, created_at) VALUES (?, ?, ?, ?, ?, ?, 100000, 0, ?)',
        [id, COMMUNITY, '2099-01-05', `${String(9 + i).padStart(2, '0')}:00`, startsAt, new Date(startsAt.getTime() + 15 * 60000), new Date()],
      );
      bareSlots.push(id);
    }
    let bareN = 0;
    const bareJob = (outbox) => () => {
      const n = bareN++;
      return () => http(bare[n % 2], 'POST', '/book', { slotId: bareSlots[n % bareSlots.length], serviceItemId: items[0].id, accountId: randomUUID(), outbox });
    };

    // Galera: certification failures and brute-force aborts over the measured runs, summed over the nodes
    const wsrep = async () => {
      let sum = 0;
      for (const url of NODE_URLS) {
        const c = await mysql.createConnection({ uri: url });
        const [rows] = await c.query("SHOW STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')");
        sum += rows.reduce((a, r) => a + Number(r.Value), 0);
        await c.end();
      }
      return sum;
    };
    // warm-up (JIT, pools), then alternate the three measurements run by run
    await load(o.clients, 500, bareJob(true));
    await load(o.clients, 500, apiJob);
    const results = { api: [], bareOutbox: [], bareNoOutbox: [] };
    let conflicts = 0;
    for (let run = 0; run < o.runs; run++) {
      const before = NODE_URLS.length ? await wsrep() : 0;
      results.api.push(await load(o.clients, o.durationMs, apiJob));
      if (NODE_URLS.length) conflicts += (await wsrep()) - before;
      results.bareOutbox.push(await load(o.clients, o.durationMs, bareJob(true)));
      results.bareNoOutbox.push(await load(o.clients, o.durationMs, bareJob(false)));
      if (apiNext >= combos.length) process.stderr.write('warning: the API work list ran out (raise --residents/--services)\n');
    }

    // the month's entitlement run beside the booking load (--ledger-recipients)
    let ledger = null;
    if (o.ledgerRecipients > 0) {
      const n = o.ledgerRecipients;
      // 80+ recipients of the demo community (ages 81–105), random-looking v4-shaped ids like the app's randomUUID
      const t0 = performance.now();
      for (let from = 1; from <= n; from += 50_000) {
        const to = Math.min(n, from + 49_999);
        await db.query(
          `INSERT INTO allowance_recipient (id, elder_id_hash, elder_id_enc, elder_id_masked, elder_name, elder_birth_date, community_code, street_code, source, account_kind, account_enc, account_last4, first_paid_month, status, flagged, created_at, updated_at)
           SELECT CONCAT(SUBSTR(MD5(seq), 1, 8), '-', SUBSTR(MD5(seq), 9, 4), '-4', SUBSTR(MD5(seq), 14, 3), '-8', SUBSTR(MD5(seq), 18, 3), '-', SUBSTR(MD5(seq), 21, 12)),
                  SHA2(CONCAT('bench-elder-', seq), 256), 'bench', '421003**********', '王老', DATE_FORMAT(DATE_SUB('1945-06-15', INTERVAL seq % 9000 DAY), '%Y-%m-%d'),
                  ?, ?, 'payment_roll', 'bank_card', 'bench', '0000', '2026-01', 'active', 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
           FROM seq_${from}_to_${to}`,
          [COMMUNITY, COMMUNITY.slice(0, 9)],
        );
      }
      const setupS = (performance.now() - t0) / 1000;
      const district = (await api(0, 'POST', '/auth/staff', { username: 'district', password: STAFF_PASSWORD })).body.token;
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      const baseline = await load(o.clients, o.durationMs, apiJob);
      const started = performance.now();
      const start = await api(1, 'POST', `/staff/payments/months/${month}/entitlements`, undefined, district);
      if (start.status !== 200) throw new Error(`entitlement run: ${start.status} ${JSON.stringify(start.body)}`);
      let done = false;
      let finishedS = NaN;
      const poll = (async () => {
        for (;;) {
          const [[r]] = await db.query(`SELECT status FROM allowance_ledger_run WHERE kind = 'entitle' AND month = ?`, [month]);
          if (r?.status === 'done' || performance.now() - started > 600_000) break;
          await new Promise((ok) => setTimeout(ok, 200));
        }
        finishedS = (performance.now() - started) / 1000;
        done = true;
      })();
      const beside = await load(o.clients, 600_000, apiJob, () => done);
      await poll;
      const [[{ made }]] = await db.query(`SELECT COUNT(*) AS made FROM allowance_entitlement WHERE for_month = ?`, [month]);
      ledger = { n, setupS, month, baseline, beside, finishedS, made: Number(made) };
      if (apiNext >= combos.length) process.stderr.write('warning: the API work list ran out during the entitlement run (raise --residents)\n');
    }

    // correctness after the run: no slot holds more bookings than its capacity, counter == rows
    const [slotRows] = await db.query(
      `SELECT s.id, s.capacity, s.booked, (SELECT COUNT(*) FROM booking b WHERE b.slot_id = s.id AND b.status IN ('pending','confirmed','checked_in')) AS n
         FROM booking_slot s`,
    );
    const overbooked = slotRows.reduce((a, s) => a + Math.max(0, Number(s.n) - Number(s.capacity)), 0);
    const counterMismatch = slotRows.filter((s) => Number(s.n) !== Number(s.booked)).length;
    const [[{ version }]] = await db.query('SELECT VERSION() AS version');

    const fmt = (rs) => rs.map((r) => `${r.perSec.toFixed(0)}/s (p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, statuses ${JSON.stringify(r.counts)})`).join('\n      ');
    const mApi = median(results.api.map((r) => r.perSec));
    const mBare = median(results.bareOutbox.map((r) => r.perSec));
    const mBareNo = median(results.bareNoOutbox.map((r) => r.perSec));
    process.stdout.write([
      `contended booking, MariaDB ${version}${NODE_URLS.length ? ` on ${NODE_URLS.length} node(s) of a 3-node Galera cluster (server process i on node i mod ${NODE_URLS.length})` : ''}, ${o.clients} clients, ${o.runs} run(s) × ${o.durationMs / 1000} s, ${slots.length} hot slots each`,
      `  API (Nest + TypeORM, 2 processes):        median ${mApi.toFixed(0)} bookings/s`,
      `      ${fmt(results.api)}`,
      `  bare fastify + mysql2 + outbox (2 procs):  median ${mBare.toFixed(0)} bookings/s`,
      `      ${fmt(results.bareOutbox)}`,
      `  bare fastify + mysql2, no outbox:          median ${mBareNo.toFixed(0)} bookings/s`,
      `      ${fmt(results.bareNoOutbox)}`,
      `  ratio API / bare-with-outbox = ${(mApi / mBare).toFixed(2)}  (aim ≥ 0.5; regression floor 0.35)`,
      `  ratio API / bare-no-outbox   = ${(mApi / mBareNo).toFixed(2)}`,
      `  overbooked = ${overbooked} (must be 0); slots whose counter != active rows: ${counterMismatch} (must be 0)`,
      ...(ledger ? [
        `  entitlement run for ${ledger.month} beside the booking load: ${ledger.n} recipients (written in ${ledger.setupS.toFixed(1)} s, not timed), ${ledger.made} entitlements in ${ledger.finishedS.toFixed(1)} s`,
        `      API before it (baseline): ${fmt([ledger.baseline])}`,
        `      API during it:            ${fmt([ledger.beside])}`,
        `  booking p99 during the run / baseline = ${(ledger.beside.p99 / ledger.baseline.p99).toFixed(2)}  (aim ≤ 2)`,
      ] : []),
      ...(NODE_URLS.length ? [`  API runs: ${conflicts} certification failures + brute-force aborts (each retried by the server), ${(conflicts / Math.max(1, results.api.reduce((a, r) => a + (r.counts[201] ?? 0), 0))).toFixed(3)} per booking`] : []),
      '',
    ].join('\n'));
    await cleanup();
    process.exit(overbooked === 0 && counterMismatch === 0 ? 0 : 1);
  } catch (err) {
    await cleanup();
    throw err;
  }
}

if (process.argv[2] === '--bare-worker') {
  await bareWorker(process.argv[3]);
} else {
  await main();
}
