import { DataSource } from 'typeorm';

// the same check as `typeorm migration:generate --check`: what would sync still change after all migrations ran?
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  await ds.runMigrations({ transaction: 'each' });
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
