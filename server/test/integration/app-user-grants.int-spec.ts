// G3: the application's database user can only insert into (and read) the audit trails — granted per table by
// `grant-app-user` — while the product runs with that user: an application, a refused and a granted step-up and a
// full-number reveal write their audit rows; an UPDATE, DELETE or DDL on any audit table is refused by the database.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { routes } from '@jianban/shared';
import { loadConfig } from '../../src/config';
import { grantAppUser, INSERT_ONLY_TABLES } from '../../src/database/app-user-grants';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { describeEngines } from '../support/describe-engines';
import { MARIADB_ADMIN_URL } from '../support/engines';
import { createDatabase, STAFF_PASSWORD, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';
import { ACCOUNT, ALLOWANCE_TEST_ENV, apply, familyOf, registryElder } from './allowance-helpers';

const DENIED = 1142; // ER_TABLEACCESS_DENIED_ERROR

describeEngines('the application user on %s: insert-only audit tables (G3)', () => {
  const suffix = randomBytes(4).toString('hex');
  const user = `jb_app_${suffix}`;
  const wideUser = `jb_wide_${suffix}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  let db: TestDatabase;
  let dbName = '';
  let t: TestApp;
  let asApp: mysql.Connection;
  let asRoot: mysql.Connection;
  const urlFor = (u: string, pw: string, scheme: string) => {
    const url = new URL(MARIADB_ADMIN_URL);
    url.protocol = scheme;
    url.username = u;
    url.password = pw;
    url.pathname = `/${dbName}`;
    return url.toString();
  };
  const refusal = async (c: mysql.Connection, sql: string) => {
    try {
      await c.query(sql);
      return 'allowed';
    } catch (err) {
      return (err as { errno?: number }).errno;
    }
  };

  beforeAll(async () => {
    db = await createDatabase('mariadb');
    dbName = new URL(db.env.DB_URL.replace(/^mariadb:/, 'mysql:')).pathname.slice(1);
    const owner = loadConfig({ NODE_ENV: 'test', ...db.env });
    await runMigrations(owner.db);
    const ds = await createDataSource(owner.db, 'admin').initialize();
    try {
      const first = await grantAppUser(ds, { user, host: '%', password });
      expect(first.insertOnly).toEqual([...INSERT_ONLY_TABLES]);
      // run again after a migration: the same grants, nothing refused
      expect(await grantAppUser(ds, { user, host: '%', password })).toEqual(first);
    } finally {
      await ds.destroy();
    }
    t = await startTestApp('mariadb', { name: 'app-user', env: { ...ALLOWANCE_TEST_ENV, DB_URL: urlFor(user, password, 'mariadb:'), DB_MIGRATE_ON_START: 'false', STAFF_STEP_UP_SECONDS: '300' } });
    asApp = await mysql.createConnection({ uri: urlFor(user, password, 'mysql:') });
    asRoot = await mysql.createConnection({ uri: `${MARIADB_ADMIN_URL}/${dbName}` });
  }, 180_000);
  afterAll(async () => {
    await asApp?.end();
    await t?.close();
    if (asRoot) {
      await asRoot.query(`DROP USER IF EXISTS '${user}'@'%', '${wideUser}'@'%'`);
      await asRoot.end();
    }
    await db?.drop();
  });

  it('runs the product with that user: an application, step-ups and a reveal write their audit rows', async () => {
    const [{ who }] = (await t.ds.query('SELECT CURRENT_USER() AS who')) as { who: string }[];
    expect(who).toBe(`${user}@%`);
    const elder = await registryElder(t, '1940-03-01', { name: '王建国' });
    const applied = await apply(t, await familyOf(t, `grants-${suffix}`, elder));
    expect(applied.status).toBe(201);
    const staff = (await t.call(routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD })).body as { token: string; me: { id: string } };
    expect((await t.call(routes.staffStepUp, { password: 'not-my-password' }, { token: staff.token })).body.code).toBe('STEP_UP_PASSWORD_WRONG');
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: staff.token })).status).toBe(200);
    const shown = await t.call(routes.staffRevealAllowanceField, { field: 'account', reason: '核对收款账户' }, { params: { id: applied.body.id }, token: staff.token });
    expect([shown.status, shown.body.value]).toEqual([200, ACCOUNT.number]);
    const [steps] = (await asApp.query("SELECT result FROM identity_audit WHERE action = 'staff.step_up' AND actor_id = ?", [staff.me.id])) as [{ result: string }[], unknown];
    expect(steps.map((r) => r.result).sort()).toEqual(['ok', 'refused']);
    const [reveals] = (await asApp.query('SELECT COUNT(*) AS n FROM allowance_audit WHERE application_id = ?', [applied.body.id])) as [{ n: number }[], unknown];
    expect(Number(reveals[0].n)).toBeGreaterThanOrEqual(1);
  });

  it('the database refuses that user every UPDATE, DELETE, TRUNCATE and DDL on each audit table, and allows them on the working tables', async () => {
    for (const table of INSERT_ONLY_TABLES) {
      expect({ table, update: await refusal(asApp, `UPDATE \`${table}\` SET id = id WHERE 1 = 0`) }).toEqual({ table, update: DENIED });
      expect({ table, del: await refusal(asApp, `DELETE FROM \`${table}\` WHERE 1 = 0`) }).toEqual({ table, del: DENIED });
      expect({ table, truncate: await refusal(asApp, `TRUNCATE TABLE \`${table}\``) }).toEqual({ table, truncate: DENIED });
      expect({ table, drop: await refusal(asApp, `DROP TABLE \`${table}\``) }).toEqual({ table, drop: DENIED });
      expect({ table, select: await refusal(asApp, `SELECT COUNT(*) FROM \`${table}\``) }).toEqual({ table, select: 'allowed' });
      // control: the owner may (so the refusals above come from the grants, not from the statements)
      expect({ table, owner: await refusal(asRoot, `UPDATE \`${table}\` SET id = id WHERE 1 = 0`) }).toEqual({ table, owner: 'allowed' });
    }
    expect(await refusal(asApp, 'UPDATE booking SET id = id WHERE 1 = 0')).toBe('allowed');
    expect(await refusal(asApp, 'DELETE FROM auth_session WHERE 1 = 0')).toBe('allowed');
    expect(await refusal(asApp, 'CREATE TABLE jb_extra (id INT PRIMARY KEY)')).toBe(DENIED);
    expect(await refusal(asApp, 'ALTER TABLE booking ADD COLUMN x INT')).toBe(DENIED);
  });

  it('refuses to set up a user that already holds a database-wide privilege (it would reach the audit tables anyway)', async () => {
    await asRoot.query(`CREATE USER '${wideUser}'@'%' IDENTIFIED BY '${password}'`);
    await asRoot.query(`GRANT ALL PRIVILEGES ON \`${dbName}\`.* TO '${wideUser}'@'%'`);
    const owner = loadConfig({ NODE_ENV: 'test', ...db.env });
    const ds = await createDataSource(owner.db, 'admin').initialize();
    try {
      await expect(grantAppUser(ds, { user: wideUser, host: '%', password })).rejects.toThrow(/revoke them first/);
    } finally {
      await ds.destroy();
    }
  });
}, ['mariadb']);
