import { randomUUID } from 'node:crypto';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

// a row with every NOT NULL column filled from the entity's metadata, then the fields that matter
export function rowFor<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, over: Partial<T>): T {
  const row: Record<string, unknown> = {};
  for (const c of ds.getMetadata(entity).columns) {
    if (c.isNullable) row[c.propertyName] = null;
    else if (c.type === 'datetime') row[c.propertyName] = new Date('2026-11-02T01:00:00Z');
    else if (c.type === 'int' || c.type === 'integer') row[c.propertyName] = 1;
    else if (c.type === 'boolean') row[c.propertyName] = true;
    else if (c.type === 'text') row[c.propertyName] = '[]';
    else row[c.propertyName] = randomUUID().replace(/-/g, '').slice(0, Math.min(Number(c.length) || 36, 32));
  }
  return { ...row, ...over } as T;
}

/**
 * inserts rowFor's row with plain SQL, writing only the columns the table has at this point of its history (a test
 * that undid later migrations has fewer); returns the row's id
 */
export async function insertRow<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, over: Partial<T>): Promise<string> {
  const id = randomUUID();
  const runner = ds.createQueryRunner();
  const table = await runner.getTable(ds.getMetadata(entity).tablePath);
  await runner.release();
  const present = new Set(table?.columns.map((c) => c.name));
  const row = rowFor(ds, entity, { id, ...over } as unknown as Partial<T>) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const c of ds.getMetadata(entity).columns) {
    if (!present.has(c.databaseName)) continue;
    const v = row[c.propertyName];
    values[c.databaseName] = v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : typeof v === 'boolean' ? Number(v) : v;
  }
  const names = Object.keys(values);
  const q = (n: string) => ds.driver.escape(n);
  await ds.query(`INSERT INTO ${q(ds.getMetadata(entity).tablePath)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, Object.values(values));
  return String(row.id ?? id);
}
