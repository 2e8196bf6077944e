import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AdvancedConsoleLogger, DataSource, DataSourceOptions, EventSubscriber, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';
import type { DbConfig } from '../common/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { boundedMysqlDriver, discardBrokenConnection } from './mysql-pool';

// 'serve': the server's own data source — on MariaDB/MySQL every connection carries the statement time limit, a
// request waits for a pooled connection no longer than the handler time limit, and a statement the server never
// answers is given up on the client. 'admin': the command-line tools and start-up migrations, which may run longer.
export type DataSourcePurpose = 'serve' | 'admin';

export function dataSourceOptions(db: DbConfig, purpose: DataSourcePurpose = 'serve'): DataSourceOptions {
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
  const mariadb = db.url.startsWith('mariadb://');
  const base = {
    ...common,
    // the mariadb flavour reads MariaDB's column defaults correctly; mysql:// is for MySQL and TiDB
    type: mariadb ? ('mariadb' as const) : ('mysql' as const),
    url: db.url.replace(/^mariadb:/, 'mysql:'),
    ...(db.socketPath ? { socketPath: db.socketPath } : {}),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    connectTimeout: db.connectTimeoutMs,
    poolSize: db.poolSize,
    // trace: false — mysql2 otherwise captures a stack trace for every statement (5.5 % of a booking API process's CPU
    // in the contended-booking benchmark's profile); its errors keep their own stack and code
    extra: { connectionLimit: db.poolSize, waitForConnections: true, queueLimit: 200, enableKeepAlive: true, trace: false },
  };
  if (purpose === 'admin') return base;
  return {
    ...base,
    driver: boundedMysqlDriver({
      sessionSql: sessionLimits(db), acquireTimeoutMs: db.acquireTimeoutMs, failoverHosts: db.failoverHosts,
      healthCheck: { checkMs: db.failoverCheckMs, failures: 2 },
    }),
    // mysql2's per-statement inactivity timeout: only a statement the server never answers (half-open socket) reaches
    // it, since the server's own statement limit fires first; the subscriber then destroys that connection
    enableQueryTimeout: true,
    maxQueryExecutionTime: db.queryTimeoutMs,
    logger: new QuietSlowQueryLogger(false),
    subscribers: [DiscardBrokenConnections],
  };
}

// MariaDB: max_statement_time (seconds; lock waits count) and idle_transaction_timeout (a transaction whose client
// vanished behind a network partition releases its locks instead of holding them until wait_timeout); on a Galera
// cluster, when configured, wsrep_sync_wait (a read waits until the node has applied what the cluster committed before
// it: a request sent to another instance right after a write on another node sees that write);
// MySQL/TiDB: max_execution_time (ms, reads only)
export function sessionLimits(db: Extract<DbConfig, { driver: 'mariadb' }>): string[] {
  if (!db.url.startsWith('mariadb://')) return [`SET SESSION max_execution_time = ${db.statementTimeoutMs}`];
  const causal = db.wsrepSyncWait !== undefined ? `, wsrep_sync_wait = ${Math.trunc(db.wsrepSyncWait)}` : '';
  return [`SET SESSION max_statement_time = ${(db.statementTimeoutMs / 1000).toFixed(3)}, idle_transaction_timeout = ${db.idleTransactionTimeoutSeconds}${causal}`];
}

// maxQueryExecutionTime doubles as TypeORM's slow-query threshold, whose log line carries the SQL parameters (personal
// data): slow statements are not logged here — the statement limit turns them into errors the request log records
class QuietSlowQueryLogger extends AdvancedConsoleLogger {
  override logQuerySlow(): void {}
}

// (TypeORM only instantiates subscribers registered by the decorator; the option below scopes it to serving data sources)
@EventSubscriber()
class DiscardBrokenConnections implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (!event.success) discardBrokenConnection((event.queryRunner as { databaseConnection?: unknown }).databaseConnection, event.error);
  }
}

export function createDataSource(db: DbConfig, purpose: DataSourcePurpose = 'admin'): DataSource {
  return new DataSource(dataSourceOptions(db, purpose));
}

// pending migrations, each in its own transaction, on a short-lived admin data source (no statement limit)
export async function runMigrations(db: DbConfig): Promise<string[]> {
  const ds = await createDataSource(db, 'admin').initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
