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
}

@Injectable()
export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly repo: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  // throws RATE_LIMITED with Retry-After once `limit` hits are used up in the current window
  async consume(rule: RateRule, subject: string): Promise<void> {
    const nowSec = Math.floor(this.clock.now().getTime() / 1000);
    const windowStart = nowSec - (nowSec % rule.windowSeconds);
    const key = `${rule.name}:${subject}`.slice(0, 191);
    const hits = await this.db.read((m) => this.repo.hit(m, key, windowStart));
    if (hits <= rule.limit) return;
    const retryAfter = String(Math.max(1, windowStart + rule.windowSeconds - nowSec));
    throw new DomainError(ErrorCode.RateLimited, `rate limit ${rule.name} exceeded`, { retryAfterSeconds: Number(retryAfter) }, { 'retry-after': retryAfter });
  }
}
