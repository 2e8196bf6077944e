import 'reflect-metadata';
import { loadConfig } from '../config';
import { PiiCipher } from '../common/pii-cipher';
import { createDataSource } from '../database/data-source';
import { reencryptAll } from '../database/pii-rotation';

// after setting a new PII_KEY / PII_KEY_ID (old keys listed in PII_OLD_KEYS): re-encrypts every stored value
async function main() {
  const config = loadConfig();
  const ds = await createDataSource(config.db).initialize();
  const counts = await reencryptAll(ds, new PiiCipher(config));
  await ds.destroy();
  process.stdout.write(`re-encrypted under key ${config.pii.keyId}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
}

main().catch((err) => {
  process.stderr.write(`rotate-pii failed: ${(err as Error).message}\n`);
  process.exit(1);
});
