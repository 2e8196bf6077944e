import type { EntityManager } from 'typeorm';
import type { Db } from '../common/db';
import { isUniqueViolation } from '../common/db-errors';
import type { PiiCipher } from '../common/pii-cipher';

// The rotatable blind index (issue 11). Every HMAC index column (`*_hash`) has its key version beside it (`*_hash_kv`).
// New rows are written under the current key (PII_HMAC_KEY / PII_HMAC_KEY_VERSION); while earlier keys are still
// configured (PII_HMAC_OLD_KEYS) lookups match the index under each of them (PiiCipher.blindIndexes), and `rotate-pii`
// re-indexes online: short transactions of one chunk of people, each moving a person's rows in EVERY table of the same
// kind together (registry copy ↔ family members ↔ proxies ↔ applications ↔ recipients ↔ candidates), so stored-hash
// joins never see one person half moved. Resumable: what is done carries the current version and is not read again.

export interface IndexedColumn {
  table: string;
  hash: string;
  kv: string;
  /** the encrypted plain value on the same row (a source the re-index can recompute from); absent: follows a source */
  enc?: string;
  /** the hash is the primary key (registry copy): a row already under the new index wins over its old twin */
  primary?: boolean;
}

export const BLIND_INDEXES: Record<'id_number' | 'openid', readonly IndexedColumn[]> = {
  id_number: [
    { table: 'registry_person', hash: 'id_number_hash', kv: 'id_number_hash_kv', enc: 'id_number_enc', primary: true },
    { table: 'registry_death', hash: 'id_number_hash', kv: 'id_number_hash_kv', enc: 'id_number_enc', primary: true },
    { table: 'registry_move_out', hash: 'id_number_hash', kv: 'id_number_hash_kv', enc: 'id_number_enc', primary: true },
    { table: 'family_member', hash: 'id_number_hash', kv: 'id_number_hash_kv', enc: 'id_number_enc' },
    { table: 'resident_identity', hash: 'id_number_hash', kv: 'id_number_hash_kv', enc: 'id_number_enc' },
    { table: 'family_proxy', hash: 'id_number_hash', kv: 'id_number_hash_kv' },
    { table: 'allowance_application', hash: 'elder_id_hash', kv: 'elder_id_hash_kv', enc: 'elder_id_enc' },
    { table: 'allowance_recipient', hash: 'elder_id_hash', kv: 'elder_id_hash_kv', enc: 'elder_id_enc' },
    { table: 'allowance_candidate', hash: 'elder_id_hash', kv: 'elder_id_hash_kv' },
  ],
  openid: [{ table: 'resident_account', hash: 'openid_hash', kv: 'openid_hash_kv', enc: 'openid_enc' }],
};

export type BlindIndexKind = keyof typeof BLIND_INDEXES;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * moves the rows of these people (plain values) onto the current key in every table of `kind`, inside the caller's
 * transaction. A no-op when no earlier key is configured. Also used by writers during a rotation (an import's
 * publication, a new application) so what they add joins what is already there.
 */
export async function reindexPeople(m: EntityManager, cipher: PiiCipher, kind: BlindIndexKind, plains: readonly string[], stored: ReadonlyMap<string, string> = new Map()): Promise<void> {
  if (!plains.length || (!cipher.previousBlindIndexVersions.length && !stored.size)) return;
  const current = cipher.blindIndexVersion;
  const toNew = new Map<string, string>();
  const news: string[] = [];
  for (const plain of new Set(plains)) {
    const [now, ...before] = cipher.blindIndexes(kind, plain);
    news.push(now);
    for (const old of before) toNew.set(old, now);
  }
  // a stored index the re-index read (whatever key made it): it moves too
  for (const [old, plain] of stored) if (old !== cipher.blindIndex(kind, plain)) toNew.set(old, cipher.blindIndex(kind, plain));
  for (const col of BLIND_INDEXES[kind]) {
    const olds = [...toNew.keys()];
    if (olds.length) {
      let moving = olds;
      if (col.primary) {
        // a twin already under the new index (written during the rotation) is the newer row: the old one goes
        const have = new Set(((await m.query(`SELECT ${col.hash} AS h FROM ${col.table} WHERE ${col.hash} IN (${marks(news.length)})`, news)) as { h: string }[]).map((r) => r.h));
        const stale = olds.filter((o) => have.has(toNew.get(o)!));
        if (stale.length) await m.query(`DELETE FROM ${col.table} WHERE ${col.hash} IN (${marks(stale.length)})`, stale);
        moving = olds.filter((o) => !have.has(toNew.get(o)!));
      }
      if (moving.length) {
        const cases = moving.map(() => 'WHEN ? THEN ?').join(' ');
        await m.query(
          `UPDATE ${col.table} SET ${col.hash} = CASE ${col.hash} ${cases} END, ${col.kv} = ? WHERE ${col.hash} IN (${marks(moving.length)})`,
          [...moving.flatMap((o) => [o, toNew.get(o)!]), current, ...moving],
        );
      }
    }
    // rows already under the current key but labelled otherwise (written by code that left the default version)
    await m.query(`UPDATE ${col.table} SET ${col.kv} = ? WHERE ${col.hash} IN (${marks(news.length)}) AND ${col.kv} <> ?`, [current, ...news, current]);
  }
}

export interface ReindexOptions {
  /** people per transaction */
  chunk?: number;
  /** called after every committed chunk (progress; tests pause or interleave work here) */
  onChunk?: (table: string, done: number) => Promise<void> | void;
}

export interface ReindexResult {
  /** rows re-indexed per source table */
  moved: Record<string, number>;
  /** people whose rows could not move (their new index is already taken by another row): left on the old version */
  conflicts: number;
  /** rows still not on the current version afterwards (0 after a complete run) */
  remaining: Record<string, number>;
}

/**
 * the online, chunked, resumable re-index of `rotate-pii`: every row not yet on the current key version is read a chunk
 * at a time from the tables that hold the encrypted value, decrypted, and its person moved in one short transaction;
 * rows of tables without the encrypted value follow their person. Safe to interrupt and run again.
 */
export async function reindexAll(db: Db, cipher: PiiCipher, opts: ReindexOptions = {}): Promise<ReindexResult> {
  const chunk = opts.chunk ?? 500;
  const current = cipher.blindIndexVersion;
  const result: ReindexResult = { moved: {}, conflicts: 0, remaining: {} };
  for (const [kind, cols] of Object.entries(BLIND_INDEXES) as [BlindIndexKind, readonly IndexedColumn[]][]) {
    for (const col of cols.filter((c) => c.enc)) {
      result.moved[col.table] = 0;
      let after = '';
      for (;;) {
        const rows = (await db.read((m) => m.query(
          `SELECT ${col.hash} AS h, ${col.enc} AS enc FROM ${col.table} WHERE ${col.kv} <> ? AND ${col.hash} > ? ORDER BY ${col.hash} LIMIT ${chunk}`,
          [current, after],
        ))) as { h: string; enc: string }[];
        if (!rows.length) break;
        after = rows[rows.length - 1].h;
        const plains = rows.map((r) => cipher.decrypt(r.enc));
        const stored = new Map(rows.map((r, i) => [r.h, plains[i]]));
        try {
          await db.retrying((tx) => reindexPeople(tx, cipher, kind, plains, stored));
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          // one person's new index is taken (two rows for the same person written during the rotation): move the
          // others one by one, leave that person on the old version and count it for staff to look at
          for (const plain of plains) {
            try {
              await db.retrying((tx) => reindexPeople(tx, cipher, kind, [plain], new Map([...stored].filter(([, p]) => p === plain))));
            } catch (e) {
              if (!isUniqueViolation(e)) throw e;
              result.conflicts++;
            }
          }
        }
        result.moved[col.table] += rows.length;
        await opts.onChunk?.(col.table, result.moved[col.table]);
      }
    }
    // rows of tables without the encrypted value, copied from a source row already under the current key but labelled
    // with the default version: relabelled from the source they match
    for (const dep of cols.filter((c) => !c.enc)) {
      for (const src of cols.filter((c) => c.enc)) {
        await db.retrying((tx) => tx.query(
          `UPDATE ${dep.table} SET ${dep.kv} = ? WHERE ${dep.kv} <> ? AND ${dep.hash} IN (SELECT x.h FROM (SELECT ${src.hash} AS h FROM ${src.table} WHERE ${src.kv} = ?) x)`,
          [current, current, current],
        ));
      }
    }
    for (const col of cols) {
      const [{ n }] = (await db.read((m) => m.query(`SELECT COUNT(*) AS n FROM ${col.table} WHERE ${col.kv} <> ?`, [current]))) as { n: unknown }[];
      result.remaining[col.table] = Number(n);
    }
  }
  return result;
}
