import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ID_NUMBER_PATTERN } from '@jianban/shared';
import type { DataSource } from 'typeorm';
import { DistrictCopyRegistry } from '../../src/civil-affairs/district-copy.adapter';
import { RegistryRepository } from '../../src/civil-affairs/registry.repository';
import { seedDemoRegistry } from '../../src/civil-affairs/registry.seed';
import { DEMO_DAUGHTER, DEMO_ELDER } from '../../src/database/seed/regions';
import { Db } from '../../src/common/db';
import { PiiCipher } from '../../src/common/pii-cipher';
import { loadConfig, type AppConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { describeEngines } from '../support/describe-engines';
import { aRegistryPerson, anIdNumber, seedRegistry } from '../support/registry';
import { createDatabase, type TestDatabase } from '../support/test-app';

// the district copy behind CivilAffairsRegistry: lookups by blind index, batches, households, outages as values
describeEngines('the district copy of the civil-affairs registry on %s', (engine) => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let registry: DistrictCopyRegistry;

  // 王建国 and his daughter in one household; his ID number has an old prefix of another county (hukou from the code only)
  const wang = aRegistryPerson({ idNumber: anIdNumber('429001', '1940-03-15', 11), name: '王建国', householdNo: 'H-0001' });
  const daughter = aRegistryPerson({ idNumber: anIdNumber('421003', '1968-07-02', 22), name: '王丽', householdNo: 'H-0001' });
  const lateX = aRegistryPerson({ idNumber: anIdNumber('421003', '1931-01-09', 31), name: '李秀英', householdNo: 'H-0002', deathDate: '2026-10-01' });
  const movedOut = aRegistryPerson({ idNumber: anIdNumber('421003', '1944-05-05', 41), name: '张德明', householdNo: 'H-0003', movedOutDate: '2025-12-31' });
  const others = Array.from({ length: 7 }, (_, i) => aRegistryPerson({ idNumber: anIdNumber('421003', '1945-01-01', 100 + i), name: `赵${i}`, householdNo: 'H-0004' }));

  beforeAll(async () => {
    db = await createDatabase(engine);
    config = loadConfig({ NODE_ENV: 'test', CIVIL_AFFAIRS_LOOKUP_CHUNK: '3', ...db.env });
    ds = await createDataSource(config.db).initialize();
    await ds.runMigrations({ transaction: 'each' });
    await seedRegistry(ds, [wang, daughter, lateX, movedOut, ...others], config);
    registry = new DistrictCopyRegistry(new Db(ds), new PiiCipher(config), new RegistryRepository(), config);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('finds a person by ID number in any accepted spelling, hukou from the registry code and not the prefix', async () => {
    const answer = await registry.lookup(` ${wang.idNumber.slice(0, 9)} ${wang.idNumber.slice(9).toLowerCase()}`);
    expect(answer).toMatchObject({ kind: 'found', source: 'district-copy', person: { ...wang } });
    if (answer.kind !== 'found') throw new Error('not found');
    expect(answer.person.hukouRegionCode).toBe('421003003003');
    expect(Math.abs(answer.asOf.getTime() - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('answers not-found for an unknown (or malformed) ID number', async () => {
    expect(await registry.lookup(anIdNumber('421003', '1950-01-01', 999))).toEqual({ kind: 'not-found', source: 'district-copy' });
    expect(await registry.lookup('123')).toEqual({ kind: 'not-found', source: 'district-copy' });
  });

  it('reports death and move-out dates', async () => {
    expect(await registry.lookup(lateX.idNumber)).toMatchObject({ kind: 'found', person: { deathDate: '2026-10-01', movedOutDate: null } });
    expect(await registry.lookup(movedOut.idNumber)).toMatchObject({ kind: 'found', person: { deathDate: null, movedOutDate: '2025-12-31' } });
  });

  it('answers a batch with exactly one entry per distinct normalized ID number, across several statements', async () => {
    const unknown = anIdNumber('421003', '1950-01-01', 998);
    const input = [...others.map((p) => p.idNumber), wang.idNumber, wang.idNumber.replace('X', 'x'), unknown];
    const answers = await registry.lookupMany(input);
    expect(answers.size).toBe(new Set(input.map((s) => s.toUpperCase())).size);
    for (const p of others) expect(answers.get(p.idNumber)).toMatchObject({ kind: 'found', person: { name: p.name } });
    expect(answers.get(unknown)).toEqual({ kind: 'not-found', source: 'district-copy' });
  });

  it('lists a household with every member, the deceased included', async () => {
    const h = await registry.household('H-0001');
    expect(h.kind).toBe('found');
    if (h.kind !== 'found') return;
    expect(h.members.map((m) => m.name).sort()).toEqual(['王丽', '王建国']);
    expect((await registry.household('H-0002')).kind).toBe('found');
    expect(await registry.household('H-none')).toEqual({ kind: 'not-found', source: 'district-copy' });
  });

  it('re-seeding a person replaces their row instead of duplicating it', async () => {
    await seedRegistry(ds, [{ ...daughter, householdNo: 'H-0009' }], config);
    expect(await registry.lookup(daughter.idNumber)).toMatchObject({ kind: 'found', person: { householdNo: 'H-0009' } });
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM registry_person'))[0].n)).toBe(11);
    await seedRegistry(ds, [daughter], config);
  });

  it('G1: the registry tables hold no ID number in plaintext', async () => {
    let scanned = 0;
    for (const table of ['registry_person', 'registry_death', 'registry_move_out', 'registry_import', 'registry_import_issue', 'registry_staging', 'registry_audit']) {
      for (const row of (await ds.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[]) {
        scanned++;
        expect([table, JSON.stringify(row).match(ID_NUMBER_PATTERN)]).toEqual([table, null]);
      }
    }
    expect(scanned).toBeGreaterThan(11);
  });

  it('out of the box: the demo seed loads a generated registry through the import, 王建国 and his daughter in one household', async () => {
    const demoDb = await createDatabase(engine);
    const demo = loadConfig({ NODE_ENV: 'test', ...demoDb.env });
    const demoDs = await createDataSource(demo.db).initialize();
    try {
      await demoDs.runMigrations({ transaction: 'each' });
      expect(await seedDemoRegistry(demoDs, demo, 400)).toMatch(/402 synthetic people/);
      const demoRegistry = new DistrictCopyRegistry(new Db(demoDs), new PiiCipher(demo), new RegistryRepository(), demo);
      const elder = await demoRegistry.lookup(DEMO_ELDER.idNumber);
      expect(elder).toMatchObject({ kind: 'found', person: { name: '王建国', hukouRegionCode: '421003003003', deathDate: null, movedOutDate: null } });
      if (elder.kind !== 'found') return;
      const household = await demoRegistry.household(elder.person.householdNo);
      expect(household.kind === 'found' && household.members.map((m) => m.idNumber).sort()).toEqual([DEMO_ELDER.idNumber, DEMO_DAUGHTER.idNumber].sort());
      expect(Number((await demoDs.query(`SELECT COUNT(*) AS n FROM registry_import WHERE actor = 'seed' AND status = 'published'`))[0].n)).toBe(3);
      expect(await seedDemoRegistry(demoDs, demo, 400)).toBeNull(); // a second start leaves the copy alone
    } finally {
      await demoDs.destroy();
      await demoDb.drop();
    }
  });

  it('answers unavailable, not an exception, when the database is gone', async () => {
    await ds.destroy();
    expect(await registry.lookup(wang.idNumber)).toMatchObject({ kind: 'unavailable' });
    const many = await registry.lookupMany([wang.idNumber, daughter.idNumber]);
    expect([...many.values()].map((a) => a.kind)).toEqual(['unavailable', 'unavailable']);
    expect(await registry.household('H-0001')).toMatchObject({ kind: 'unavailable' });
  });
});
