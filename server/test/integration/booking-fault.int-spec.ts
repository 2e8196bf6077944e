import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { testEngines } from '../support/engines';
import { startCluster, type Cluster } from '../support/cluster';
import { countBy, percentile, sleep } from '../support/booking-load';
import { allSlotViolations } from '../support/booking-invariants';
import { prepareBookings, type BookingFixture, type SlotRef } from '../support/booking-scenario';

// Fault injection on the booking path (reliability rows D1 and D2, plus the C3 retry-with-the-same-key check):
// the database link cut mid-load (MariaDB, through a TCP proxy) and a server process killed with SIGKILL mid-load.
// See docs/booking-reliability.md for why the proxy stands in for killing MariaDB.
const ENV = { BOOKING_ACTIVE_LIMIT: '1000', BOOKING_CREATE_RATE_LIMIT: '100000', BOOKING_JOB_POLL_SECONDS: '0' };

interface Attempt {
  client: number;
  item: string;
  key: string;
  slot: SlotRef;
  proc?: number;
  startedAt: number; // ms since the load began
  ms: number;
  status: number; // 0 = no HTTP answer (connection refused / reset by a killed process)
  body?: any;
}

// `clients` residents each book their own (resident, item) pairs back to back over a few hot slots until `ms` elapse
// (stops at `ms`, or earlier once `stop()` says so)
async function bookingLoad(c: Cluster, f: BookingFixture, tokens: string[], items: string[], slots: SlotRef[], ms: number, onTick?: (t: number) => void, procOf?: (client: number) => number, stop: () => boolean = () => false) {
  const t0 = performance.now();
  const attempts: Attempt[] = [];
  await Promise.all(
    tokens.map(async (token, client) => {
      for (let i = 0; i < items.length && performance.now() - t0 < ms && !stop(); i++) {
        const a: Attempt = { client, item: items[i], key: randomUUID(), slot: slots[(client + i) % slots.length], proc: procOf?.(client), startedAt: performance.now() - t0, ms: 0, status: 0 };
        try {
          const r = await f.book(token, a.item, a.slot, { key: a.key, proc: a.proc, timeoutMs: 10000 });
          a.status = r.status;
          a.body = r.body;
          a.ms = r.ms;
        } catch (err) {
          a.ms = performance.now() - t0 - a.startedAt;
          a.body = (err as Error).message;
          await sleep(20); // the process is gone: do not spin
        }
        attempts.push(a);
        onTick?.(performance.now() - t0);
      }
    }),
  );
  return attempts;
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
  const noLog = await c.probe.query(`SELECT b.id FROM booking b WHERE (SELECT COUNT(*) FROM booking_case_log l WHERE l.booking_id = b.id AND l.action = 'created') <> 1`);
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
         <> (SELECT COUNT(*) FROM booking_case_log l WHERE l.booking_id = b.id AND l.action = 'confirmed')`,
  );
  expect(mismatch).toEqual([]);
}

describe.each(testEngines())('booking fault injection on %s', (engine) => {
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
      // staff confirm bookings while they are created, so the kill also lands in transactions that write outbox rows
      const confirmed: number[] = [];
      let stopConfirming = false;
      const confirmer = (async () => {
        while (!stopConfirming) {
          const rows = await c.probe.query<{ id: string }>("SELECT id FROM booking WHERE status = 'pending' ORDER BY created_at DESC LIMIT 5");
          await Promise.all(rows.map(async (r) => {
            const res = await c.call(routes.staffConfirmBooking, {}, { token: f.staffToken, params: { id: r.id } }).catch(() => ({ status: 0 }));
            confirmed.push(res.status);
          }));
          await sleep(10);
        }
      })();
      let killedAt = -1;
      let done = false;
      let restarting: Promise<void> | undefined;
      // the load runs until 2 s after the killed process is back (bounded at 60 s)
      const attempts = await bookingLoad(c, f, tokens, f.items, slots, 60000, (t) => {
        if (killedAt < 0 && t > 1500) {
          killedAt = t;
          restarting = c.kill(1).then(() => sleep(1000)).then(() => c.restart(1)).then(() => sleep(2000)).then(() => void (done = true));
        }
      }, undefined, () => done);
      await restarting;
      stopConfirming = true;
      await confirmer;
      const statuses = countBy(attempts, (a) => a.status);
      console.log(`[${engine}] D2 kill -9 at ${Math.round(killedAt)} ms: bookings ${JSON.stringify(statuses)}, confirmations ${JSON.stringify(countBy(confirmed, (s) => s))}`);
      expect(killedAt).toBeGreaterThan(0);
      // the kill hit requests in flight, and bookings succeeded before it and after the restart
      expect(statuses[0]).toBeGreaterThan(0);
      expect(attempts.some((a) => a.status === 201 && a.startedAt < killedAt)).toBe(true);
      expect(attempts.some((a) => a.status === 201 && a.startedAt > killedAt + 1000)).toBe(true);
      // only the killed process's in-flight/refused requests fail; nobody gets a 5xx from a living process
      expect(Object.keys(statuses).filter((s) => !['0', '201', '409'].includes(s))).toEqual([]);
      expect(Object.keys(countBy(confirmed, (s) => s)).filter((s) => !['0', '200', '409'].includes(s))).toEqual([]);
      // a request whose answer was lost with the process is retried with the same key: it ends booked exactly once
      for (const a of attempts.filter((x) => x.status === 0)) {
        const r = await f.book(tokens[a.client], a.item, a.slot, { key: a.key });
        expect([201, 409]).toContain(r.status);
        if (r.status === 201) a.body = r.body;
        a.status = r.status;
      }
      await assertConsistent(c, attempts.filter((a) => a.status === 201).map((a) => a.body.id as string));
      const [{ n }] = await c.probe.query<{ n: number }>("SELECT COUNT(*) AS n FROM booking WHERE status IN ('pending','confirmed')");
      expect(Number(n)).toBe(attempts.filter((a) => a.status === 201).length);
    });
  });

  if (engine === 'mariadb') {
    describe('D1: the database link cut mid-load (TCP proxy; stands in for kill -9 of the shared MariaDB)', () => {
      let c: Cluster;
      let f: BookingFixture;
      let tokens: string[];
      beforeAll(async () => {
        c = await startCluster({ engine, processes: 2, name: 'booking-dbcut', env: ENV, viaProxy: true });
        f = await prepareBookings(c, { items: 60 });
        tokens = await c.loginResidents('dbcut', 30);
      }, 120000);
      afterAll(() => c?.close());

      it('no acknowledged booking lost, fast 503s with a generic body during the outage, first success ≤ 5 s after, no restart', async () => {
        await f.setPostCount(5000);
        const slots = [f.nextSlot(), f.nextSlot(), f.nextSlot()];
        const CUT_AT = 1500;
        const OUTAGE = 3000;
        let cutAt = -1;
        let restoredAt = -1;
        let cutting: Promise<void> | undefined;
        const pids = c.procs.map((p) => p.pid);
        const loadStart = performance.now(); // bookingLoad's clock starts here too
        const attempts = await bookingLoad(c, f, tokens, f.items, slots, 7000, (t) => {
          if (cutAt < 0 && t > CUT_AT) {
            cutAt = t;
            cutting = c.proxy!.cut().then(() => sleep(OUTAGE)).then(async () => {
              await c.proxy!.restore();
              restoredAt = performance.now() - loadStart; // the moment MariaDB is reachable again
            });
          }
        });
        await cutting;
        expect(c.procs.map((p) => p.pid)).toEqual(pids); // the app was not restarted
        const statuses = countBy(attempts, (a) => a.status);
        const during = attempts.filter((a) => a.startedAt > cutAt + 50 && a.startedAt + a.ms < restoredAt);
        const after = attempts.filter((a) => a.startedAt >= restoredAt && a.status === 201).sort((a, b) => a.startedAt - b.startedAt);
        const firstSuccess = after.length ? after[0].startedAt + after[0].ms - restoredAt : Infinity;
        const msDuring = during.map((a) => a.ms);
        console.log(`[D1] cut at ${Math.round(cutAt)} ms for ${OUTAGE} ms: ${JSON.stringify(statuses)}; during the outage ${during.length} requests ${JSON.stringify(countBy(during, (a) => a.status))}, p99 ${percentile(msDuring, 99).toFixed(1)} ms, max ${Math.max(...msDuring).toFixed(1)} ms; first success ${firstSuccess.toFixed(0)} ms after the link came back`);
        expect(during.length).toBeGreaterThan(10);
        expect(Object.keys(statuses).filter((s) => !['201', '409', '503'].includes(s))).toEqual([]);
        expect(during.every((a) => a.status === 503)).toBe(true);
        expect(during.every((a) => a.ms < 2000)).toBe(true);
        for (const a of attempts.filter((x) => x.status === 503)) {
          expect(a.body).toEqual({ code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
          expect(JSON.stringify(a.body)).not.toMatch(/ECONN|PROTOCOL|mysql|sql|127\.0\.0\.1|at \w+ \(/i);
        }
        expect(firstSuccess).toBeLessThanOrEqual(5000);
        // C3: every request that failed (possibly after its COMMIT: an ambiguous commit) is retried with the same key
        for (const a of attempts.filter((x) => x.status === 503)) {
          const r = await f.book(tokens[a.client], a.item, a.slot, { key: a.key });
          expect(r.status).toBe(201);
          a.status = 201;
          a.body = r.body;
        }
        const acknowledged = attempts.filter((a) => a.status === 201);
        await assertConsistent(c, acknowledged.map((a) => a.body.id as string));
        // each (resident, item) attempt produced exactly one booking, however many times it was sent
        const [{ n }] = await c.probe.query<{ n: number }>('SELECT COUNT(*) AS n FROM booking');
        expect(Number(n)).toBe(acknowledged.length);
      });
    });
  }
});
