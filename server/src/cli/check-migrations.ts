import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { schemaDrift } from '../database/schema-drift';

// fails when the entities and the migrations disagree (run it against SQLite and MariaDB)
async function main() {
  const config = loadConfig();
  const ds = await createDataSource(config.db).initialize();
  const drift = await schemaDrift(ds);
  await ds.destroy();
  if (drift.length) {
    process.stderr.write(`schema drift on ${config.db.driver}: entities and migrations differ; write a migration for:\n${drift.join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`no schema drift on ${config.db.driver}\n`);
}

main().catch((err) => {
  process.stderr.write(`check-migrations failed: ${(err as Error).message}\n`);
  process.exit(1);
});
