import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { Db } from '../common/db';
import { isRetryableConflict } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';

// the longest pause between two runs (exponential with full jitter below it)
const BACKOFF_CAP_MS = 250;

// A booking write transaction. One that lost a lock conflict (deadlock, lock-wait timeout, snapshot-isolation 1020, a
// Galera certification failure) did nothing, so it is run again with jittered exponential backoff: at least
// `lockRetries` times, and beyond that for as long as less than `lockRetryMs` has passed since the first run. When both
// are spent the caller gets a clean 409 CONFLICT with Retry-After (not the generic 503 the error filter gives an
// unretried conflict). On one database conflicting bookings queue on the slot row's lock and the count suffices; on a
// multi-primary cluster every commit to a sought-after slot from another node aborts the ones in flight here, and a
// time budget keeps a resident from being told "busy" while seats are left (docs/booking.md; README, scale-out).
@Injectable()
export class LockRetry {
  constructor(
    private readonly db: Db,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  // the turn each slot's bookings take in this instance (BOOKING_SLOT_TURNS): the last transaction queued per slot
  private readonly turns = new Map<string, Promise<unknown>>();

  /**
   * `o.turn` (a slot id): with BOOKING_SLOT_TURNS on, the transactions that take a seat of that slot run one after the
   * other in this instance, first come first served, each with all its retries. Local scheduling only — no other
   * instance needs to agree with it, and the slot's conditional UPDATE stays the only capacity guard. On a Galera
   * cluster it turns the crowd of this instance's transactions waiting on a sought-after slot's row, every one of them
   * aborted whenever another node's commit to that row arrives, into one at a time (docs/booking.md).
   */
  transaction<T>(work: (tx: EntityManager) => Promise<T>, o: { turn?: string } = {}): Promise<T> {
    if (!o.turn || !this.config.booking.slotTurns || this.db.inTransaction) return this.retried(work);
    const key = o.turn;
    const mine = (this.turns.get(key) ?? Promise.resolve()).then(() => this.retried(work));
    const done = mine.catch(() => undefined);
    this.turns.set(key, done);
    void done.then(() => {
      if (this.turns.get(key) === done) this.turns.delete(key);
    });
    return mine;
  }

  /** slots with a booking running or waiting its turn here (tests) */
  get slotsInTurn(): number {
    return this.turns.size;
  }

  private async retried<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const { lockRetries, lockRetryMs } = this.config.booking;
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (err) {
        // a joined transaction is not retried here: its conflict belongs to whoever opened it
        if (!isRetryableConflict(err) || this.db.inTransaction) throw err;
        const elapsedMs = performance.now() - started;
        if (attempt > lockRetries && elapsedMs >= lockRetryMs) {
          this.log.warn({ event: 'booking_lock_conflict_gave_up', attempts: attempt, elapsedMs: Math.round(elapsedMs) }, 'lock conflict, retries exhausted');
          throw new DomainError(ErrorCode.Conflict, 'busy, please retry', { retryAfterSeconds: 1 }, { 'retry-after': '1' });
        }
        await new Promise((r) => setTimeout(r, 5 + Math.random() * Math.min(BACKOFF_CAP_MS, 10 * 2 ** attempt)));
      }
    }
  }
}
