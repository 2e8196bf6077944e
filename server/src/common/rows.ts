import { QueryFailedError, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

// Hot-path single-row INSERTs and conditional UPDATEs as plain parameterised SQL: on a busy box TypeORM's query
// builders cost more CPU per statement than the statement itself. Identifiers are escaped and values converted
// (dates, booleans) by the driver, exactly as the query builders do, so the SQL is valid on SQLite and MariaDB.
export async function insertRow<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, row: T): Promise<void> {
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const cols = meta.columns.filter((c) => c.getEntityValue(row) !== undefined);
  const sql = `INSERT INTO ${driver.escape(meta.tableName)} (${cols.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  await m.query(sql, cols.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c)));
}

/** rows an UPDATE changed, reported the same way by both drivers */
export async function affectedRows(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** which unique index a duplicate-key error hit (MariaDB names the key; SQLite names the columns) */
export function violatedUnique(err: unknown): string {
  const d = (err instanceof QueryFailedError ? err.driverError : err) as { message?: string; sqlMessage?: string } | null;
  return `${d?.sqlMessage ?? ''} ${d?.message ?? ''}`;
}
