import 'reflect-metadata';
import { loadAppUserGrant, loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { grantAppUser } from '../database/app-user-grants';

// Run as the schema's owner (DB_URL with the rights to migrate), after every migration:
//   APP_DB_USER=jianban_app APP_DB_PASSWORD=… [APP_DB_HOST=%] pnpm --filter @jianban/server grant-app-user
// Creates the application's database user if needed and grants it per table what the servers need: SELECT, INSERT,
// UPDATE, DELETE on the working tables, SELECT and INSERT only on the audit tables, no DDL. The servers then run with
// that user in DB_URL and DB_MIGRATE_ON_START=false.
async function main() {
  const grant = loadAppUserGrant();
  const config = loadConfig();
  const ds = await createDataSource(config.db, 'admin').initialize();
  try {
    const r = await grantAppUser(ds, grant);
    process.stdout.write(`granted ${grant.user} on ${r.tables} tables; insert-only: ${r.insertOnly.join(', ')}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`grant-app-user failed: ${(err as Error).message}\n`);
  process.exit(1);
});
