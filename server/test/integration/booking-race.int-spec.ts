import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import mysql from 'mysql2/promise';
import { describeEngines } from '../support/describe-engines';
import { startCluster, type Cluster } from '../support/cluster';
import { countBy, loop, percentile, race } from '../support/booking-load';
import { insertSlot, naiveBook, slotState } from '../support/booking-invariants';
import { COMMUNITY, lastSeatsRun as lastSeatsRunOf, prepareBookings, type BookingFixture } from '../support/booking-scenario';

// Reliability rows C1 (last-K-seats race + negative control), C2 (idempotent booking), racing confirmations, B1 (per
// account cap under a burst), B4 (sell-out surge) and C4 (MariaDB lock-conflict handling) — through the real HTTP API of
// SEVERAL server processes sharing one database (see docs/booking-reliability.md).
const CLIENTS = 200; // racing clients (the issue: 200)
const RUNS = Number(process.env.JB_RACE_RUNS ?? 5); // C1 runs per K (the row: 5)
const KS = [1, 7];
const PREBOOKED = 2; // seats already taken before the race: the race is for the LAST K seats
const ACTIVE_LIMIT = 20; // BOOKING_ACTIVE_LIMIT for this suite (B1 asserts against it)
// B1's account tries more distinct services than the cap: with one active booking per person per service, fewer
// services than ACTIVE_LIMIT would keep it under the cap even with no cap at all
const B1_ITEMS = ACTIVE_LIMIT + 5;
const RACE_TIMEOUT_MS = 50000; // a client gives up after this (correctness suite: a slow CI box must not fail it)
// SQLite is single-writer: two processes share one file through WAL + busy_timeout (JB_RACE_SQLITE_PROCS=1 for one)
const procsFor = (engine: string) => (engine === 'mariadb' ? 2 : Number(process.env.JB_RACE_SQLITE_PROCS ?? 2));

describeEngines('booking races on %s', (engine) => {
  let c: Cluster;
  let f: BookingFixture;
  let racers: string[];
  let pre: string[];

  beforeAll(async () => {
    c = await startCluster({
      engine, processes: procsFor(engine), name: 'booking-race',
      // DB_STATEMENT_TIMEOUT_MS: C1 asserts exactly {201: K, 409: 200 − K}. Its 200 bookings queue on one slot row, and
      // on MariaDB the lock wait counts towards the statement limit (default 2 s): on a loaded 2-core box a statement
      // at the back of that queue could hit it and answer 503 although nothing is wrong. Margin, not a baseline: 20 s
      // (like the harness's HANDLER_TIMEOUT_MS), about 50× the p99 this race shows on a quiet machine.
      env: {
        BOOKING_ACTIVE_LIMIT: String(ACTIVE_LIMIT), BOOKING_CREATE_RATE_LIMIT: '100000', BOOKING_JOB_POLL_SECONDS: '0',
        DB_STATEMENT_TIMEOUT_MS: '20000',
      },
    });
    f = await prepareBookings(c, { items: KS.length * RUNS + B1_ITEMS });
    racers = await c.loginResidents('racer', CLIENTS);
    pre = await c.loginResidents('pre', PREBOOKED);
  }, 120000);
  afterAll(() => c?.close());

  // one C1 run: capacity K + PREBOOKED, PREBOOKED seats taken, then CLIENTS residents race for the last K
  const lastSeatsRun = (k: number) => lastSeatsRunOf(c, f, { k, pre, racers, timeoutMs: RACE_TIMEOUT_MS });

  it.each(KS)('C1: %i last seat(s), 200 clients, 5 runs → exactly K booked, 0 overbooked, no 5xx', async (k) => {
    const t0 = performance.now();
    for (let run = 0; run < RUNS; run++) {
      const { outcomes, start, after } = await lastSeatsRun(k);
      const statuses = countBy(outcomes, (o) => o.status);
      const created = outcomes.filter((o) => o.status === 201);
      const failures = [...new Set(outcomes.filter((o) => o.status === 0 || o.status >= 500).map((o) => o.error ?? JSON.stringify(o.body)))].slice(0, 3);
      expect({ run, statuses, failures }).toEqual({ run, statuses: { 201: k, 409: CLIENTS - k }, failures: [] });
      // losers: SLOT_FULL, or CONFLICT (lock-conflict retries exhausted: a clean 409 with Retry-After; counted and printed)
      const loserCodes = countBy(outcomes.filter((o) => o.status === 409), (o) => (o.body as { code: string }).code);
      expect(Object.keys(loserCodes).filter((code) => code !== 'SLOT_FULL' && code !== 'CONFLICT')).toEqual([]);
      expect(start).toBe(PREBOOKED);
      expect(after.capacity).toBe(k + PREBOOKED);
      expect(after.booked - start).toBe(k);
      expect(after.activeRows).toBe(after.booked);
      expect(after.overbooked).toBe(0);
      expect(after.duplicateAccounts).toBe(0);
      expect(new Set(created.map((o) => (o.body as { id: string }).id)).size).toBe(k);
      const ms = outcomes.map((o) => o.ms);
      console.log(`[${engine}] C1 K=${k} run ${run}: ${JSON.stringify(statuses)} ${JSON.stringify(loserCodes)}, p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms`);
    }
    console.log(`[${engine}] C1 K=${k}: ${RUNS} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 300000);

  it('C1 negative control: a naive read-then-write booking on the same schema overbooks (≥ 1 of 5 runs)', async () => {
    const overbookedRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const slotId = await insertSlot(c.probe, COMMUNITY, 1, 100 + run);
      const outcomes = await race(Array.from({ length: CLIENTS }, () => async () => ({ status: (await naiveBook(c.probe, slotId, randomUUID(), COMMUNITY)) === 'booked' ? 201 : 409, ms: 0 })));
      // race() turns a thrown error into status 0: a naive booking that merely fails (a broken INSERT) proves nothing
      const thrown = [...new Set(outcomes.filter((o) => o.status === 0).map((o) => o.error))].slice(0, 3);
      expect({ run, thrown }).toEqual({ run, thrown: [] });
      const s = await slotState(c.probe, slotId);
      // caught only by what the database shows: more active bookings than seats, or a counter that disagrees with them
      const caught = s.overbooked > 0 || s.booked !== s.activeRows;
      if (caught) overbookedRuns.push(s.activeRows);
    }
    console.log(`[${engine}] naive read-then-write: caught in ${overbookedRuns.length}/${RUNS} runs (active rows for capacity 1: ${overbookedRuns.join(', ')})`);
    expect(overbookedRuns.length).toBeGreaterThanOrEqual(1);
  });

  it('C2: the same idempotency key 10× concurrently (both processes) → one booking, identical responses; later → the same; kept ≥ 24 h', async () => {
    const item = f.nextItem();
    const slot = f.nextSlot();
    const key = randomUUID();
    const token = racers[0];
    const outcomes = await race(Array.from({ length: 10 }, (_, i) => () => f.book(token, item, slot, { key, proc: i % c.procs.length })));
    const statuses = countBy(outcomes, (o) => o.status);
    expect(statuses).toEqual({ 201: 10 });
    const bodies = outcomes.map((o) => JSON.stringify(o.body));
    expect(new Set(bodies).size).toBe(1);
    const id = (outcomes[0].body as { id: string }).id;
    const rows = await c.probe.query<{ n: number }>('SELECT COUNT(*) AS n FROM booking WHERE service_item_id = ? AND active_key IS NOT NULL AND account_id = (SELECT account_id FROM booking WHERE id = ?)', [item, id]);
    expect(Number(rows[0].n)).toBe(1);
    // again, later, through the other process: the stored response
    await new Promise((r) => setTimeout(r, 1500));
    const again = await f.book(token, item, slot, { key, proc: c.procs.length - 1 });
    expect(again.status).toBe(201);
    expect(JSON.stringify(again.body)).toBe(bodies[0]);
    // the same key with a different body is refused, not replayed
    const other = await f.book(token, item, f.nextSlot(), { key });
    expect(other.status).toBe(422);
    const [idem] = await c.probe.query<{ created_at: string | Date; expires_at: string | Date }>(
      'SELECT created_at, expires_at FROM booking_idempotency WHERE idem_key = ?', [key],
    );
    const hours = (new Date(idem.expires_at as string).getTime() - new Date(idem.created_at as string).getTime()) / 3600000;
    expect(hours).toBeGreaterThanOrEqual(24);
  });

  it('racing confirmations: three staff confirm the same booking at once → one confirmation, one responsible person', async () => {
    const chengnan = await c.loginStaff('chengnan');
    const staff = [f.staffToken, chengnan, await c.loginStaff('district')];
    const item = f.nextItem();
    await f.setPostCount(10);
    for (let i = 0; i < 5; i++) {
      const b = await f.book(racers[10 + i], item, f.nextSlot());
      expect(b.status).toBe(201);
      const id = (b.body as { id: string }).id;
      const outcomes = await race(staff.map((token, j) => () => c.call(routes.staffConfirmBooking, {}, { token, params: { id }, proc: j % c.procs.length })));
      const statuses = countBy(outcomes, (o) => o.status);
      expect(statuses).toEqual({ 200: 1, 409: 2 });
      const [row] = await c.probe.query<{ status: string; responsible_staff_id: string }>(
        "SELECT b.status, f.responsible_staff_id FROM booking b JOIN case_file f ON f.kind = 'booking' AND f.subject_id = b.id WHERE b.id = ?",
        [id],
      );
      const winner = outcomes.find((o) => o.status === 200)!.body as { responsible: { staffId: string } };
      expect(row.status).toBe('confirmed');
      expect(row.responsible_staff_id).toBe(winner.responsible.staffId);
      const logs = await c.probe.query("SELECT id FROM case_log WHERE kind = 'booking' AND subject_id = ? AND action = 'confirmed'", [id]);
      expect(logs).toHaveLength(1);
      const events = await c.probe.query("SELECT id FROM notification_event WHERE link_kind = 'booking' AND link_id = ? AND type LIKE '%confirm%'", [id]);
      expect(events).toHaveLength(1);
    }
  });

  it(`B1: one account fires 100 bookings within 1 s → at most the cap (${ACTIVE_LIMIT}) succeed, the rest 409/429, the quota counter == rows`, async () => {
    const token = await c.loginResident('b1-greedy');
    const items = f.items.slice(-B1_ITEMS);
    const slots = Array.from({ length: 10 }, () => f.nextSlot());
    await f.setPostCount(50);
    const outcomes = await race(Array.from({ length: 100 }, (_, i) => () => f.book(token, items[i % items.length], slots[i % slots.length])));
    const statuses = countBy(outcomes, (o) => o.status);
    const ok = statuses[201] ?? 0;
    const odd = [...new Set(outcomes.filter((o) => ![201, 409, 429].includes(o.status)).map((o) => `${o.status} ${o.error ?? JSON.stringify(o.body)}`))];
    console.log(`[${engine}] B1 100 attempts in one burst: ${JSON.stringify(statuses)} ${odd.join(' | ')}`);
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(ok).toBeLessThanOrEqual(ACTIVE_LIMIT);
    expect(odd).toEqual([]);
    const account = await c.probe.query<{ account_id: string }>('SELECT account_id FROM booking WHERE id = ?', [outcomes.find((o) => o.status === 201)!.body!['id' as never]]);
    const [{ n }] = await c.probe.query<{ n: number }>("SELECT COUNT(*) AS n FROM booking WHERE account_id = ? AND status IN ('pending','confirmed','checked_in')", [account[0].account_id]);
    expect(Number(n)).toBe(ok);
    const [quota] = await c.probe.query<{ active_count: number }>('SELECT active_count FROM booking_account_quota WHERE account_id = ?', [account[0].account_id]);
    expect(Number(quota.active_count)).toBe(ok);
    // one active booking per person per service: no (person, service) pair twice
    const dup = await c.probe.query("SELECT active_key FROM booking WHERE account_id = ? AND active_key IS NOT NULL GROUP BY active_key HAVING COUNT(*) > 1", [account[0].account_id]);
    expect(dup).toHaveLength(0);
  });

  it('B4: after sell-out, 50 clients keep retrying for 3 s → all 409, no 5xx (p99 printed)', async () => {
    const item = f.nextItem();
    const slot = f.nextSlot();
    await f.setPostCount(1);
    const first = await f.book(pre[0], item, slot);
    expect(first.status).toBe(201);
    const outcomes = await loop(50, 3000, (client) => f.book(racers[100 + client], item, slot).then((r) => ({ status: r.status, ms: r.ms, code: (r.body as { code?: string })?.code })));
    const statuses = countBy(outcomes, (o) => o.status);
    const codes = countBy(outcomes, (o) => o.code ?? '-');
    const ms = outcomes.map((o) => o.ms);
    console.log(`[${engine}] B4 codes ${JSON.stringify(codes)}`);
    expect(Object.keys(statuses)).toEqual(['409']);
    // SLOT_FULL, or CONFLICT when lock-conflict retries ran out (a clean 409 with Retry-After, never a seat)
    expect(Object.keys(codes).filter((k) => k !== 'SLOT_FULL' && k !== 'CONFLICT')).toEqual([]);
    console.log(`[${engine}] B4 sell-out surge: ${outcomes.length} requests in 3 s (${Math.round(outcomes.length / 3)}/s), p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
    const s = await slotState(c.probe, await f.slotIdOf((first.body as { id: string }).id));
    expect(s).toMatchObject({ booked: 1, activeRows: 1, overbooked: 0 });
  });

  if (engine === 'mariadb') {
    // C4 needs innodb_snapshot_isolation=ON and innodb_lock_wait_timeout=1 in the servers' sessions. The server has no
    // setting for session variables, and SET GLOBAL would reach every suite running beside this one in other jest
    // workers (all on root@127.0.0.1, same MariaDB). So the values go to the servers' connections only: the servers
    // connect as an account made for this test, and init_connect (which MariaDB never runs for accounts with SUPER /
    // CONNECTION ADMIN, i.e. for root) sets them when — and only when — that account connects. init_connect is the one
    // global touched; it is restored afterwards, and the test checks a fresh root session still has the global values.
    it('C4: the race under innodb_snapshot_isolation=ON and innodb_lock_wait_timeout=1 → no overbooking, only 201/409/503', async () => {
      const [v] = await c.probe.query<{ v: string }>('SELECT VERSION() AS v');
      const vars = await c.probe.query<{ Variable_name: string; Value: string }>("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('innodb_snapshot_isolation','innodb_lock_wait_timeout')");
      const globals = Object.fromEntries(vars.map((r) => [r.Variable_name, r.Value]));
      console.log(`[C4] MariaDB ${v.v}, globals: ${JSON.stringify(globals)}`);
      if (!('innodb_snapshot_isolation' in globals)) {
        throw new Error(`MariaDB ${v.v} has no innodb_snapshot_isolation (10.6.18+, 10.11.8+, 11.4+): C4 cannot test what its title says`);
      }
      const user = `jb_c4_${process.pid}`;
      const [{ ic: initConnectBefore }] = await c.probe.query<{ ic: string }>('SELECT @@GLOBAL.init_connect AS ic');
      const forUser = (value: string, variable: string) => `IF(SUBSTRING_INDEX(CURRENT_USER(), '@', 1) = '${user}', ${value}, @@GLOBAL.${variable})`;
      const initC4 = `SET SESSION innodb_snapshot_isolation = ${forUser('1', 'innodb_snapshot_isolation')}, innodb_lock_wait_timeout = ${forUser('1', 'innodb_lock_wait_timeout')}`;
      // the cluster's processes share one env object (cluster.ts); restart() starts them again with it
      const procEnv = (c.procs[0] as unknown as { env?: Record<string, string> }).env;
      if (typeof procEnv?.DB_URL !== 'string') throw new Error('C4: cannot reach the cluster processes\' DB_URL (cluster.ts changed?)');
      const rootUrl = procEnv.DB_URL;
      const c4Url = new URL(rootUrl);
      c4Url.username = user;
      c4Url.password = '';
      try {
        await c.probe.query(`DROP USER IF EXISTS '${user}'@'%'`);
        await c.probe.query(`CREATE USER '${user}'@'%'`);
        await c.probe.query(`GRANT ALL PRIVILEGES ON \`${c.dbName}\`.* TO '${user}'@'%'`);
        await c.probe.query(`SET GLOBAL init_connect = ?`, [initConnectBefore ? `${initConnectBefore}; ${initC4}` : initC4]);
        // what a server connection gets, and what everybody else (a fresh root session) still gets
        const sessionOf = async (url: string) => {
          const conn = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') });
          try {
            const [rows] = await conn.query('SELECT @@SESSION.innodb_snapshot_isolation AS si, @@SESSION.innodb_lock_wait_timeout AS lwt');
            const [row] = rows as { si: unknown; lwt: unknown }[];
            return { si: Number(row.si), lwt: Number(row.lwt) };
          } finally {
            await conn.end();
          }
        };
        expect(await sessionOf(c4Url.toString())).toEqual({ si: 1, lwt: 1 });
        expect(await sessionOf(rootUrl)).toEqual({ si: globals.innodb_snapshot_isolation === 'ON' ? 1 : 0, lwt: Number(globals.innodb_lock_wait_timeout) });
        procEnv.DB_URL = c4Url.toString();
        for (let i = 0; i < c.procs.length; i++) await c.restart(i);
        for (const k of KS) {
          const { outcomes, start, after } = await lastSeatsRun(k);
          const statuses = countBy(outcomes, (o) => o.status);
          const failures = [...new Set(outcomes.filter((o) => o.status === 0 || o.status >= 500).map((o) => o.error ?? JSON.stringify(o.body)))].slice(0, 3);
          console.log(`[C4] K=${k}: ${JSON.stringify(statuses)} codes ${JSON.stringify(countBy(outcomes, (o) => (o.body as { code?: string })?.code ?? '-'))} ${failures.join(' | ')}`);
          expect(Object.keys(statuses).every((s) => ['201', '409', '503'].includes(s))).toBe(true);
          expect(statuses[201] ?? 0).toBe(after.booked - start);
          expect(after.activeRows).toBe(after.booked);
          expect(after.overbooked).toBe(0);
          expect(after.duplicateAccounts).toBe(0);
          // with K seats and 200 clients, the seats must not be lost to lock errors: retries fill them
          expect(statuses[201]).toBe(k);
        }
        // the servers really connected as that account, and it still gets the values
        const [{ n: serverConns }] = await c.probe.query<{ n: number }>('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ? AND DB = ?', [user, c.dbName]);
        expect(Number(serverConns)).toBeGreaterThan(0);
        expect(await sessionOf(c4Url.toString())).toEqual({ si: 1, lwt: 1 });
      } finally {
        await c.probe.query('SET GLOBAL init_connect = ?', [initConnectBefore]);
        procEnv.DB_URL = rootUrl;
        for (let i = 0; i < c.procs.length; i++) await c.restart(i).catch(() => undefined);
        await c.probe.query(`DROP USER IF EXISTS '${user}'@'%'`);
      }
    }, 300000);
  }
});
