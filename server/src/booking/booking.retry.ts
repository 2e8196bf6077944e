import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import type { Logger } from 'pino';
import { DomainError } from '../common/domain-error';
import { PINO } from '../common/logger';
import { AppConfig } from '../config';
import { isLockConflict } from './booking.db-errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A write transaction that lost a lock conflict (deadlock, lock-wait timeout, snapshot-isolation 1020) did nothing:
// run it again, at most `lockRetries` times with jittered backoff, then answer a clean 409 CONFLICT with Retry-After.
@Injectable()
export class LockRetry {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const retries = this.config.booking.lockRetries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (!isLockConflict(err)) throw err;
        if (attempt >= retries) {
          this.log.warn({ event: 'booking_lock_conflict_gave_up', attempts: attempt + 1 }, 'lock conflict, retries exhausted');
          throw new DomainError(ErrorCode.Conflict, 'busy, please retry', { retryAfterSeconds: 1 }, { 'retry-after': '1' });
        }
        await sleep(5 + Math.random() * 20 * (attempt + 1));
      }
    }
  }
}
