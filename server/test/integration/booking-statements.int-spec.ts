import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { RateLimitRepository, slidingCount } from '../../src/common/rate-limiter';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOOKING_TEST_ENV, MEICUN, at, book, controlClock, serviceItemId } from './booking-helpers';

// What one booking costs the database (issue 10 item 9): the SQL statements — each one a round trip on MariaDB — of
// a resident's booking once the per-account rows and the slot row exist (the benchmark's steady state). A budget, not
// a timing: a change that adds a read or a write to the hot path fails here and has to say why in this file.
// 13 before the cut (session and account read apart, the rate limiter re-reading its counter); now
//   auth: session + account (1) · preflight: seats + no-shows (1) · transaction: START, idempotency key, quota,
//   booking, case file, case log, rate-limit hit, seat, COMMIT (9)
const BUDGET = 11;

function recordStatements(t: TestApp) {
  const seen: string[] = [];
  const logger = t.ds.logger as { logQuery: (q: string, p?: unknown[]) => void };
  const original = logger.logQuery;
  logger.logQuery = (q: string) => void seen.push(q.replace(/\s+/g, ' '));
  return {
    seen,
    stop: () => {
      logger.logQuery = original;
    },
  };
}

describeEngines('booking statements on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'booking-statements', env: BOOKING_TEST_ENV });
  }, 120000);
  afterAll(() => t?.close());

  it(`a steady-state booking takes at most ${BUDGET} statements, the session and its account in one`, async () => {
    controlClock(t).set(at('2026-09-17', '10:00'));
    const residence = await serviceItemId(t);
    const dibao = await serviceItemId(t, MEICUN, '低保咨询');
    const token = await t.loginResident('statements');
    // the first booking creates the account's quota and rate-limit rows and the slot row
    expect((await book(t, token, { serviceItemId: residence, date: '2026-09-18', start: '09:00' })).status).toBe(201);

    const rec = recordStatements(t);
    let r;
    try {
      r = await book(t, token, { serviceItemId: dibao, date: '2026-09-18', start: '09:00', idempotencyKey: randomUUID() });
    } finally {
      rec.stop();
    }
    expect(r.status).toBe(201);
    // reference data (service item, settings, closures, statutory calendar) is cached per process for REFERENCE_TTL_MS
    // and read at most once in that time whatever the load: not part of a booking's own cost
    const own = rec.seen.filter((q) => !/ServiceItemEntity|BookingSettingsEntity|ClosureEntity|Statutory/.test(q));
    const list = own.map((q) => q.slice(0, 120)).join('\n');
    expect(own.length <= BUDGET ? 'within budget' : `${own.length} statements:\n${list}`).toBe('within budget');
    // the negative control of the budget's own parts: one read names both the session and the account
    expect(rec.seen.filter((q) => /auth_session|AuthSessionEntity/.test(q))).toHaveLength(1);
    expect(rec.seen.filter((q) => /resident_account|ResidentAccountEntity/.test(q))).toHaveLength(1);
    expect(rec.seen.filter((q) => /auth_session/.test(q) && /resident_account/.test(q))).toHaveLength(1);
    // the rate-limit counter is bumped, never read back, when the hit is within the limit
    expect(rec.seen.filter((q) => /rate_limit_bucket|RateLimitBucketEntity/.test(q))).toEqual([expect.stringMatching(/^UPDATE rate_limit_bucket SET hits = hits \+ 1/)]);
  });

  // the hot path's rate-limit hit is one conditional UPDATE (no read back): on both engines it must count a hit exactly
  // when the sliding count after it stays within the limit — the same arithmetic as slidingCount, at every edge
  it('the conditional rate-limit hit agrees with slidingCount over a grid of counters, limits and instants', async () => {
    const repo = t.app.app.get(RateLimitRepository);
    const W = 60;
    const start = 1_800_000_000 - (1_800_000_000 % W);
    const disagreements: string[] = [];
    let counted = 0;
    let refused = 0;
    for (const limit of [1, 3, 7]) {
      for (const hits of [0, 2, 3, 6]) {
        for (const prevHits of [0, 2, 5, 9]) {
          for (const into of [0, 20, 30, 59]) {
            const key = `grid:${limit}:${hits}:${prevHits}:${into}`;
            await t.ds.query('INSERT INTO rate_limit_bucket (bucket_key, window_start, hits, prev_hits) VALUES (?, ?, ?, ?)', [key, start, hits, prevHits]);
            const nowSec = start + into;
            const expected = slidingCount({ windowStart: start, hits: hits + 1, prevHits }, start, W, nowSec) <= limit;
            const got = await t.ds.transaction((tx) => repo.hitBelow(tx, key, start, W, nowSec, limit));
            const [row] = await t.ds.query('SELECT hits FROM rate_limit_bucket WHERE bucket_key = ?', [key]);
            if (got !== expected || Number(row.hits) !== hits + (got ? 1 : 0)) disagreements.push(`${key}: expected ${expected}, got ${got}, hits now ${row.hits}`);
            if (got) counted++;
            else refused++;
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(counted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
    // another window (the row is older or newer) is never counted on the fast path: the caller takes the full one
    await t.ds.query('INSERT INTO rate_limit_bucket (bucket_key, window_start, hits, prev_hits) VALUES (?, ?, 0, 0)', ['grid:old', start - W]);
    expect(await t.ds.transaction((tx) => repo.hitBelow(tx, 'grid:old', start, W, start + 1, 100))).toBe(false);
    expect(await t.ds.transaction((tx) => repo.hitBelow(tx, 'grid:missing', start, W, start + 1, 100))).toBe(false);
  });
});
