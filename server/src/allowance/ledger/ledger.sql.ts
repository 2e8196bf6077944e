import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { shanghaiDate } from '@jianban/shared';

// small SQL helpers of the ledger, valid on SQLite, MariaDB (Galera) and TiDB: INSERT IGNORE / INSERT OR IGNORE through
// TypeORM's orIgnore, IN lists in bounded batches, primary-key range chunks over UUID ids.

export const BATCH = 200;

/** bulk insert; rows that hit a unique key are skipped (the database decides, not a check in code) */
export async function insertIgnore<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + BATCH) as never).orIgnore().execute();
  }
}

export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** the runs are cut into 256 chunks by the first two hex digits of the (random UUID) primary key */
export const CHUNKS = 256;
export function chunkBounds(chunkNo: number): { lo: string; hi: string | null } {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return { lo: hex(chunkNo), hi: chunkNo + 1 < CHUNKS ? hex(chunkNo + 1) : null };
}
export function rangeSql(col: string, chunkNo: number): { sql: string; params: string[] } {
  const { lo, hi } = chunkBounds(chunkNo);
  return hi === null ? { sql: `${col} >= ?`, params: [lo] } : { sql: `${col} >= ? AND ${col} < ?`, params: [lo, hi] };
}

/** a DATETIME as either driver returns it (SQLite: 'YYYY-MM-DD HH:MM:SS.SSS' in UTC; MariaDB: Date) */
export function asDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
export const shanghaiDayOf = (v: unknown): string | null => {
  const d = asDate(v);
  return d ? shanghaiDate(d) : null;
};
