import { And, DataSource, IsNull, Like, Not, type EntityMetadata } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';

export interface EncryptedColumn {
  readonly meta: EntityMetadata;
  readonly property: string;
  /** table.column, as counted and printed */
  readonly name: string;
}

/**
 * Every encrypted column in the schema, found by the schema's naming rule: a column named `*_enc` holds a value
 * written by PiiCipher. Read from the entity metadata, so a column a module adds later takes part in key rotation
 * without anyone remembering to list it here (a hand-kept list had missed the registry copy, the ledger, the booking
 * contact, the real-name checks and the cached WeChat token).
 */
export function encryptedColumns(ds: DataSource): EncryptedColumn[] {
  const out: EncryptedColumn[] = [];
  for (const meta of ds.entityMetadatas) {
    for (const col of meta.columns) {
      if (col.databaseName.endsWith('_enc')) out.push({ meta, property: col.propertyName, name: `${meta.tableName}.${col.databaseName}` });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const BATCH = 500;

// re-encrypts, in short batches, every value not yet under the current key; safe to rerun after an interruption
export async function reencryptAll(ds: DataSource, cipher: PiiCipher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { meta, property, name } of encryptedColumns(ds)) {
    counts[name] = 0;
    const keys = meta.primaryColumns.map((c) => c.propertyName);
    const select = Object.fromEntries([...keys, property].map((k) => [k, true]));
    for (;;) {
      const rows = (await ds.getRepository(meta.target).find({
        where: { [property]: And(Not(IsNull()), Not(Like(`${cipher.currentKeyId}.%`))) },
        select: select as never,
        take: BATCH,
      })) as Record<string, unknown>[];
      if (rows.length === 0) break;
      await ds.transaction(async (tx) => {
        for (const row of rows) {
          // conditional on the value read, so a write the app made meanwhile (a refreshed WeChat token) is kept, not overwritten
          const where = { ...Object.fromEntries(keys.map((k) => [k, row[k]])), [property]: row[property] };
          await tx.update(meta.target, where, { [property]: cipher.encrypt(cipher.decrypt(String(row[property]))) });
        }
      });
      counts[name] += rows.length;
    }
  }
  return counts;
}
