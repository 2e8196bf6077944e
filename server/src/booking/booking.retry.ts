import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { Db } from '../common/db';
import { isRetryableConflict } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';

// A booking write transaction. One that lost a lock conflict (deadlock, lock-wait timeout, snapshot-isolation 1020) did
// nothing: Db.retrying runs it again, at most `lockRetries` times with jittered backoff. When the retries are spent the
// caller gets a clean 409 CONFLICT with Retry-After (not the generic 503 the error filter gives an unretried conflict).
@Injectable()
export class LockRetry {
  constructor(
    private readonly db: Db,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const attempts = this.config.booking.lockRetries + 1;
    try {
      return await this.db.retrying(work, attempts);
    } catch (err) {
      // a joined transaction is not retried here: its conflict belongs to whoever opened it
      if (!isRetryableConflict(err) || this.db.inTransaction) throw err;
      this.log.warn({ event: 'booking_lock_conflict_gave_up', attempts }, 'lock conflict, retries exhausted');
      throw new DomainError(ErrorCode.Conflict, 'busy, please retry', { retryAfterSeconds: 1 }, { 'retry-after': '1' });
    }
  }
}
