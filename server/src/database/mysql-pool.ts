// eslint-disable-next-line @typescript-eslint/no-require-imports
import mysql2 = require('mysql2');
import type { Pool, PoolConnection, PoolOptions } from 'mysql2';

/**
 * The mysql2 module handed to TypeORM (its `driver` option) for a serving data source: mysql2 itself, whose pools
 * recover from a database outage without luck —
 * - every new connection runs the session set-up (`sessionSql`: statement time limit, idle-transaction limit) before
 *   its first use, through the pool's public `getConnection`; when that set-up fails the connection is destroyed and
 *   the caller gets the error, so no connection without the limits is ever handed out (connections opened while
 *   TypeORM initialises are set up on their first use too);
 * - a caller that waited `acquireTimeoutMs` in the pool's queue gets `DB_ACQUIRE_TIMEOUT` instead of waiting on
 *   (the connection it would have got goes back to the pool), so the queue never holds a request past the handler
 *   time limit;
 * - connections that fail with a connection-level error are dropped by mysql2 itself (a pooled connection's fatal
 *   error removes it from the pool); a statement that outlived the client-side query timeout (a half-open socket after
 *   a network partition) is destroyed by {@link discardBrokenConnection}, called from a TypeORM subscriber.
 */
export interface BoundedPoolOptions {
  sessionSql: string[];
  acquireTimeoutMs: number;
  /** the other nodes of a multi-primary cluster (Galera), tried in order when the current one cannot serve */
  failoverHosts?: { host: string; port: number }[];
  /**
   * with failoverHosts: the current node is asked `SELECT 1` every `checkMs` on a connection of its own; when it has
   * not answered within `checkMs`, `failures` times in a row (a hung or partitioned node: nothing is refused), the pool
   * moves to the next node and cuts its connections to the silent one (what HAProxy's on-marked-down
   * shutdown-sessions does). 0: no checks
   */
  healthCheck?: { checkMs: number; failures: number };
}

export const ACQUIRE_TIMEOUT_CODE = 'DB_ACQUIRE_TIMEOUT';

type GetConnectionCb = (err: NodeJS.ErrnoException | null, conn?: PoolConnection) => void;

export function boundedMysqlDriver(opts: BoundedPoolOptions): typeof mysql2 {
  return {
    ...mysql2,
    createPool: (config: PoolOptions) =>
      opts.failoverHosts?.length ? failoverPool(config, opts) : boundPool(mysql2.createPool(config), opts),
  } as typeof mysql2;
}

function boundPool(pool: Pool, opts: BoundedPoolOptions): Pool {
  const prepared = new WeakSet<PoolConnection>();
  const acquire = pool.getConnection.bind(pool) as (cb: GetConnectionCb) => void;
  const setUp = (conn: PoolConnection, cb: GetConnectionCb, i = 0): void => {
    if (i >= opts.sessionSql.length) {
      prepared.add(conn);
      return cb(null, conn);
    }
    conn.query(opts.sessionSql[i], (err) => {
      if (!err) return setUp(conn, cb, i + 1);
      conn.destroy(); // never back into the pool without its limits
      cb(err as NodeJS.ErrnoException);
    });
  };
  (pool as unknown as { getConnection(cb: GetConnectionCb): void }).getConnection = (cb: GetConnectionCb) => {
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      const err: NodeJS.ErrnoException = new Error(`no database connection within ${opts.acquireTimeoutMs} ms`);
      err.code = ACQUIRE_TIMEOUT_CODE;
      cb(err);
    }, opts.acquireTimeoutMs);
    acquire((err, conn) => {
      if (!waiting) {
        // the caller gave up: a connection that arrives late goes straight back
        conn?.release();
        return;
      }
      const answer: GetConnectionCb = (e, c) => {
        if (!waiting) return void (c ? c.release() : undefined);
        waiting = false;
        clearTimeout(timer);
        cb(e, c);
      };
      if (err || !conn) return answer(err ?? new Error('no connection'));
      if (prepared.has(conn)) return answer(null, conn);
      setUp(conn, answer);
    });
  };
  return pool;
}

// a node that cannot serve: refused / unreachable, gone mid-handshake, or a Galera node outside the primary component
// ("WSREP has not yet prepared node for application use", 1047) or still joining
const NODE_DOWN = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ER_UNKNOWN_COM_ERROR']);
export function isNodeDownError(err: unknown): boolean {
  const e = err as { code?: string; errno?: number } | undefined;
  return !!e && (NODE_DOWN.has(e.code ?? '') || e.errno === 1047);
}

/**
 * A pool over the nodes of a multi-primary cluster: one bounded pool per node, all connections taken from the current
 * node; when it cannot hand out a connection (refused, unreachable, not ready) the next node is tried at once, and the
 * one that answers becomes current (sticky — a node that comes back is used again only when another fails). The
 * whole acquisition stays within `acquireTimeoutMs`. Connections already open on a node that dies fail on their next
 * statement and leave their pool (mysql2 drops a connection after a fatal error), so only the requests in flight at
 * that moment see an error. A node that hangs instead (SIGSTOP, a partition: connections open, nothing answers) is
 * refused nothing — the health check notices it stays silent and moves the pool on (`healthCheck`). Only
 * `getConnection` and `end` are used by TypeORM.
 */
function failoverPool(config: PoolOptions, opts: BoundedPoolOptions): Pool {
  const hosts = [{ host: config.host ?? '127.0.0.1', port: config.port ?? 3306 }, ...(opts.failoverHosts ?? [])];
  const pools = hosts.map((h) => boundPool(mysql2.createPool({ ...config, host: h.host, port: h.port }), opts));
  let current = 0;
  const getConnection = (cb: GetConnectionCb) => {
    const deadline = Date.now() + opts.acquireTimeoutMs;
    const tryFrom = (i: number, tried: number, lastErr: NodeJS.ErrnoException | null) => {
      if (tried >= pools.length || Date.now() >= deadline) return cb(lastErr ?? new Error('no database node can serve'));
      (pools[i] as unknown as { getConnection(cb: GetConnectionCb): void }).getConnection((err, conn) => {
        if (!err && conn) {
          current = i;
          return cb(null, conn);
        }
        if (err && isNodeDownError(err)) return tryFrom((i + 1) % pools.length, tried + 1, err);
        cb(err ?? new Error('no connection'));
      });
    };
    tryFrom(current, 0, null);
  };
  const stopChecks = watchCurrentNode(config, hosts, opts.healthCheck, () => current, (silent) => {
    if (silent !== current) return;
    current = (silent + 1) % pools.length;
    // cut every connection to the silent node, as a dead node's would be: an idle one would hang the next request that
    // takes it, one in use would hang its request until the statement limits give up. Destroying the socket (not
    // `destroy()`, which closes quietly) fails the statement in flight with PROTOCOL_CONNECTION_LOST and takes the
    // connection out of its pool; its transaction's outcome is unknown, as on a crash (requests are idempotent)
    const all = (pools[silent] as unknown as { _allConnections?: { toArray(): PoolConnection[] } })._allConnections?.toArray() ?? [];
    for (const c of all) (c as unknown as DestroyableConnection).stream?.destroy?.();
  });
  const end = (cb?: (err?: NodeJS.ErrnoException | null) => void) => {
    stopChecks();
    let left = pools.length;
    let first: NodeJS.ErrnoException | null = null;
    for (const p of pools) {
      p.end((err) => {
        first ??= (err as NodeJS.ErrnoException | null) ?? null;
        if (--left === 0) cb?.(first);
      });
    }
  };
  return { getConnection, end, get currentHost() { return hosts[current]; } } as unknown as Pool;
}

// the health check of a failover pool: one connection of its own to the current node, `SELECT 1` every checkMs, each
// allowed checkMs to answer; `failures` silent checks in a row report the node. A connection that errs or times out is
// destroyed and a new one opened (within checkMs too) at the next check.
function watchCurrentNode(
  config: PoolOptions,
  hosts: { host: string; port: number }[],
  check: BoundedPoolOptions['healthCheck'],
  currentOf: () => number,
  onSilent: (node: number) => void,
): () => void {
  if (!check || check.checkMs <= 0) return () => undefined;
  let conn: { node: number; c: mysql2.Connection } | null = null;
  let silentInARow = 0;
  let busy = false;
  let stopped = false;
  const drop = () => {
    if (!conn) return;
    conn.c.destroy();
    (conn.c as unknown as DestroyableConnection).stream?.destroy?.();
    conn = null;
  };
  const ask = (node: number) =>
    new Promise<boolean>((answered) => {
      if (!conn || conn.node !== node) {
        drop();
        const h = hosts[node];
        // the pool's own settings are not connection options (mysql2 warns about each)
        const { connectionLimit: _l, waitForConnections: _w, queueLimit: _q, maxIdle: _m, idleTimeout: _i, ...own } = config;
        const c = mysql2.createConnection({ ...own, host: h.host, port: h.port, connectTimeout: check.checkMs });
        c.on('error', () => undefined); // reported through the query below
        conn = { node, c };
      }
      conn.c.query({ sql: 'SELECT 1', timeout: check.checkMs }, (err) => answered(!err));
    });
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    const node = currentOf();
    void ask(node).then((ok) => {
      busy = false;
      if (stopped || node !== currentOf()) return void (silentInARow = 0);
      if (ok) return void (silentInARow = 0);
      drop();
      if (++silentInARow >= check.failures) {
        silentInARow = 0;
        onSilent(node);
      }
    });
  }, check.checkMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    drop();
  };
}

// error codes after which the connection cannot be trusted with another statement
const BROKEN = new Set(['PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function isBrokenConnectionError(err: unknown): boolean {
  const e = err as { code?: string; fatal?: boolean; driverError?: { code?: string; fatal?: boolean } } | undefined;
  const d = e?.driverError ?? e;
  return !!d && (d.fatal === true || BROKEN.has(d.code ?? ''));
}

interface DestroyableConnection {
  destroy(): void;
  stream?: { destroy?: () => void };
}

// a statement that timed out on the client (no answer from the server) leaves its connection mid-protocol: a later
// statement on it would wait behind the lost one forever. Destroy it — it leaves the pool, its socket is closed
// (not merely ended: the peer of a half-open socket never answers the FIN), and the transaction's ROLLBACK fails at
// once instead of hanging; MariaDB rolls the transaction back when it notices the socket is gone or the
// transaction idle (idle_transaction_timeout).
export function discardBrokenConnection(conn: unknown, err: unknown): boolean {
  if (!conn || !isBrokenConnectionError(err)) return false;
  const c = conn as DestroyableConnection;
  c.destroy();
  c.stream?.destroy?.();
  return true;
}
