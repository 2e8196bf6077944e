import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { dataSourceOptions, sessionLimits } from '../../src/database/data-source';
import { ACQUIRE_TIMEOUT_CODE, boundedMysqlDriver } from '../../src/database/mysql-pool';
import { describeEngines } from '../support/describe-engines';
import { startTcpProxy } from '../support/tcp-proxy';
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

  // a cluster node that hangs (SIGSTOP, a partition) refuses nothing: without the health check, the idle connections
  // to it would each hang the request that takes them. Two "nodes" here: two proxies in front of the same server.
  it('with failover hosts, moves off a node that stops answering (partitioned) within two health checks, and cuts its connections (idle and in use)', async () => {
    const u = new URL(url);
    const target = { host: u.hostname, port: Number(u.port || 3306) };
    const [a, b] = [await startTcpProxy(target), await startTcpProxy(target)];
    const CHECK_MS = 250;
    const pool = boundedMysqlDriver({ sessionSql: [], acquireTimeoutMs: 3000, failoverHosts: [{ host: '127.0.0.1', port: b.port }], healthCheck: { checkMs: CHECK_MS, failures: 2 } })
      .createPool({ host: '127.0.0.1', port: a.port, user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1), connectionLimit: 4, connectTimeout: 1000 }) as unknown as PoolLike & { currentHost: { port: number } };
    try {
      // four connections through node a, idle in the pool
      const conns = await Promise.all([get(pool), get(pool), get(pool), get(pool)]);
      for (const c of conns.slice(1)) c.release();
      expect(pool.currentHost.port).toBe(a.port);
      await new Promise((r) => setTimeout(r, 3 * CHECK_MS)); // healthy checks change nothing
      expect(pool.currentHost.port).toBe(a.port);

      a.partition();
      const t0 = performance.now();
      // a statement in flight on node a when it went silent: it fails when the pool moves on, instead of hanging
      const inFlight = q(conns[0], 'SELECT SLEEP(30) AS s').then(() => 'answered', (err: { code?: string }) => ({ code: err.code, ms: performance.now() - t0 }));
      while (pool.currentHost.port !== b.port) {
        if (performance.now() - t0 > 5000) throw new Error('the pool stayed on the silent node for 5 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      const movedMs = performance.now() - t0;
      // two checks of CHECK_MS each, after at most one interval (timers on a loaded machine get the upper margin)
      expect(movedMs).toBeGreaterThanOrEqual(2 * CHECK_MS - 20);
      expect(movedMs).toBeLessThan(3000);
      expect(await inFlight).toMatchObject({ code: 'PROTOCOL_CONNECTION_LOST' });
      expect(((await inFlight) as { ms: number }).ms).toBeLessThan(movedMs + 1000);
      // every statement now answers through node b at once; none is handed a connection to the silent node
      const t1 = performance.now();
      const next = await Promise.all([get(pool), get(pool), get(pool), get(pool)]);
      for (const c of next) expect((await q(c, 'SELECT 1 AS n'))[0].n).toBe(1);
      for (const c of next) c.release();
      expect(performance.now() - t1).toBeLessThan(1500);
    } finally {
      a.heal();
      await new Promise<void>((r) => pool.end(() => r()));
      await a.close();
      await b.close();
    }
  });
}, ['mariadb']);
