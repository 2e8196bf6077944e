import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { seedDemoRegistry } from '../civil-affairs/registry.seed';
import { seedDemo, seedReference } from '../database/seed/seed';

// reference data (regions, catalog, service calendar) always; demo accounts only when SEED_DEMO is on (never in production: config refuses it)
async function main() {
  const config = loadConfig();
  const ds = await createDataSource(config.db).initialize();
  await ds.runMigrations({ transaction: 'each' });
  for (const line of await seedReference(ds)) process.stdout.write(`seed: ${line}\n`);
  if (config.seedDemo) {
    const password = config.seedStaffPassword ?? randomBytes(9).toString('base64url');
    const creds = await seedDemo(ds, config, password);
    process.stdout.write('seed: demo accounts (development only)\n');
    for (const s of creds.staff) process.stdout.write(`  staff ${s.username.padEnd(9)} password ${s.password}  ${s.role} @ ${s.region}\n`);
    process.stdout.write(`  resident: open the H5 app with ?devUser=${creds.residentDevUser} to log in as the demo family\n`);
    const registry = await seedDemoRegistry(ds, config);
    if (registry) process.stdout.write(`seed: ${registry}\n`);
  }
  await ds.destroy();
}

main().catch((err) => {
  process.stderr.write(`seed failed: ${(err as Error).message}\n`);
  process.exit(1);
});
