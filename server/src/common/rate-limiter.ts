import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { Db } from './db';
import { isUniqueViolation } from './db-errors';
import { DomainError } from './domain-error';
import { affectedRows } from './rows';
import { RateLimitBucketEntity } from './rate-limit.entity';

export interface RateRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface Counter {
  windowStart: number;
  hits: number;
  prevHits: number;
}

@Injectable()
export class RateLimitRepository {
  // atomic in both engines: bump the current window, else roll the window over (keeping the count of the window that
  // just ended when it is the previous one), else create the row; returns the counter as it stands after this hit
  // `n` hits at once (a caller that counts in batches, e.g. the search gate); 1 for a single request
  async hit(m: EntityManager, key: string, windowStart: number, windowSeconds: number, n = 1): Promise<Counter> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const bumped = await m
        .createQueryBuilder()
        .update(RateLimitBucketEntity)
        .set({ hits: () => `hits + ${Math.trunc(n)}` })
        .where('bucket_key = :key AND window_start >= :windowStart', { key, windowStart }) // >=: a request that computed its window just before another rolled the row over still counts in it
        .execute();
      if (bumped.affected === 1) return (await this.read(m, key)) ?? { windowStart, hits: n, prevHits: 0 };
      const rolled = await m
        .createQueryBuilder()
        .update(RateLimitBucketEntity)
        .set({ prevHits: () => 'CASE WHEN window_start = :previous THEN hits ELSE 0 END', hits: n, windowStart: String(windowStart) })
        .where('bucket_key = :key AND window_start < :windowStart', { key, windowStart, previous: windowStart - windowSeconds })
        .execute();
      if (rolled.affected === 1) return (await this.read(m, key)) ?? { windowStart, hits: n, prevHits: 0 };
      try {
        await m.insert(RateLimitBucketEntity, { bucketKey: key, windowStart: String(windowStart), hits: n, prevHits: 0 });
        return { windowStart, hits: n, prevHits: 0 };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    return { windowStart, hits: Number.MAX_SAFE_INTEGER, prevHits: 0 };
  }

  /**
   * The common case in one statement, no read: counts the hit only when the row is in this window and the sliding
   * count after it stays within `limit` (the condition is slidingCount's, in integers: hits + 1 + ceil(prev·r/W) ≤ limit
   * ⟺ prev·r ≤ (limit − hits − 1)·W, r = the seconds of the previous window still inside the last W). False when it
   * did not count (limit reached, another window, no row): the caller then takes the full path (hit + read).
   */
  async hitBelow(m: EntityManager, key: string, windowStart: number, windowSeconds: number, nowSec: number, limit: number): Promise<boolean> {
    const remaining = windowStart + windowSeconds - nowSec;
    return (
      (await affectedRows(
        m,
        'UPDATE rate_limit_bucket SET hits = hits + 1 WHERE bucket_key = ? AND window_start = ? AND prev_hits * ? <= (? - hits - 1) * ?',
        [key, windowStart, remaining, limit, windowSeconds],
      )) === 1
    );
  }

  // creates the counter row if it is missing (one autocommit statement), so a later hit inside a transaction only
  // updates an existing row: inserting it there takes InnoDB gap locks that deadlock concurrent first hits
  async ensure(m: EntityManager, key: string, windowStart: number): Promise<void> {
    try {
      await m.insert(RateLimitBucketEntity, { bucketKey: key, windowStart: String(windowStart), hits: 0, prevHits: 0 });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  async read(m: EntityManager, key: string): Promise<Counter | null> {
    const row = await m.findOne(RateLimitBucketEntity, { where: { bucketKey: key } });
    return row ? { windowStart: Number(row.windowStart), hits: row.hits, prevHits: row.prevHits } : null;
  }

  async clear(m: EntityManager, key: string): Promise<void> {
    await m.delete(RateLimitBucketEntity, { bucketKey: key });
  }

  async purgeBefore(m: EntityManager, windowStart: number): Promise<number> {
    const r = await m.createQueryBuilder().delete().from(RateLimitBucketEntity).where('window_start < :windowStart', { windowStart }).execute();
    return r.affected ?? 0;
  }
}

// sliding-window estimate: this window's hits plus the previous window's, weighted by how much of it still lies
// within the last `windowSeconds` (rounded up, so a boundary never lets a request through early)
// (integer numerator, one division: exact, so the SQL form in RateLimitRepository.hitBelow agrees to the request)
export function slidingCount(c: Counter | null, windowStart: number, windowSeconds: number, nowSec: number): number {
  if (!c) return 0;
  const remaining = windowStart + windowSeconds - nowSec;
  if (c.windowStart === windowStart) return c.hits + Math.ceil((c.prevHits * remaining) / windowSeconds);
  if (c.windowStart > windowStart) return c.hits; // another instance already moved on to the next window
  if (c.windowStart === windowStart - windowSeconds) return Math.ceil((c.hits * remaining) / windowSeconds);
  return 0;
}

@Injectable()
export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly repo: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  // counts this request, then throws RATE_LIMITED with Retry-After once `limit` hits are used up in the window.
  // Call it before opening a transaction: two first hits on a new key can deadlock in InnoDB (both miss the UPDATE
  // holding gap locks, then both INSERT); on its own it is simply retried.
  // Inside a caller's transaction (which prepared the row, see prepare) the common case — the row in this window,
  // under the limit — is one conditional UPDATE without a read. On its own the full path runs directly: a burst of
  // first hits on a new key would otherwise take gap locks twice (B2 answered 503 under such a burst on MariaDB).
  async consume(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    if (this.db.inTransaction && (await this.db.read((m) => this.repo.hitBelow(m, w.key, w.start, rule.windowSeconds, w.nowSec, rule.limit)))) return;
    const counter = await this.db.retrying((tx) => this.repo.hit(tx, w.key, w.start, rule.windowSeconds));
    const hits = slidingCount(counter, w.start, rule.windowSeconds, w.nowSec);
    if (hits > rule.limit) throw this.limited(rule, w);
  }

  // call before a transaction that will consume(rule, subject) inside it (see RateLimitRepository.ensure)
  async prepare(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    await this.db.read(async (m) => {
      if ((await this.repo.read(m, w.key)) === null) await this.repo.ensure(m, w.key, w.start);
    });
  }

  // for counting failures only: refuses once `limit` failures are recorded, without counting this request
  async assertBelow(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    const hits = slidingCount(await this.db.read((m) => this.repo.read(m, w.key)), w.start, rule.windowSeconds, w.nowSec);
    if (hits >= rule.limit) throw this.limited(rule, w);
  }

  async record(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    await this.db.retrying((tx) => this.repo.hit(tx, w.key, w.start, rule.windowSeconds));
  }

  async reset(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    await this.db.transaction((tx) => this.repo.clear(tx, w.key));
  }

  // counters from windows that ended more than a day ago are useless (no rule has a window over a day): drop them
  async purgeOld(): Promise<number> {
    const dayAgo = Math.floor(this.clock.now().getTime() / 1000) - 86400;
    return this.db.transaction((tx) => this.repo.purgeBefore(tx, dayAgo));
  }

  private window(rule: RateRule, subject: string) {
    const nowSec = Math.floor(this.clock.now().getTime() / 1000);
    return { key: `${rule.name}:${subject}`.slice(0, 191), start: nowSec - (nowSec % rule.windowSeconds), nowSec };
  }

  private limited(rule: RateRule, w: { start: number; nowSec: number }): DomainError {
    const retryAfter = String(Math.max(1, w.start + rule.windowSeconds - w.nowSec));
    return new DomainError(ErrorCode.RateLimited, `rate limit ${rule.name} exceeded`, { retryAfterSeconds: Number(retryAfter) }, { 'retry-after': retryAfter });
  }
}
