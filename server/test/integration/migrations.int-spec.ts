import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { schemaDrift } from '../../src/database/schema-drift';
import { describeEngines } from '../support/describe-engines';
import { createDatabase, type TestDatabase } from '../support/test-app';

describeEngines('migrations on %s', (engine) => {
  let ds: DataSource;

  let db: TestDatabase;

  beforeAll(async () => {
    db = await createDatabase(engine);
    ds = await createDataSource(loadConfig({ NODE_ENV: 'test', ...db.env }).db).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    expect(await schemaDrift(ds)).toEqual([]);
  });

  it('reverts every migration and applies them again cleanly', async () => {
    const applied = (await ds.query('SELECT COUNT(*) AS n FROM migrations'))[0].n;
    for (let i = 0; i < Number(applied); i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(true);
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(false);
    expect(await schemaDrift(ds)).toEqual([]);
  });

  it('detects drift when the migrated schema and the entities disagree (negative control)', async () => {
    await ds.query(engine === 'sqlite' ? 'DROP INDEX "idx_region_parent"' : 'DROP INDEX `idx_region_parent` ON `region`');
    const drift = await schemaDrift(ds);
    expect(drift.join('\n')).toMatch(/idx_region_parent/);
    await ds.query(engine === 'sqlite' ? 'CREATE INDEX "idx_region_parent" ON "region" ("parent_code")' : 'CREATE INDEX `idx_region_parent` ON `region` (`parent_code`)');
  });
});

describeEngines('database character set on %s', () => {
  it('refuses to migrate a database whose default character set cannot hold Chinese text', async () => {
    const db = await createDatabase('mariadb', 'latin1');
    const ds = await createDataSource(loadConfig({ NODE_ENV: 'test', ...db.env }).db).initialize();
    try {
      await expect(ds.runMigrations({ transaction: 'each' })).rejects.toThrow(/utf8mb4/);
      const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'region'`);
      expect(Number(n)).toBe(0);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
}, ['mariadb']);
