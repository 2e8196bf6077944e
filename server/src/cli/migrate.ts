import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDataSource } from '../database/data-source';

// runs pending migrations on the configured database (SQLite file or DB_URL)
async function main() {
  const config = loadConfig();
  const ds = await createDataSource(config.db).initialize();
  const ran = await ds.runMigrations({ transaction: 'each' });
  process.stdout.write(`migrations: ${ran.length} applied on ${config.db.driver}${ran.length ? ' (' + ran.map((m) => m.name).join(', ') + ')' : ''}\n`);
  await ds.destroy();
}

main().catch((err) => {
  process.stderr.write(`migrate failed: ${(err as Error).message}\n`);
  process.exit(1);
});
