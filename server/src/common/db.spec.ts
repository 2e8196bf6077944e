import { describe, expect, it, jest } from '@jest/globals';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Db } from './db';

const tx = {} as EntityManager;
// a MariaDB pool: Db does not serialize, and each transaction just runs the work
const pool = { options: { type: 'mariadb' }, transaction: (work: (m: EntityManager) => Promise<unknown>) => work(tx) } as unknown as DataSource;
const deadlock = () => new QueryFailedError('UPDATE catalog_meta …', [], Object.assign(new Error('ER_LOCK_DEADLOCK'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 }));

describe('Db.retrying (short transactions that may lose a lock conflict)', () => {
  it('runs a transaction that lost a conflict again and returns its result', async () => {
    let lost = 3;
    const work = jest.fn(async () => {
      if (lost-- > 0) throw deadlock();
      return 'saved';
    });
    await expect(new Db(pool).retrying(work)).resolves.toBe('saved');
    expect(work).toHaveBeenCalledTimes(4);
  });

  it('gives up after its attempts when no time budget is set (DB_CONFLICT_RETRY_MS=0), and never retries other errors', async () => {
    const work = jest.fn(async () => {
      throw deadlock();
    });
    await expect(new Db(pool).retrying(work)).rejects.toThrow('ER_LOCK_DEADLOCK');
    expect(work).toHaveBeenCalledTimes(4);
    const other = jest.fn(async () => {
      throw new Error('CATALOG_VERSION_CONFLICT');
    });
    await expect(new Db(pool, 5_000).retrying(other)).rejects.toThrow('CATALOG_VERSION_CONFLICT');
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('keeps retrying for its time budget (a Galera cluster), then gives up: bounded by time, not by a count', async () => {
    const work = jest.fn(async () => {
      throw deadlock();
    });
    const started = Date.now();
    await expect(new Db(pool, 400).retrying(work)).rejects.toThrow('ER_LOCK_DEADLOCK');
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(400);
    // the last pause is at most 255 ms; generous for a loaded machine
    expect(took).toBeLessThan(5_000);
    expect(work.mock.calls.length).toBeGreaterThan(4);
  });

  it('does not retry inside a transaction it joined (the one who opened it retries the whole)', async () => {
    const db = new Db(pool, 5_000);
    const inner = jest.fn(async () => {
      throw deadlock();
    });
    await expect(db.transaction(() => db.retrying(inner))).rejects.toThrow('ER_LOCK_DEADLOCK');
    expect(inner).toHaveBeenCalledTimes(1);
  });
});
