import 'reflect-metadata';
import { loadConfig } from '../config';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import { reindexAll } from '../database/blind-index-rotation';
import { createDataSource } from '../database/data-source';
import { reencryptAll } from '../database/pii-rotation';

// after setting a new PII_KEY / PII_KEY_ID (old keys listed in PII_OLD_KEYS): re-encrypts every stored value;
// after setting a new PII_HMAC_KEY / PII_HMAC_KEY_VERSION (earlier ones in PII_HMAC_OLD_KEYS): re-indexes every blind
// index onto the new key, online (short chunks, the servers keep running with the same config) and resumable.
async function main() {
  const config = loadConfig();
  const ds = await createDataSource(config.db).initialize();
  const cipher = new PiiCipher(config);
  const counts = await reencryptAll(ds, cipher);
  process.stdout.write(`re-encrypted under key ${config.pii.keyId}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  const r = await reindexAll(new Db(ds), cipher, { chunk: config.pii.reindexChunk });
  await ds.destroy();
  const left = Object.entries(r.remaining).filter(([, n]) => n > 0);
  process.stdout.write(`re-indexed under blind-index key version ${cipher.blindIndexVersion}: ${Object.entries(r.moved).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  process.stdout.write(left.length || r.conflicts
    ? `not yet on version ${cipher.blindIndexVersion}: ${left.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}; conflicts ${r.conflicts} — keep PII_HMAC_OLD_KEYS and run again\n`
    : `every blind index is on version ${cipher.blindIndexVersion}: PII_HMAC_OLD_KEYS can be removed\n`);
}

main().catch((err) => {
  process.stderr.write(`rotate-pii failed: ${(err as Error).message}\n`);
  process.exit(1);
});
