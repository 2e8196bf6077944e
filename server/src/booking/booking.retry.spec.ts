import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@jianban/shared';
import type { Logger } from 'pino';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { AppConfig } from '../common/config';
import { LockRetry } from './booking.retry';

const tx = {} as EntityManager;
// a MariaDB pool: Db does not serialize, and each transaction just runs the work
const db = new Db({ options: { type: 'mariadb' }, transaction: (work: (m: EntityManager) => Promise<unknown>) => work(tx) } as unknown as DataSource);
const driverError = (code: string, errno?: number) => new QueryFailedError('UPDATE slot …', [], Object.assign(new Error(code), { code, errno }));

function setup(lockRetries: number, lockRetryMs = 0, slotTurns = false) {
  const warn = jest.fn();
  const retry = new LockRetry(db, { booking: { lockRetries, lockRetryMs, slotTurns } } as unknown as AppConfig, { warn } as unknown as Logger);
  return { retry, warn };
}

describe('LockRetry (booking write transactions)', () => {
  it('re-runs a transaction that lost a lock conflict and returns its result', async () => {
    const { retry, warn } = setup(3);
    const errors = [driverError('ER_LOCK_DEADLOCK', 1213), driverError('ER_CHECKREAD', 1020), driverError('SQLITE_BUSY_SNAPSHOT')];
    const work = jest.fn(async (m: EntityManager) => {
      expect(m).toBe(tx);
      const e = errors.shift();
      if (e) throw e;
      return 'booked';
    });
    await expect(retry.transaction(work)).resolves.toBe('booked');
    expect(work).toHaveBeenCalledTimes(4);
    expect(warn).not.toHaveBeenCalled();
  });

  it('gives up after lockRetries re-runs with a clean 409 CONFLICT and Retry-After', async () => {
    const { retry, warn } = setup(2);
    const work = jest.fn(async () => {
      throw driverError('ER_LOCK_WAIT_TIMEOUT', 1205);
    });
    const err = await retry.transaction(work).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: ErrorCode.Conflict, details: { retryAfterSeconds: 1 }, headers: { 'retry-after': '1' } });
    expect(work).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'booking_lock_conflict_gave_up', attempts: 3 }), expect.any(String));
  });

  it('with a time budget, keeps re-running past the count until the budget is spent (a Galera certification failure is a deadlock error)', async () => {
    const { retry, warn } = setup(1, 300);
    const started = performance.now();
    const work = jest.fn(async () => {
      throw driverError('ER_LOCK_DEADLOCK', 1213);
    });
    const err = await retry.transaction(work).catch((e: unknown) => e);
    const tookMs = performance.now() - started;
    expect(err).toMatchObject({ code: ErrorCode.Conflict });
    expect(tookMs).toBeGreaterThanOrEqual(300);
    expect(tookMs).toBeLessThan(300 + 5_000); // one last pause (≤ 255 ms) past the budget, on a loaded machine
    expect(work.mock.calls.length).toBeGreaterThan(2);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'booking_lock_conflict_gave_up', attempts: work.mock.calls.length }), expect.any(String));
  });

  it('with a time budget, a transaction that wins after more conflicts than the count is answered, not refused', async () => {
    const { retry, warn } = setup(1, 10_000);
    let conflicts = 6;
    const work = jest.fn(async () => {
      if (conflicts-- > 0) throw driverError('ER_LOCK_DEADLOCK', 1213);
      return 'booked';
    });
    await expect(retry.transaction(work)).resolves.toBe('booked');
    expect(work).toHaveBeenCalledTimes(7);
    expect(warn).not.toHaveBeenCalled();
  });

  // transactions that log when they start and end, each taking a few ms: which of them ran at the same time
  const traced = (log: string[]) => (name: string, fail = false) => async () => {
    log.push(`${name}+`);
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
    log.push(`${name}-`);
    if (fail) throw new DomainError(ErrorCode.SlotFull, 'the slot is full');
    return name;
  };

  it('with BOOKING_SLOT_TURNS, the bookings of one slot run one after the other in the order they came, other slots alongside, a refusal not blocking the next', async () => {
    const { retry } = setup(3, 0, true);
    const log: string[] = [];
    const t = traced(log);
    const answers = await Promise.allSettled([
      retry.transaction(t('a1'), { turn: 'slot-a' }),
      retry.transaction(t('a2', true), { turn: 'slot-a' }),
      retry.transaction(t('b1'), { turn: 'slot-b' }),
      retry.transaction(t('a3'), { turn: 'slot-a' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(log.filter((e) => e.startsWith('a'))).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    // slot b did not wait for slot a
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
    expect(retry.slotsInTurn).toBe(0);
  });

  it('without BOOKING_SLOT_TURNS, the bookings of one slot run at once (the negative control of the test above)', async () => {
    const { retry } = setup(3, 0, false);
    const log: string[] = [];
    const t = traced(log);
    await Promise.all([retry.transaction(t('a1'), { turn: 'slot-a' }), retry.transaction(t('a2'), { turn: 'slot-a' })]);
    expect(log.slice(0, 2)).toEqual(['a1+', 'a2+']);
  });

  it('passes any other error through untouched, without a re-run', async () => {
    const { retry } = setup(3);
    const refusal = new DomainError(ErrorCode.SlotFull, 'the slot is full');
    const work = jest.fn(async () => {
      throw refusal;
    });
    await expect(retry.transaction(work)).rejects.toBe(refusal);
    expect(work).toHaveBeenCalledTimes(1);
    const dup = driverError('ER_DUP_ENTRY', 1062);
    const work2 = jest.fn(async () => {
      throw dup;
    });
    await expect(retry.transaction(work2)).rejects.toBe(dup);
    expect(work2).toHaveBeenCalledTimes(1);
  });
});
