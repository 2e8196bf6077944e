import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { dataSourceOptions, sessionLimits } from '../../src/database/data-source';
import { ACQUIRE_TIMEOUT_CODE, boundedMysqlDriver } from '../../src/database/mysql-pool';
import { describeEngines } from '../support/describe-engines';
import { createDatabase, type TestDatabase } from '../support/test-app';

const SILENT = 'SET STATEMENT max_statement_time = 0 FOR SELECT SLEEP(3) AS s';
type Conn = { query(sql: string, cb: (err: any, rows?: any) => void): void; release(): void; threadId: number };
type PoolLike = { getConnection(cb: (err: any, c?: Conn) => void): void; end(cb?: () => void): void };
const get = (pool: PoolLike) => new Promise<Conn>((ok, fail) => pool.getConnection((err, c) => (err ? fail(err) : ok(c!))));
const q = (c: Conn, sql: string) => new Promise<any[]>((ok, fail) => c.query(sql, (err, rows) => (err ? fail(err) : ok(rows))));

// The serving pool on MariaDB (database/mysql-pool.ts, data-source.ts): what makes recovery after an outage
// independent of luck, tested directly on the pool (the fault suites test it end to end through the proxy).
describeEngines('the serving connection pool on %s', () => {
  let db: TestDatabase;
  let url: string;
  beforeAll(async () => {
    db = await createDatabase('mariadb');
    url = db.env.DB_URL.replace(/^mariadb:/, 'mysql:');
  });
  afterAll(async () => db?.drop());

  it('sets every connection up before its first use, and discards one whose set-up fails', async () => {
    const ok = boundedMysqlDriver({ sessionSql: ['SET SESSION max_statement_time = 1.5, idle_transaction_timeout = 7'], acquireTimeoutMs: 2000 }).createPool({ uri: url, connectionLimit: 3 }) as unknown as PoolLike;
    const conns = await Promise.all([get(ok), get(ok), get(ok)]);
    for (const c of conns) {
      const [row] = await q(c, 'SELECT @@max_statement_time AS s, @@idle_transaction_timeout AS i');
      expect([Number(row.s), Number(row.i)]).toEqual([1.5, 7]);
      c.release();
    }
    await new Promise<void>((r) => ok.end(() => r()));

    // a set-up that fails: the caller gets the error, and the connection never serves anyone without its limits
    const bad = boundedMysqlDriver({ sessionSql: ['SET SESSION no_such_variable = 1'], acquireTimeoutMs: 2000 }).createPool({ uri: url, connectionLimit: 1 }) as unknown as PoolLike;
    await expect(get(bad)).rejects.toMatchObject({ code: 'ER_UNKNOWN_SYSTEM_VARIABLE' });
    // the slot was freed (limit 1): the next caller is not stuck behind a dead connection, it gets the same error
    await expect(get(bad)).rejects.toMatchObject({ code: 'ER_UNKNOWN_SYSTEM_VARIABLE' });
    await new Promise<void>((r) => bad.end(() => r()));
  });

  it('gives up on a caller that waited the acquire timeout, and hands the late connection back to the pool', async () => {
    const pool = boundedMysqlDriver({ sessionSql: [], acquireTimeoutMs: 300 }).createPool({ uri: url, connectionLimit: 1 }) as unknown as PoolLike;
    const held = await get(pool);
    const t0 = performance.now();
    await expect(get(pool)).rejects.toMatchObject({ code: ACQUIRE_TIMEOUT_CODE });
    const waited = performance.now() - t0;
    // not before the timeout; the upper margin is for a loaded 2-core machine's timers
    expect(waited).toBeGreaterThanOrEqual(295);
    expect(waited).toBeLessThan(3000);
    held.release();
    // the abandoned waiter took the released connection and returned it: the pool (limit 1) still serves
    const again = await get(pool);
    expect(again.threadId).toBe(held.threadId);
    again.release();
    await new Promise<void>((r) => pool.end(() => r()));
  });

  it('gives a statement the server never answers up on the client, and drops that connection (half-open socket)', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DB_URL: db.env.DB_URL, DB_STATEMENT_TIMEOUT_MS: '300', DB_QUERY_TIMEOUT_MS: '800', DB_POOL_SIZE: '1', LOG_LEVEL: 'silent' });
    if (config.db.driver !== 'mariadb') throw new Error('expected MariaDB');
    expect(sessionLimits(config.db)).toEqual(['SET SESSION max_statement_time = 0.300, idle_transaction_timeout = 10']);
    const ds = await new DataSource(dataSourceOptions(config.db, 'serve')).initialize();
    try {
      const [{ id: first }] = await ds.query('SELECT CONNECTION_ID() AS id');
      // a SLEEP exempt from the server's statement limit stands in for a server that does not answer: the client
      // gives up after DB_QUERY_TIMEOUT_MS
      const t0 = performance.now();
      await expect(ds.query(SILENT)).rejects.toMatchObject({ driverError: { code: 'PROTOCOL_SEQUENCE_TIMEOUT' } });
      expect(performance.now() - t0).toBeLessThan(2900);
      // that connection is gone (pool size 1): the next statement runs at once on a new one
      const t1 = performance.now();
      const [{ id: second }] = await ds.query('SELECT CONNECTION_ID() AS id');
      expect(performance.now() - t1).toBeLessThan(2000);
      expect(Number(second)).not.toBe(Number(first));
      // and a transaction on a timed-out connection fails at once instead of waiting behind the lost statement
      await expect(ds.transaction(async (tx) => tx.query(SILENT))).rejects.toMatchObject({ driverError: { code: 'PROTOCOL_SEQUENCE_TIMEOUT' } });
      const [{ n }] = await ds.query('SELECT 1 AS n');
      expect(Number(n)).toBe(1);
    } finally {
      await ds.destroy();
    }
  });
}, ['mariadb']);
