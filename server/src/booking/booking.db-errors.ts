import { QueryFailedError } from 'typeorm';

// lock conflicts a booking transaction may hit under contention and should simply retry:
// MariaDB 1213 ER_LOCK_DEADLOCK, 1205 ER_LOCK_WAIT_TIMEOUT, 1020 ER_CHECKREAD (innodb_snapshot_isolation=ON: "record has
// changed since last read"); SQLite SQLITE_BUSY (another process holds the write lock).
const RETRYABLE_ERRNO = new Set([1213, 1205, 1020]);
const RETRYABLE_CODE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_CHECKREAD', 'SQLITE_BUSY']);

export function isLockConflict(err: unknown): boolean {
  const d = (err instanceof QueryFailedError ? err.driverError : err) as { code?: string; errno?: number } | null;
  const code = d?.code ?? '';
  // SQLite extended codes (SQLITE_BUSY_SNAPSHOT: a WAL read transaction could not upgrade to a write) count too
  return !!d && (RETRYABLE_ERRNO.has(d.errno ?? -1) || RETRYABLE_CODE.has(code) || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** which unique index a duplicate-key error hit (MariaDB names the key; SQLite names the columns) */
export function violatedUnique(err: unknown): string {
  const d = (err instanceof QueryFailedError ? err.driverError : err) as { message?: string; sqlMessage?: string } | null;
  return `${d?.sqlMessage ?? ''} ${d?.message ?? ''}`;
}
