import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { Db } from './db';
import { isUniqueViolation } from './db-errors';
import { DomainError } from './domain-error';
import { RateLimitBucketEntity } from './rate-limit.entity';

export interface RateRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

@Injectable()
export class RateLimitRepository {
  // atomic in both engines: bump the current window, else roll the window over, else create the row
  async hit(m: EntityManager, key: string, windowStart: number): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const bumped = await m
        .createQueryBuilder()
        .update(RateLimitBucketEntity)
        .set({ hits: () => 'hits + 1' })
        .where('bucket_key = :key AND window_start = :windowStart', { key, windowStart })
        .execute();
      if (bumped.affected === 1) return this.count(m, key);
      const rolled = await m
        .createQueryBuilder()
        .update(RateLimitBucketEntity)
        .set({ hits: 1, windowStart: String(windowStart) })
        .where('bucket_key = :key AND window_start < :windowStart', { key, windowStart })
        .execute();
      if (rolled.affected === 1) return 1;
      try {
        await m.insert(RateLimitBucketEntity, { bucketKey: key, windowStart: String(windowStart), hits: 1 });
        return 1;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    return Number.MAX_SAFE_INTEGER;
  }

  private async count(m: EntityManager, key: string): Promise<number> {
    const row = await m.findOne(RateLimitBucketEntity, { where: { bucketKey: key } });
    return row?.hits ?? 0;
  }

  async hitsInWindow(m: EntityManager, key: string, windowStart: number): Promise<number> {
    const row = await m.findOne(RateLimitBucketEntity, { where: { bucketKey: key } });
    return row && Number(row.windowStart) === windowStart ? row.hits : 0;
  }

  async clear(m: EntityManager, key: string): Promise<void> {
    await m.delete(RateLimitBucketEntity, { bucketKey: key });
  }

  async purgeBefore(m: EntityManager, windowStart: number): Promise<number> {
    const r = await m.createQueryBuilder().delete().from(RateLimitBucketEntity).where('window_start < :windowStart', { windowStart }).execute();
    return r.affected ?? 0;
  }
}

@Injectable()
export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly repo: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  // counts this request, then throws RATE_LIMITED with Retry-After once `limit` hits are used up in the window
  async consume(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    const hits = await this.db.transaction((tx) => this.repo.hit(tx, w.key, w.start));
    if (hits > rule.limit) throw this.limited(rule, w);
  }

  // for counting failures only: refuses once `limit` failures are recorded, without counting this request
  async assertBelow(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    const hits = await this.db.read((m) => this.repo.hitsInWindow(m, w.key, w.start));
    if (hits >= rule.limit) throw this.limited(rule, w);
  }

  async record(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    await this.db.transaction((tx) => this.repo.hit(tx, w.key, w.start));
  }

  async reset(rule: RateRule, subject: string): Promise<void> {
    const w = this.window(rule, subject);
    await this.db.transaction((tx) => this.repo.clear(tx, w.key));
  }

  // counters from windows that ended more than a day ago are useless: drop them
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
