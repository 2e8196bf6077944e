// The rotatable blind index (issue 11) on a real database: data written under key version 1, the servers switched to
// version 2 with version 1 still configured for lookups, and rotate-pii's re-index run online — while registry lookups
// and a roster import run beside it. Afterwards every row is on version 2 and the joins registry ↔ applications ↔
// recipients ↔ proxies find the same people; a row left on version 1 is not found once key 1 is removed (negative control).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CivilAffairsRegistry } from '../../src/civil-affairs/civil-affairs.port';
import { RegistryImportService } from '../../src/civil-affairs/import/registry-import.service';
import { DistrictCopyRegistry } from '../../src/civil-affairs/district-copy.adapter';
import { RegistryRepository, sqlDateTime } from '../../src/civil-affairs/registry.repository';
import { Db } from '../../src/common/db';
import { PiiCipher } from '../../src/common/pii-cipher';
import type { AppConfig } from '../../src/config';
import { BLIND_INDEXES, reindexAll } from '../../src/database/blind-index-rotation';
import { describeEngines } from '../support/describe-engines';
import { aRegistryPerson, anIdNumber, seedRegistry } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { ALLOWANCE_TEST_ENV, apply, familyOf } from './allowance-helpers';
import { at, controlClock } from './booking-helpers';

const K1 = Buffer.alloc(32, 'rotation-test-hmac-key-one').toString('base64');
const K2 = Buffer.alloc(32, 'rotation-test-hmac-key-two').toString('base64');
const MEICUN = '421003003003';
const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

describeEngines('rotating the blind index online on %s', (engine) => {
  let t: TestApp;
  let v1: AppConfig;
  let dir: string;
  const cipherWith = (over: Partial<AppConfig['pii']>) => new PiiCipher({ ...t.config, pii: { ...t.config.pii, ...over } } as AppConfig);
  const count = async (sql: string, params: unknown[] = []) => Number(((await t.ds.query(sql, params)) as { n: unknown }[])[0].n);
  const notOn = async (version: number) => {
    const out: Record<string, number> = {};
    for (const col of [...BLIND_INDEXES.id_number, ...BLIND_INDEXES.openid]) out[col.table] = await count(`SELECT COUNT(*) AS n FROM ${col.table} WHERE ${col.kv} <> ?`, [version]);
    return out;
  };

  beforeAll(async () => {
    // the servers already run on version 2; version 1 stays configured for lookups until the re-index is done
    t = await startTestApp(engine, { name: 'blind-rotation', env: { ...ALLOWANCE_TEST_ENV, PII_HMAC_KEY: K2, PII_HMAC_KEY_VERSION: '2', PII_HMAC_OLD_KEYS: `1:${K1}` } });
    controlClock(t).set(at('2026-03-10', '10:00'));
    v1 = { ...t.config, pii: { ...t.config.pii, hmacKey: Buffer.from(K1, 'base64'), hmacVersion: 1, oldHmacKeys: {} } };
    dir = mkdtempSync(join(tmpdir(), 'jb-rotation-'));
  }, 240_000); // migrating a fresh MariaDB schema takes over a minute when the machine is loaded
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('re-indexes every row onto the new key while lookups and an import run; joins find the same people; an old row without its key is not found', async () => {
    // 1. before: 240 people in the registry copy under version 1 (every tenth dead)
    const people = Array.from({ length: 240 }, (_, i) => aRegistryPerson({
      idNumber: anIdNumber('421003', `19${30 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, i * 2 + 1), name: `张${'一二三四五六七八九十'[i % 10]}英`,
      householdNo: `R-${String(i).padStart(6, '0')}`, deathDate: i % 10 === 9 ? '2025-12-01' : null,
    }));
    await seedRegistry(t.ds, people, v1);
    // two families apply through the app (their rows come out under version 2), then are put back to version 1 as
    // they were written before the rotation, with a payment-ledger recipient each
    const elders = [people[0], people[1]];
    const apps: string[] = [];
    for (const [i, elder] of elders.entries()) {
      const fam = await familyOf(t, `rot-${engine}-${i}`, elder);
      const r = await apply(t, fam);
      expect(r.status).toBe(201);
      apps.push(r.body.id);
    }
    const c1 = new PiiCipher(v1);
    const c2 = cipherWith({});
    for (const elder of elders) {
      const [h1, h2] = [c1.blindIndex('id_number', elder.idNumber), c2.blindIndex('id_number', elder.idNumber)];
      for (const col of BLIND_INDEXES.id_number) {
        await t.ds.query(`UPDATE ${col.table} SET ${col.hash} = ?, ${col.kv} = 1 WHERE ${col.hash} = ?`, [h1, h2]);
      }
      await t.ds.query(
        `INSERT INTO allowance_recipient (id, elder_id_hash, elder_id_hash_kv, elder_id_enc, elder_id_masked, elder_name, elder_birth_date, community_code, street_code, source,
           application_id, account_kind, account_enc, account_last4, first_paid_month, status, flagged, created_at, updated_at)
         VALUES (?, ?, 1, ?, '4210**********0000', ?, ?, ?, '421003003000', 'application', NULL, 'bank_card', ?, '8901', '2026-04', 'active', ?, ?, ?)`,
        [`rcp-${elder.idNumber.slice(-8)}`, h1, c2.encrypt(elder.idNumber), elder.name, elder.birthDate, MEICUN, c2.encrypt('6217000012345678901'), 0, sqlDateTime(new Date()), sqlDateTime(new Date())],
      );
    }
    const joinCount = () => count(
      `SELECT COUNT(*) AS n FROM allowance_application a JOIN registry_person p ON p.id_number_hash = a.elder_id_hash
       JOIN allowance_recipient r ON r.elder_id_hash = a.elder_id_hash JOIN family_proxy f ON f.id_number_hash = a.elder_id_hash WHERE a.id IN (?, ?)`, apps);
    expect(await joinCount()).toBe(2);
    expect((await notOn(2)).registry_person).toBeGreaterThanOrEqual(240);

    // 2. during: lookups through the app keep finding everyone (and the dead as dead); an import of 40 known people
    // (moved household) and 40 new ones publishes; the re-index runs in chunks of 16 with the app's database handle
    const registry = t.app.app.get(CivilAffairsRegistry);
    const newcomers = Array.from({ length: 40 }, (_, i) => aRegistryPerson({ idNumber: anIdNumber('421003', '1944-04-04', 501 + i * 2), name: '李新来', householdNo: `N-${i}` }));
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, csv([
      ['身份证号', '姓名', '性别', '出生日期', '户籍地区划代码', '户号'],
      ...people.slice(100, 140).map((p) => [p.idNumber, p.name, p.sex === 'male' ? '男' : '女', p.birthDate, p.hukouRegionCode, `M-${p.householdNo}`]),
      ...newcomers.map((p) => [p.idNumber, p.name, p.sex === 'male' ? '男' : '女', p.birthDate, p.hukouRegionCode, p.householdNo]),
    ]));
    let rotating = true;
    let lookupRounds = 0;
    const lookups = (async () => {
      while (rotating) {
        const answers = await registry.lookupMany(people.map((p) => p.idNumber));
        const found = people.filter((p) => answers.get(p.idNumber)?.kind === 'found');
        expect(found).toHaveLength(people.length);
        const dead = people.filter((p) => { const a = answers.get(p.idNumber); return a?.kind === 'found' && a.person.deathDate !== null; });
        expect(dead).toHaveLength(24);
        lookupRounds++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const importing = t.app.app.get(RegistryImportService).importFile({ kind: 'roster', path: roster, actor: 'cli' });
    const result = await reindexAll(t.app.app.get(Db), c2, { chunk: 16, onChunk: () => new Promise((r) => setImmediate(r)) });
    const summary = await importing;
    rotating = false;
    await lookups;
    expect(lookupRounds).toBeGreaterThan(0);
    expect(summary).toMatchObject({ status: 'published', acceptedRows: 80, rejectedRows: 0 });
    // the import may have published after the re-index passed some of its people: one more run finishes them (resumable)
    const again = await reindexAll(t.app.app.get(Db), c2, { chunk: 16 });
    expect(result.conflicts + again.conflicts).toBe(0);

    // 3. after: every row on version 2, no twins, the joins find the same people, the import's changes are there
    expect(Object.values(await notOn(2)).every((n) => n === 0)).toBe(true);
    expect(again.remaining).toEqual(Object.fromEntries([...BLIND_INDEXES.id_number, ...BLIND_INDEXES.openid].map((c) => [c.table, 0])));
    expect(await count('SELECT COUNT(*) AS n FROM registry_person WHERE id_number_hash_kv = 2')).toBe(await count('SELECT COUNT(*) AS n FROM registry_person'));
    expect(await joinCount()).toBe(2);
    const v2only = new DistrictCopyRegistry(t.app.app.get(Db), cipherWith({ oldHmacKeys: {} }), t.app.app.get(RegistryRepository), t.config);
    const after = await v2only.lookupMany([...people, ...newcomers].map((p) => p.idNumber));
    expect([...after.values()].filter((a) => a.kind === 'found')).toHaveLength(280);
    const moved = after.get(people[100].idNumber);
    expect(moved?.kind === 'found' && moved.person.householdNo).toBe(`M-${people[100].householdNo}`);
    for (const elder of elders) {
      expect(await count('SELECT COUNT(*) AS n FROM allowance_application WHERE elder_id_hash = ?', [c2.blindIndex('id_number', elder.idNumber)])).toBe(1);
    }

    // 4. negative control: a row left on version 1 is found while key 1 is configured, not once it is removed
    const straggler = aRegistryPerson({ idNumber: anIdNumber('421003', '1936-06-06', 901), name: '赵旧钥', householdNo: 'S-1' });
    await seedRegistry(t.ds, [straggler], v1);
    expect((await registry.lookup(straggler.idNumber)).kind).toBe('found');
    expect((await v2only.lookup(straggler.idNumber)).kind).toBe('not-found');
  }, 300_000);
});
