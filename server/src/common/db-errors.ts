import { QueryFailedError } from 'typeorm';

// the one place that knows driver error shapes
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const d = err.driverError as { code?: string; errno?: number };
  return d?.code === 'ER_DUP_ENTRY' || d?.errno === 1062 || d?.code === 'SQLITE_CONSTRAINT_UNIQUE' || d?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'POOL_CLOSED',
  'DB_ACQUIRE_TIMEOUT', // database/mysql-pool.ts: no pooled connection within the handler time limit
]);

// mysql2 reports a closed pool (shutdown), a full pool queue and a command on a closed connection without a code
const UNAVAILABLE_MESSAGE = /^(Pool is closed|Queue limit reached|Can't add new command when connection is in closed state)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; fatal?: boolean; driverError?: { code?: string; message?: string; fatal?: boolean } };
  const d = e?.driverError;
  return (
    UNAVAILABLE_MESSAGE.test(e?.message ?? '') || UNAVAILABLE_MESSAGE.test(d?.message ?? '') ||
    UNAVAILABLE.has(e?.code ?? '') || UNAVAILABLE.has(d?.code ?? '') ||
    // a fatal (connection-level) driver error: the connection is gone, whatever the code
    e?.fatal === true || d?.fatal === true
  );
}

// lock conflicts a retry can resolve: InnoDB deadlock (1213), lock wait timeout (1205), snapshot-isolation
// "record has changed since last read" (1020), and SQLite's busy/locked with their extended codes
// (e.g. SQLITE_BUSY_SNAPSHOT: a WAL read transaction could not upgrade to a write)
const RETRYABLE_ERRNO = new Set([1213, 1205, 1020]);
const RETRYABLE_CODE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_CHECKREAD', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
export function isRetryableConflict(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const d = e?.driverError ?? e;
  const code = d?.code ?? '';
  return RETRYABLE_ERRNO.has(d?.errno ?? -1) || RETRYABLE_CODE.has(code) || /^SQLITE_(BUSY|LOCKED)_/.test(code);
}

// the database gave up on a statement (MariaDB max_statement_time, which also counts lock waits): answer 503, not 500
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const d = e?.driverError ?? e;
  return d?.errno === 1969 || d?.code === 'ER_STATEMENT_TIMEOUT' || d?.errno === 3024 || d?.code === 'ER_QUERY_TIMEOUT';
}
