import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DbConfig } from '../config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(db: DbConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.driver === 'sqlite') {
    if (db.sqlitePath !== ':memory:') mkdirSync(dirname(db.sqlitePath), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.sqlitePath,
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    // the mariadb flavour reads MariaDB's column defaults correctly; mysql:// is for MySQL and TiDB
    type: db.url.startsWith('mariadb://') ? 'mariadb' : 'mysql',
    url: db.url.replace(/^mariadb:/, 'mysql:'),
    ...(db.socketPath ? { socketPath: db.socketPath } : {}),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    connectTimeout: 5000,
    poolSize: db.poolSize,
    extra: { connectionLimit: db.poolSize, waitForConnections: true, queueLimit: 200, enableKeepAlive: true },
  };
}

export function createDataSource(db: DbConfig): DataSource {
  return new DataSource(dataSourceOptions(db));
}

interface ConnLike {
  query(sql: string, cb?: (err: unknown) => void): void;
}
interface PoolLike {
  on(event: 'connection', cb: (conn: ConnLike) => void): void;
  _freeConnections?: { toArray(): ConnLike[] };
}

// bounds every statement on MariaDB (max_statement_time, seconds) and MySQL (max_execution_time, ms, reads);
// applied to each new pooled connection, so a runaway query cannot hold a connection forever
export function limitStatementTime(ds: DataSource, db: DbConfig): void {
  if (db.driver !== 'mariadb') return;
  const pool = (ds.driver as unknown as { pool?: PoolLike }).pool;
  const sql = db.url.startsWith('mariadb://')
    ? `SET SESSION max_statement_time = ${(db.statementTimeoutMs / 1000).toFixed(3)}`
    : `SET SESSION max_execution_time = ${db.statementTimeoutMs}`;
  pool?.on('connection', (conn) => conn.query(sql, () => undefined));
  // connections opened while initialising (version probe, migrations) are idle in the pool: set them too
  for (const conn of pool?._freeConnections?.toArray() ?? []) conn.query(sql, () => undefined);
}
