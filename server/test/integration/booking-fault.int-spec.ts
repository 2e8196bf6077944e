import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startCluster, type Cluster } from '../support/cluster';
import { countBy, percentile, sleep } from '../support/booking-load';
import { allSlotViolations } from '../support/booking-invariants';
import { prepareBookings, type BookingFixture } from '../support/booking-scenario';
import { answersOf, bookingLoad, brief, fmtRecovery, recoveryAfter, settle, type Answer, type Wish } from '../support/booking-wishes';
import { DEV_TEMPLATE_IDS } from '../../src/notifications/notifications.config';

// Fault injection on the booking path (reliability rows D1, D2, D3, plus C3 — retry with the same key — and E2 during
// the outage): a server process killed with SIGKILL mid-load, and the database link cut, partitioned, slowed and made
// lossy mid-load (MariaDB, through a TCP proxy). See docs/booking-reliability.md for why the proxy stands in for
// killing MariaDB. Every load here runs for a span of TIME, never for a number of requests: a quiet machine answers
// 503s fast and would spend a request budget before the fault ends, a loaded one slowly.
const ENV = { BOOKING_ACTIVE_LIMIT: '1000', BOOKING_CREATE_RATE_LIMIT: '100000', BOOKING_JOB_POLL_SECONDS: '0' };

// every 503 carries a code and a generic message: no driver text, host or stack
function expectGeneric503(answers: Answer[]) {
  for (const a of answers.filter((x) => x.status === 503)) {
    expect(a.body).toEqual({ code: expect.stringMatching(/^(DATABASE_UNAVAILABLE|TIMEOUT)$/), message: expect.any(String) });
    expect(JSON.stringify(a.body)).not.toMatch(/ECONN|PROTOCOL|mysql|sql|127\.0\.0\.1|at \w+ \(/i);
  }
}

async function assertConsistent(c: Cluster, acknowledged: string[]) {
  // every acknowledged booking is in the database, active
  const present = new Set<string>();
  for (let i = 0; i < acknowledged.length; i += 200) {
    const chunk = acknowledged.slice(i, i + 200);
    const rows = await c.probe.query<{ id: string }>(`SELECT id FROM booking WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
    for (const r of rows) present.add(r.id);
  }
  expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
  // counter == rows on every slot, nothing over capacity
  const v = await allSlotViolations(c.probe);
  expect(v.counterMismatch).toEqual([]);
  expect(v.overbooked).toEqual([]);
  // per-account quota counter == active rows
  const quota = await c.probe.query<{ account_id: string; active_count: number; n: number }>(
    `SELECT q.account_id, q.active_count, (SELECT COUNT(*) FROM booking b WHERE b.account_id = q.account_id AND b.status IN ('pending','confirmed','checked_in')) AS n
       FROM booking_account_quota q`,
  );
  expect(quota.filter((q) => Number(q.active_count) !== Number(q.n))).toEqual([]);
  // no half-written booking: each has exactly one 'created' case-log entry, each completed idempotency record points at a booking
  const noLog = await c.probe.query(`SELECT b.id FROM booking b WHERE (SELECT COUNT(*) FROM case_log l WHERE l.kind = 'booking' AND l.subject_id = b.id AND l.action = 'created') <> 1
       OR NOT EXISTS (SELECT 1 FROM case_file f WHERE f.kind = 'booking' AND f.subject_id = b.id)`);
  expect(noLog).toEqual([]);
  const danglingIdem = await c.probe.query('SELECT i.id FROM booking_idempotency i WHERE i.booking_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.id = i.booking_id)');
  expect(danglingIdem).toEqual([]);
  const unfinishedIdem = await c.probe.query('SELECT id FROM booking_idempotency WHERE status_code = 0 OR booking_id IS NULL');
  expect(unfinishedIdem).toEqual([]);
  // outbox ⇔ state: a booking_confirmed event per 'confirmed' case-log entry, none without one, no event for a missing booking
  const orphanEvents = await c.probe.query("SELECT e.id FROM notification_event e WHERE e.link_kind = 'booking' AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.id = e.link_id)");
  expect(orphanEvents).toEqual([]);
  const mismatch = await c.probe.query(
    `SELECT b.id FROM booking b
      WHERE (SELECT COUNT(*) FROM notification_event e WHERE e.link_kind = 'booking' AND e.link_id = b.id AND e.type = 'booking_confirmed')
         <> (SELECT COUNT(*) FROM case_log l WHERE l.kind = 'booking' AND l.subject_id = b.id AND l.action = 'confirmed')`,
  );
  expect(mismatch).toEqual([]);
}

// staff confirm pending bookings while they are created, so faults also land in transactions that write outbox rows
function startConfirmer(c: Cluster, f: BookingFixture) {
  const statuses: number[] = [];
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const rows = await c.probe.query<{ id: string }>("SELECT id FROM booking WHERE status = 'pending' ORDER BY created_at DESC LIMIT 5").catch(() => []);
      await Promise.all(rows.map(async (r) => {
        const res = await c.call(routes.staffConfirmBooking, {}, { token: f.staffToken, params: { id: r.id }, timeoutMs: 15000 }).catch(() => ({ status: 0 }));
        statuses.push(res.status);
      }));
      await sleep(50);
    }
  })();
  return {
    statuses,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

// the slowest-answered fraction of a window, for the log line
const describeWindow = (answers: Answer[]) => {
  const ms = answers.map((a) => a.endedAt - a.startedAt);
  return `${answers.length} answers ${JSON.stringify(countBy(answers, (a) => a.status))}, p50 ${percentile(ms, 50)?.toFixed(0)} ms, p99 ${percentile(ms, 99)?.toFixed(0)} ms, max ${ms.length ? Math.max(...ms).toFixed(0) : '-'} ms`;
};

// transactions of this database open for longer than `olderThanS` seconds (InnoDB's view; the live servers' own short
// transactions are younger)
async function staleTransactions(c: Cluster, olderThanS: number) {
  return c.probe.query<{ trx_id: string; trx_started: Date; trx_state: string }>(
    `SELECT t.trx_id, t.trx_started, t.trx_state FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
      WHERE p.db = ? AND t.trx_started < NOW() - INTERVAL ${olderThanS} SECOND`,
    [c.dbName],
  );
}

// each wish produced exactly one booking in its (fresh) slot, however many times it was sent
async function expectOneBookingPerWish(c: Cluster, booked: Wish[]) {
  const ids = booked.map((w) => w.last!.body.id as string);
  expect(new Set(ids).size).toBe(booked.length);
  const slotIds: string[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const rows = await c.probe.query<{ slot_id: string }>(`SELECT DISTINCT slot_id FROM booking WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
    for (const r of rows) if (!slotIds.includes(r.slot_id)) slotIds.push(r.slot_id);
  }
  expect(slotIds.length).toBeLessThanOrEqual(new Set(booked.map((w) => `${w.slot.date} ${w.slot.start}`)).size);
  const [{ n }] = await c.probe.query<{ n: number }>(`SELECT COUNT(*) AS n FROM booking WHERE slot_id IN (${slotIds.map(() => '?').join(',')})`, slotIds);
  expect(Number(n)).toBe(booked.length);
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const until = performance.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (performance.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(200);
  }
}

describeEngines('booking fault injection on %s', (engine) => {
  describe('D2: SIGKILL a server process mid-load', () => {
    let c: Cluster;
    let f: BookingFixture;
    let tokens: string[];
    beforeAll(async () => {
      c = await startCluster({ engine, processes: 2, name: 'booking-kill', env: ENV });
      f = await prepareBookings(c, { items: 60 });
      tokens = await c.loginResidents('kill', 30);
    }, 120000);
    afterAll(() => c?.close());

    it('after restart: counter == rows, no half-written booking, outbox rows match the bookings that need them', async () => {
      await f.setPostCount(5000);
      const slots = [f.nextSlot(), f.nextSlot(), f.nextSlot()];
      const confirmer = startConfirmer(c, f);
      const KILL_AT = 1500;
      let killedAt = -1;
      let restartedAt = -1;
      let restarting: Promise<void> | undefined;
      // half the residents talk to process 1 only: they see it die (no answer) and come back; the load runs until
      // the restarted process has served a booking, and 1 s more (bounded at 60 s)
      const procOf = (client: number) => client % 2;
      let served = -1;
      const live: Wish[] = [];
      const wishes = await bookingLoad(f, {
        tokens, slots, ms: 60000, procOf, into: live,
        onTick: (t) => {
          if (killedAt < 0 && t > KILL_AT) {
            killedAt = t;
            restarting = c.kill(1).then(() => sleep(1000)).then(() => c.restart(1)).then(() => void (restartedAt = t + 1000));
          }
        },
        stop: () => {
          if (restartedAt < 0) return false;
          if (served < 0) {
            const a = live.find((w) => w.answers.some((x) => x.proc === 1 && x.status === 201 && x.startedAt > killedAt));
            if (a) served = performance.now();
          }
          return served > 0 && performance.now() - served > 1000;
        },
      });
      await restarting;
      await confirmer.stop();
      const answers = answersOf(wishes);
      const statuses = countBy(answers, (a) => a.status);
      console.log(`[${engine}] D2 kill -9 at ${Math.round(killedAt)} ms: ${wishes.length} bookings wanted, answers ${JSON.stringify(statuses)}, confirmations ${JSON.stringify(countBy(confirmer.statuses, (s) => s))}`);
      expect(killedAt).toBeGreaterThan(0);
      // the kill cut requests off (in flight, or refused while the process was down) ...
      expect(statuses[0]).toBeGreaterThan(0);
      // ... bookings succeeded before it, and the RESTARTED process served bookings
      expect(answers.some((a) => a.status === 201 && a.endedAt < killedAt)).toBe(true);
      expect(answers.some((a) => a.status === 201 && a.proc === 1 && a.startedAt > killedAt)).toBe(true);
      // only the killed process's in-flight/refused requests fail; nobody gets a 5xx from a living process
      expect(Object.keys(statuses).filter((s) => !['0', '201', '409'].includes(s))).toEqual([]);
      expect(Object.keys(countBy(confirmer.statuses, (s) => s)).filter((s) => !['0', '200', '409'].includes(s))).toEqual([]);
      // a request whose answer was lost with the process was sent again with the same key: it ends booked exactly once
      await settle(f, tokens, wishes);
      const booked = wishes.filter((w) => w.last?.status === 201);
      await assertConsistent(c, booked.map((w) => w.last!.body.id as string));
      const [{ n }] = await c.probe.query<{ n: number }>("SELECT COUNT(*) AS n FROM booking WHERE status IN ('pending','confirmed')");
      expect(Number(n)).toBe(booked.length);
    });
  });

  if (engine === 'mariadb') {
    // One proxy and one pair of server processes for D1, D3 and the partition: the servers reach MariaDB through the
    // proxy. HANDLER_TIMEOUT_MS is 4 s here (the harness's default is 20 s): requests waiting for the database must be
    // shed within the test, and 4 s is still far above a loaded 2-core box's booking latency. The reminder and flag jobs
    // run every second (a leased periodic job) and the outbox dispatcher with a short claim lease and retry back-off.
    describe('the database link under faults (TCP proxy; stands in for kill -9 of the shared MariaDB)', () => {
      let c: Cluster;
      let f: BookingFixture;
      const HANDLER_MS = 4000;
      // connections the proxy may see open at once: 2 processes × DB_POOL_SIZE 10, plus up to 4 that a pool has already
      // destroyed and replaced while the proxy has not yet handled the old socket's close (21 seen once in CI). A pool
      // that did not bound itself would show far more: every stuck statement is replaced every DB_QUERY_TIMEOUT_MS.
      const POOL_BOUND = 24;
      const FAULT_ENV = {
        ...ENV, HANDLER_TIMEOUT_MS: String(HANDLER_MS), BOOKING_JOB_POLL_SECONDS: '1',
        NOTIFY_POLL_MS: '200', NOTIFY_LEASE_SECONDS: '4', WECHAT_SEND_TIMEOUT_MS: '2000', NOTIFY_RETRY_BASE_MS: '200', NOTIFY_RETRY_MAX_MS: '2000', NOTIFY_MAX_ATTEMPTS: '50',
        DB_STATEMENT_TIMEOUT_MS: '2000', DB_QUERY_TIMEOUT_MS: '3000', DB_IDLE_TRANSACTION_TIMEOUT_SECONDS: '5',
      };
      beforeAll(async () => {
        c = await startCluster({ engine, processes: 2, name: 'booking-dbfault', env: FAULT_ENV, viaProxy: true });
        f = await prepareBookings(c, { items: 60 });
        await f.setPostCount(5000);
      }, 120000);
      afterAll(() => c?.close());

      it('D1: link cut for 3 s — fast 503s with a generic body, no acknowledged booking lost, first success ≤ 1 s after the link returns, no restart', async () => {
        const tokens = await c.loginResidents('dbcut', 30);
        const slots = [f.nextSlot(), f.nextSlot(), f.nextSlot()];
        const CUT_AT = 1500;
        const OUTAGE = 3000;
        const AFTER = 3000; // the load goes on this long after the link is back
        let cutAt = -1;
        let restoredAt = -1;
        let cutting: Promise<void> | undefined;
        const health = { during: 0, backAfterMs: Infinity };
        const pids = c.procs.map((p) => p.pid);
        const loadStart = performance.now();
        const wishes = await bookingLoad(f, {
          tokens, slots, ms: CUT_AT + OUTAGE + AFTER + 500,
          onTick: (t) => {
            if (cutAt < 0 && t > CUT_AT) {
              cutAt = t;
              cutting = (async () => {
                await c.proxy!.cut();
                await sleep(1000);
                health.during = (await c.http('GET', '/api/health', { timeoutMs: 5000 })).status;
                await sleep(OUTAGE - 1000);
                await c.proxy!.restore();
                restoredAt = performance.now() - loadStart; // MariaDB is reachable again
                const t = performance.now();
                while ((await c.http('GET', '/api/health', { timeoutMs: 5000 })).status !== 200 && performance.now() - t < 10000) await sleep(20);
                health.backAfterMs = performance.now() - t;
              })();
            }
          },
        });
        await cutting;
        expect(c.procs.map((p) => p.pid)).toEqual(pids); // the app was not restarted
        const answers = answersOf(wishes);
        const during = answers.filter((a) => a.startedAt > cutAt + 50 && a.endedAt < restoredAt);
        const after = answers.filter((a) => a.startedAt >= restoredAt);
        const recovery = recoveryAfter(answers, restoredAt);
        console.log(`[D1] cut at ${Math.round(cutAt)} ms for ${OUTAGE} ms, load until ${Math.round(Math.max(...answers.map((a) => a.endedAt)))} ms; during the outage ${describeWindow(during)}; after ${describeWindow(after)}; recovery: ${fmtRecovery(recovery)}; health back after ${health.backAfterMs.toFixed(0)} ms`);
        // the observation covers what the bound needs: the load went on well past the restore
        expect(cutAt).toBeGreaterThan(0);
        expect(restoredAt).toBeGreaterThan(cutAt);
        expect(Math.max(...answers.map((a) => a.endedAt)) - restoredAt).toBeGreaterThan(AFTER - 500);
        expect(during.length).toBeGreaterThan(10);
        expect(Object.keys(countBy(answers, (a) => a.status)).filter((s) => !['201', '409', '503'].includes(s))).toEqual([]);
        // during the outage: every request fails fast with 503 DATABASE_UNAVAILABLE and a generic body
        expect(during.filter((a) => a.status !== 503 || a.body?.code !== 'DATABASE_UNAVAILABLE').map(brief)).toEqual([]);
        expect(during.filter((a) => a.endedAt - a.startedAt >= 2000).map(brief)).toEqual([]);
        expectGeneric503(answers);
        // recovery within 1 s of the link returning, without restarting anything: a booking sent then succeeds, and
        // nothing sent later fails
        expect(recovery.firstSuccess).toBeLessThanOrEqual(1000);
        expect(recovery.lastFailure).toBeLessThanOrEqual(1000);
        // C3: every request that failed (possibly after its COMMIT: an ambiguous commit) was sent again with its key
        await settle(f, tokens, wishes);
        const booked = wishes.filter((w) => w.last?.status === 201);
        expect(wishes.filter((w) => w.last?.status !== 201).map(brief)).toEqual([]);
        await assertConsistent(c, booked.map((w) => w.last!.body.id as string));
        await expectOneBookingPerWish(c, booked);
        // the health endpoint said the database was down during the cut, and said it was back within a second
        expect(health.during).toBe(503);
        expect(health.backAfterMs).toBeLessThanOrEqual(1000);
      });

      it('D3: +500 ms latency, 5 % loss, link cut for 30 s under booking load with the dispatcher and a leased job running — 503 with a code throughout, nothing half-written or left open, no notification lost, recovery ≤ 1 s', async () => {
        const tokens = await c.loginResidents('d3', 30);
        // the residents accepted booking-result subscriptions (ours and the peer's credits), so confirmations are pushed
        for (const [i, token] of tokens.entries()) {
          for (let k = 0; k < 3; k++) {
            const r = await c.call(routes.reportSubscriptions, { results: [{ templateId: DEV_TEMPLATE_IDS.booking_result, result: 'accept' }] }, { token });
            expect(r.status).toBe(200);
          }
          // @ts-expect-error the peer is plain JavaScript (JSDoc-typed)
          const { openidForUser } = (await import('../../../scripts/wechat-peer/peer.mjs')) as { openidForUser: (u: string) => string };
          await c.peerCall('/__peer/credits', { openid: openidForUser(`d3-${i}`), templateId: DEV_TEMPLATE_IDS.booking_result, count: 100 });
        }
        // E2 during the outage: WeChat itself misbehaves too — 5 % of sends answered 5xx, 2 % of replies lost
        await c.peerCall('/__peer/chaos', { endpoint: 'subscribe_send', httpStatusRate: 0.05, lostReplyRate: 0.02 });
        const slots = [f.nextSlot(), f.nextSlot(), f.nextSlot()];
        const proxy = c.proxy!;
        const BASE = 2000; // baseline
        const SLOW = 3000; // +500 ms latency
        const LOSSY = 3000; // 5 % loss
        const CUT = 30000;
        const AFTER = 5000;
        const marks = { slow: BASE, lossy: BASE + SLOW, cut: -1, restored: -1 };
        let phase: Promise<void> | undefined;
        const pids = c.procs.map((p) => p.pid);
        const confirmer = startConfirmer(c, f);
        const loadStart = performance.now();
        proxy.takePeakConnections();
        const wishes = await bookingLoad(f, {
          tokens, slots, ms: BASE + SLOW + LOSSY + CUT + AFTER + 500, timeoutMs: 30000,
          onTick: (t) => {
            if (!phase && t > BASE) {
              phase = (async () => {
                proxy.setLatency(500);
                await sleep(SLOW);
                proxy.setLatency(0);
                proxy.setLoss(0.05);
                await sleep(LOSSY);
                proxy.setLoss(0);
                marks.cut = performance.now() - loadStart;
                await proxy.cut();
                await sleep(CUT);
                await proxy.restore();
                marks.restored = performance.now() - loadStart;
              })();
            }
          },
        });
        await phase;
        await confirmer.stop();
        expect(c.procs.map((p) => p.pid)).toEqual(pids);
        const answers = answersOf(wishes);
        const win = (from: number, to: number) => answers.filter((a) => a.startedAt >= from && a.startedAt < to); // by when they were sent
        const baseline = win(0, BASE);
        const during = answers.filter((a) => a.startedAt > marks.cut + 50 && a.endedAt < marks.restored);
        const after = win(marks.restored + 1000, Infinity);
        const recovery = recoveryAfter(answers, marks.restored);
        console.log(`[D3] baseline ${describeWindow(baseline)}; +500 ms ${describeWindow(win(marks.slow, marks.lossy))}; 5 % loss ${describeWindow(win(marks.lossy, marks.cut))}; cut ${Math.round(marks.cut)}–${Math.round(marks.restored)} ms ${describeWindow(during)}; from 1 s after ${describeWindow(after)}; recovery: ${fmtRecovery(recovery)}; confirmations ${JSON.stringify(countBy(confirmer.statuses, (s) => s))}`);
        const peak = proxy.takePeakConnections(); // over all of D3: latency, loss and cut
        // every answer is a booking, a refusal or a 503 with a code and a generic body; during the cut only 503s
        expect(Object.keys(countBy(answers, (a) => a.status)).filter((s) => !['201', '409', '503'].includes(s))).toEqual([]);
        expectGeneric503(answers);
        expect(during.length).toBeGreaterThan(30);
        expect(during.filter((a) => a.status !== 503).map(brief)).toEqual([]);
        // queued requests are shed at the handler time limit, never held longer (1.5 s margin for a loaded box)
        expect(answers.filter((a) => a.endedAt - a.startedAt > HANDLER_MS + 1500).map(brief)).toEqual([]);
        // the pools did not grow unbounded: 2 processes × DB_POOL_SIZE (10) connections through the proxy, plus the few
        // a pool has already replaced while the proxy has yet to see the old socket's close (one was seen in CI)
        expect(peak).toBeLessThanOrEqual(POOL_BOUND);
        // recovery without restart within 1 s, and the latency back near the baseline measured in the same run
        expect(recovery.firstSuccess).toBeLessThanOrEqual(1000);
        expect(recovery.lastFailure).toBeLessThanOrEqual(1000);
        const p99 = (xs: Answer[]) => percentile(xs.map((a) => a.endedAt - a.startedAt), 99);
        expect(after.length).toBeGreaterThan(20);
        expect(p99(after)).toBeLessThanOrEqual(4 * p99(baseline) + 300);
        // nothing half-written, every request sent again with its key ends booked exactly once
        await settle(f, tokens, wishes);
        expect(wishes.filter((w) => w.last?.status !== 201).map(brief)).toEqual([]);
        await assertConsistent(c, wishes.map((w) => w.last!.body.id as string));
        await expectOneBookingPerWish(c, wishes);
        // no transaction left open (InnoDB's own view)
        await waitFor('no transaction older than 3 s', 10000, async () => (await staleTransactions(c, 3)).length === 0);
        // no job holding a lease past its expiry: every leased job renewed its lease after the link came back
        const restoredWall = Date.now() - (performance.now() - loadStart - marks.restored);
        await waitFor('job leases renewed after the outage', 10000, async () => {
          const leases = await c.probe.query<{ name: string; expires_at: Date }>('SELECT name, expires_at FROM booking_job_lease');
          return leases.length > 0 && leases.every((l) => new Date(l.expires_at).getTime() - 30000 > restoredWall - 1000);
        });
        // no notification lost: every booking_confirmed event of these residents is pushed, and the peer received
        // each one (duplicate deliveries allowed, counted)
        const ids = wishes.map((w) => w.last!.body.id as string);
        // (a resident holds 3 subscription credits: confirmations past those go to the inbox only, push_state no_credit)
        let states: Record<string, number> = {};
        const events = await waitFor('every confirmation settled within 60 s', 60000, async () => {
          const rows = await c.probe.query<{ id: string; push_state: string }>(
            `SELECT id, push_state FROM notification_event WHERE type = 'booking_confirmed' AND link_id IN (${ids.map(() => '?').join(',')})`, ids);
          states = countBy(rows, (r) => r.push_state);
          return rows.every((r) => r.push_state === 'sent' || r.push_state === 'no_credit') && rows;
        }).catch((err: Error) => {
          throw new Error(`${err.message}: ${JSON.stringify(states)}`);
        });
        // each one is in the resident's inbox exactly once
        const inbox = await c.probe.query<{ event_id: string; n: number }>(
          `SELECT m.event_id, COUNT(*) AS n FROM inbox_message m WHERE m.event_id IN (${events.map(() => '?').join(',')}) GROUP BY m.event_id`, events.map((e) => e.id));
        expect(inbox.length).toBe(events.length);
        expect(inbox.filter((r) => Number(r.n) !== 1)).toEqual([]);
        const messages = (await c.peerCall<{ messages: { page?: string; template_id: string }[] }>('/__peer/messages')).messages.filter((m) => m.template_id === DEV_TEMPLATE_IDS.booking_result);
        const pages = new Set(messages.map((m) => m.page));
        const sent = events.filter((e) => e.push_state === 'sent').length;
        const { lostReplies } = await c.peerCall<{ lostReplies: Record<string, number> }>('/__peer/chaos');
        await c.peerCall('/__peer/chaos', { endpoint: 'subscribe_send', httpStatusRate: 0, lostReplyRate: 0 });
        console.log(`[D3] ${events.length} confirmations: ${JSON.stringify(states)}; ${messages.length} deliveries to the peer (${messages.length - pages.size} duplicates; replies the peer lost: ${lostReplies.subscribe_send ?? 0})`);
        expect(sent).toBeGreaterThan(0);
        expect(pages.size).toBeGreaterThanOrEqual(sent);
      }, 180000);

      it('partition (half-open sockets) for 8 s: 503 with a code, connections bounded, open transactions ended by the server, recovery within the client-side query limit', async () => {
        const tokens = await c.loginResidents('part', 20);
        const slots = [f.nextSlot(), f.nextSlot(), f.nextSlot()];
        const proxy = c.proxy!;
        const AT = 1500;
        const PARTITION = 8000;
        const AFTER = 5000;
        const QUERY_TIMEOUT = 3000; // DB_QUERY_TIMEOUT_MS above
        const marks = { partition: -1, healed: -1 };
        let phase: Promise<void> | undefined;
        const loadStart = performance.now();
        proxy.takePeakConnections();
        const wishes = await bookingLoad(f, {
          tokens, slots, ms: AT + PARTITION + AFTER,
          onTick: (t) => {
            if (!phase && t > AT) {
              phase = (async () => {
                marks.partition = performance.now() - loadStart;
                proxy.partition();
                await sleep(PARTITION);
                proxy.heal();
                marks.healed = performance.now() - loadStart;
              })();
            }
          },
        });
        await phase;
        const peak = proxy.takePeakConnections();
        const answers = answersOf(wishes);
        const during = answers.filter((a) => a.startedAt > marks.partition + 50 && a.endedAt < marks.healed);
        const recovery = recoveryAfter(answers, marks.healed);
        console.log(`[partition] ${Math.round(marks.partition)}–${Math.round(marks.healed)} ms: ${describeWindow(during)}; after ${describeWindow(answers.filter((a) => a.startedAt >= marks.healed))}; peak ${peak} proxied connections; recovery: ${fmtRecovery(recovery)}`);
        expect(Object.keys(countBy(answers, (a) => a.status)).filter((s) => !['201', '409', '503'].includes(s))).toEqual([]);
        expectGeneric503(answers);
        // each request waits for the handler limit (4 s) here, so few both start and end inside 8 s: require that every
        // resident kept trying during the partition, and that whatever was answered inside it was a 503
        const sentDuring = answers.filter((a) => a.startedAt > marks.partition + 50 && a.startedAt < marks.healed);
        expect(sentDuring.length).toBeGreaterThanOrEqual(tokens.length);
        expect(during.length).toBeGreaterThan(0);
        expect(during.filter((a) => a.status !== 503).map(brief)).toEqual([]);
        expect(answers.filter((a) => a.endedAt - a.startedAt > HANDLER_MS + 1500).map(brief)).toEqual([]);
        // connections stuck on a dead socket are given up at the query limit and replaced, within the pools' size
        // (2 processes × DB_POOL_SIZE 10; a connection still being opened counts against its pool too; see POOL_BOUND)
        expect(peak).toBeLessThanOrEqual(POOL_BOUND);
        // a connection whose statement was lost is found out at the client-side query limit: recovery within it
        expect(recovery.firstSuccess).toBeLessThanOrEqual(QUERY_TIMEOUT + 1000);
        expect(recovery.lastFailure).toBeLessThanOrEqual(QUERY_TIMEOUT + 1000);
        await settle(f, tokens, wishes);
        expect(wishes.filter((w) => w.last?.status !== 201).map(brief)).toEqual([]);
        await assertConsistent(c, wishes.map((w) => w.last!.body.id as string));
        // transactions whose client vanished behind the partition are ended by MariaDB (idle_transaction_timeout 5 s)
        await waitFor('no transaction older than 6 s', 15000, async () => (await staleTransactions(c, 6)).length === 0);
      }, 120000);
    });
  }
});
