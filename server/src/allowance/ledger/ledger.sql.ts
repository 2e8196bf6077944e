import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { shanghaiDate } from '@jianban/shared';
import { affectedRows } from '../../common/rows';

// small SQL helpers of the ledger, valid on SQLite, MariaDB (Galera) and TiDB: INSERT IGNORE / INSERT OR IGNORE through
// TypeORM's orIgnore, IN lists in bounded batches, range chunks over UUID ids or blind-index hashes (both uniform hex).

export const BATCH = 200;

/** rows per raw multi-row INSERT (13 columns × 500 stays far below both engines' placeholder limits) */
const RAW_BATCH = 500;

/**
 * bulk insert; rows that hit a unique key are skipped (the database decides, not a check in code). Rows that give every
 * column (what the ledger builds) go as raw multi-row INSERT IGNORE / INSERT OR IGNORE statements with the values
 * bound as the raw statements bind them: TypeORM's query builder spent more CPU building a chunk's INSERTs than the
 * database spent running them, on the process that also serves bookings. Rows leaving a column to its default take
 * TypeORM's path, which fills it in.
 */
export async function insertIgnore<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const meta = m.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => !c.isVirtual);
  const whole = columns.every((c) => !c.transformer && !c.isGenerated) && rows.every((r) => columns.every((c) => c.getEntityValue(r) !== undefined));
  if (!whole) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + BATCH) as never).orIgnore().execute();
    }
    return;
  }
  const verb = m.connection.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const head = `${verb} INTO ${meta.tableName} (${columns.map((c) => c.databaseName).join(', ')}) VALUES `;
  const row = `(${marks(columns.length)})`;
  for (let i = 0; i < rows.length; i += RAW_BATCH) {
    const part = rows.slice(i, i + RAW_BATCH);
    await sql(m, head + part.map(() => row).join(', '), part.flatMap((r) => columns.map((c) => c.getEntityValue(r) as unknown)));
  }
}

export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * a run is cut into up to 256 chunks of about CHUNK_ROWS recipients by ranges of the (random UUID) primary key: chunk k
 * of n covers ids from the 4-hex-digit prefix floor(k·65536/n) up to the next chunk's
 */
export const CHUNKS = 256;
export const CHUNK_ROWS = 2000;
export const chunkCountFor = (rows: number, perChunk = CHUNK_ROWS) => Math.min(CHUNKS, Math.max(1, Math.ceil(rows / perChunk)));
export function chunkBounds(chunkNo: number, total: number): { lo: string | null; hi: string | null } {
  const at = (k: number) => Math.floor((k * 65536) / total).toString(16).padStart(4, '0');
  return { lo: chunkNo === 0 ? null : at(chunkNo), hi: chunkNo + 1 >= total ? null : at(chunkNo + 1) };
}
export function rangeSql(col: string, chunkNo: number, total: number): { sql: string; params: string[] } {
  const { lo, hi } = chunkBounds(chunkNo, total);
  const parts = [...(lo === null ? [] : [`${col} >= ?`]), ...(hi === null ? [] : [`${col} < ?`])];
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params: [lo, hi].filter((x): x is string => x !== null) };
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

/** parameters both drivers bind: instants as UTC 'YYYY-MM-DD HH:MM:SS.SSS' (like the entities store them), booleans as 1/0 */
export function bindable(params: readonly unknown[]): unknown[] {
  return params.map((v) => (v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : typeof v === 'boolean' ? (v ? 1 : 0) : v));
}
/** a raw statement with bindable parameters */
export function sql<T = Record<string, unknown>[]>(m: EntityManager, text: string, params: readonly unknown[] = []): Promise<T> {
  return m.query(text, bindable(params)) as Promise<T>;
}
/** rows an UPDATE changed, with bindable parameters */
export function changed(m: EntityManager, text: string, params: readonly unknown[]): Promise<number> {
  return affectedRows(m, text, bindable(params));
}
