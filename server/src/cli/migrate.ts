import 'reflect-metadata';
import { loadConfig } from '../config';
import { runMigrations } from '../database/data-source';

// runs pending migrations on the configured database (SQLite file or DB_URL)
async function main() {
  const config = loadConfig();
  const ran = await runMigrations(config.db);
  process.stdout.write(`migrations: ${ran.length} applied on ${config.db.driver}${ran.length ? ' (' + ran.join(', ') + ')' : ''}\n`);
}

main().catch((err) => {
  process.stderr.write(`migrate failed: ${(err as Error).message}\n`);
  process.exit(1);
});
