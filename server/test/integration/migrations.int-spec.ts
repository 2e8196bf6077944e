import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { schemaDrift } from '../../src/database/schema-drift';
import { MARIADB_ADMIN_URL, testEngines } from '../support/engines';

describe.each(testEngines())('migrations on %s', (engine) => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (engine === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'jb-mig-'));
      ds = await createDataSource(loadConfig({ NODE_ENV: 'test', DB_SQLITE_PATH: join(dir, 'm.sqlite') }).db).initialize();
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const name = `jb_mig_${randomBytes(4).toString('hex')}`;
      const admin = await mysql.createConnection({ uri: MARIADB_ADMIN_URL });
      await admin.query(`CREATE DATABASE \`${name}\``);
      await admin.end();
      ds = await createDataSource(loadConfig({ NODE_ENV: 'test', DB_URL: `${MARIADB_ADMIN_URL.replace(/^mysql:/, 'mariadb:')}/${name}` }).db).initialize();
      cleanup = async () => {
        const c = await mysql.createConnection({ uri: MARIADB_ADMIN_URL });
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await c.end();
      };
    }
  });
  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
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

  it('detects drift when an entity changes without a migration (negative control)', async () => {
    await ds.query(engine === 'sqlite' ? 'DROP INDEX "idx_region_parent"' : 'DROP INDEX `idx_region_parent` ON `region`');
    const drift = await schemaDrift(ds);
    expect(drift.join('\n')).toMatch(/idx_region_parent/);
    await ds.query(engine === 'sqlite' ? 'CREATE INDEX "idx_region_parent" ON "region" ("parent_code")' : 'CREATE INDEX `idx_region_parent` ON `region` (`parent_code`)');
  });
});

describe.each(testEngines().filter((e) => e === 'mariadb'))('database character set on %s', () => {
  it('refuses to migrate a database whose default character set cannot hold Chinese text', async () => {
    const name = `jb_latin_${randomBytes(4).toString('hex')}`;
    const admin = await mysql.createConnection({ uri: MARIADB_ADMIN_URL });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET latin1`);
    const ds = await createDataSource(loadConfig({ NODE_ENV: 'test', DB_URL: `${MARIADB_ADMIN_URL.replace(/^mysql:/, 'mariadb:')}/${name}` }).db).initialize();
    try {
      await expect(ds.runMigrations({ transaction: 'each' })).rejects.toThrow(/utf8mb4/);
      const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'region'`, [name]);
      expect(Number(n)).toBe(0);
    } finally {
      await ds.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    }
  });
});

