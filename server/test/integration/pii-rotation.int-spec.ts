import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { PiiCipher } from '../../src/common/pii-cipher';
import { loadConfig } from '../../src/config';
import { encryptedColumns, reencryptAll } from '../../src/database/pii-rotation';
import { seedDemoRegistry } from '../../src/civil-affairs/registry.seed';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

const OLD_KEY = Buffer.alloc(32, 'old-key-for-rotation-test').toString('base64');
const NEW_KEY = Buffer.alloc(32, 'new-key-for-rotation-test').toString('base64');

describeEngines('PII key rotation on %s (G1)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'rotation', env: { PII_KEY: OLD_KEY, PII_KEY_ID: 'k0' } });
  });
  afterAll(async () => t?.close());

  it('re-encrypts every stored value under the new key, and the app reads them back with the new configuration', async () => {
    const token = await t.loginResident('rot-a');
    const added = await t.call(routes.addFamilyMember, { name: '钱大爷', idNumber: '421003193001010035', relationship: 'parent', communityCode: '421003003003' }, { token });
    expect(added.status).toBe(201);
    const rotated = new PiiCipher(loadConfig({ NODE_ENV: 'test', PII_KEY: NEW_KEY, PII_KEY_ID: 'k1', PII_OLD_KEYS: `k0:${OLD_KEY}` }));
    const counts = await reencryptAll(t.ds, rotated);
    expect(counts['family_member.id_number_enc']).toBeGreaterThanOrEqual(1);
    expect(counts['resident_account.openid_enc']).toBeGreaterThanOrEqual(1);
    const values: { v: string }[] = [
      ...(await t.ds.query('SELECT id_number_enc AS v FROM family_member')),
      ...(await t.ds.query('SELECT openid_enc AS v FROM resident_account')),
    ];
    expect(values.length).toBeGreaterThan(1);
    for (const { v } of values) expect(v.startsWith('k1.')).toBe(true);
    const [{ v }] = await t.ds.query('SELECT id_number_enc AS v FROM family_member WHERE name = ?', ['钱大爷']);
    expect(rotated.decrypt(v)).toBe('421003193001010035');
    // a second run finds nothing left to do
    expect(Object.values(await reencryptAll(t.ds, rotated)).every((n) => n === 0)).toBe(true);
    // a cipher that only knows the new key can read everything now
    const newOnly = new PiiCipher(loadConfig({ NODE_ENV: 'test', PII_KEY: NEW_KEY, PII_KEY_ID: 'k1' }));
    expect(newOnly.decrypt(v)).toBe('421003193001010035');
  });

  it('finds every encrypted column from the schema, the registry copy and the ledger included, and leaves none under the old key', async () => {
    const names = encryptedColumns(t.ds).map((c) => c.name);
    // columns a hand-kept list had missed
    for (const n of ['registry_person.id_number_enc', 'registry_death.id_number_enc', 'registry_move_out.id_number_enc', 'allowance_recipient.elder_id_enc',
      'allowance_recipient.account_enc', 'booking_contact.phone_enc', 'resident_identity.id_number_enc', 'real_name_check.id_number_enc', 'wechat_access_token.token_enc']) {
      expect(names).toContain(n);
    }
    // and nothing that is not an encrypted column
    for (const n of names) expect(n).toMatch(/^[a-z_]+\.[a-z_]+_enc$/);
    // the district copy, written by the import under the old key
    const oldConfig = loadConfig({ NODE_ENV: 'test', PII_KEY: OLD_KEY, PII_KEY_ID: 'k0' });
    await seedDemoRegistry(t.ds, oldConfig, 60);
    const onKey = async (prefix: string) => {
      let n = 0;
      for (const c of encryptedColumns(t.ds)) {
        const [table, column] = c.name.split('.');
        const [row] = await t.ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} LIKE ?`, [`${prefix}.%`]);
        n += Number(row.n);
      }
      return n;
    };
    const [registry] = await t.ds.query("SELECT COUNT(*) AS n FROM registry_person WHERE id_number_enc LIKE 'k0.%'");
    expect(Number(registry.n)).toBeGreaterThan(0);
    expect(await onKey('k0')).toBeGreaterThan(Number(registry.n) - 1);
    const rotated = new PiiCipher(loadConfig({ NODE_ENV: 'test', PII_KEY: NEW_KEY, PII_KEY_ID: 'k1', PII_OLD_KEYS: `k0:${OLD_KEY}` }));
    const counts = await reencryptAll(t.ds, rotated);
    expect(counts['registry_person.id_number_enc']).toBe(Number(registry.n));
    expect(await onKey('k0')).toBe(0);
    const [one] = await t.ds.query('SELECT id_number_enc AS v FROM registry_person');
    expect(rotated.decrypt(one.v)).toMatch(/^\d{17}[\dX]$/);
  });
});
