import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ID_NUMBER_PATTERN } from '@jianban/shared';
import type { DataSource } from 'typeorm';
import type { RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { DistrictCopyRegistry } from '../../src/civil-affairs/district-copy.adapter';
import { RegistryImportRepository } from '../../src/civil-affairs/import/registry-import.repository';
import { RegistryImportService } from '../../src/civil-affairs/import/registry-import.service';
import { RegistryRepository } from '../../src/civil-affairs/registry.repository';
import { generatePeople } from '../../src/civil-affairs/synthetic/registry-generator';
import { writeRegistryFiles } from '../../src/civil-affairs/synthetic/registry-files';
import { SystemClock } from '../../src/common/clock';
import { Db } from '../../src/common/db';
import { PiiCipher } from '../../src/common/pii-cipher';
import { loadConfig, type AppConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { describeEngines } from '../support/describe-engines';
import { aRegistryPerson, anIdNumber } from '../support/registry';
import { createDatabase, type TestDatabase } from '../support/test-app';

const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const ROSTER_HEADER = ['身份证号', '姓名', '性别', '出生日期', '户籍地区划代码', '户号'];
const MEICUN = '421003003003';

// the import of the files public security and health hand over: streamed, staged, checked, published in one transaction
describeEngines('importing registry files into the district copy on %s', (engine) => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let registry: DistrictCopyRegistry;
  let service: RegistryImportService;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const count = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const report = async (importId: string) => {
    let text = '';
    for await (const chunk of service.reportCsv(importId)) text += chunk;
    return text;
  };
  const issues = async (importId: string) =>
    ((await ds.query('SELECT row_no, column_name, reason FROM registry_import_issue WHERE import_id = ? ORDER BY row_no, column_name', [importId])) as {
      row_no: number; column_name: string; reason: string;
    }[]).map((i) => `${i.row_no} ${i.column_name} ${i.reason}`);

  const wang = aRegistryPerson({ idNumber: anIdNumber('422421', '1940-03-15', 11), name: '王建国', householdNo: '0030039000001' });
  const li = aRegistryPerson({ idNumber: anIdNumber('421003', '1938-11-20', 22), name: '李秀英', householdNo: '0030039000002' });
  const zhang = aRegistryPerson({ idNumber: anIdNumber('421002', '1944-02-29', 31), name: '张德明', householdNo: '0030039000003', hukouRegionCode: '421003101001' });
  const rosterRow = (p: RegistryPerson) => [p.idNumber, p.name, p.sex === 'male' ? '男' : '女', p.birthDate, p.hukouRegionCode, p.householdNo];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jb-registry-'));
    db = await createDatabase(engine);
    config = loadConfig({ NODE_ENV: 'test', CIVIL_AFFAIRS_IMPORT_CHUNK: '10', CIVIL_AFFAIRS_IMPORT_HOLD_MIN: '3', ...db.env });
    ds = await createDataSource(config.db).initialize();
    await ds.runMigrations({ transaction: 'each' });
    const shared = new Db(ds);
    const cipher = new PiiCipher(config);
    registry = new DistrictCopyRegistry(shared, cipher, new RegistryRepository(), config);
    service = new RegistryImportService(shared, cipher, new RegistryImportRepository(), config, new SystemClock());
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the good rows of a roster and reports each bad row with its column and reason', async () => {
    const badCheck = wang.idNumber.slice(0, 17) + (wang.idNumber[17] === '0' ? '1' : '0');
    const path = file('roster.csv', csv([
      ROSTER_HEADER,
      rosterRow(wang), // 2
      rosterRow(li), // 3
      [badCheck, '王某', '男', '1940-03-15', MEICUN, '0030039000009'], // 4 bad check digit
      [anIdNumber('421003', '1950-01-01', 41), '刘某', '男', '2023-02-30', MEICUN, '0030039000009'], // 5 impossible birth date
      [anIdNumber('421003', '1950-01-01', 51), '陈某', '男', '1950-01-01', '421003999999', '0030039000009'], // 6 unknown region code
      rosterRow(zhang), // 7
      [li.idNumber, '李秀英', '女', li.birthDate, MEICUN, li.householdNo], // 8 duplicate of row 3
      [anIdNumber('421003', '1950-01-01', 61), '', '未知', '1950-01-01', MEICUN, '0030039000009'], // 9 no name, bad sex
      ['', '', '', '', '', ''], // blank line: ignored
    ]));
    const summary = await service.importFile({ kind: 'roster', path, actor: 'cli' });
    expect(summary).toMatchObject({ status: 'published', totalRows: 8, acceptedRows: 3, rejectedRows: 5 });
    expect(await issues(summary.importId)).toEqual([
      '4 身份证号 bad_check_digit', '5 出生日期 impossible_date', '6 户籍地区划代码 unknown_region_code', '8 身份证号 duplicate_in_file',
      '9 姓名 missing', '9 性别 bad_value',
    ].sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0]) || a.localeCompare(b)));
    for (const p of [wang, li, zhang]) expect(await registry.lookup(p.idNumber)).toMatchObject({ kind: 'found', person: p });
    expect((await registry.lookup(badCheck)).kind).toBe('not-found');
    const text = await report(summary.importId);
    expect(text.startsWith('\uFEFF行号,列,问题\r\n')).toBe(true);
    expect(text).toContain('4,身份证号,身份证号校验位不对');
    expect(text).toContain('6,户籍地区划代码,不是荆州区的社区或村的区划代码');
    expect(text.trim().split('\r\n')).toHaveLength(1 + 6);
    expect(await count('registry_staging')).toBe(0);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await ds.query('SELECT * FROM registry_person ORDER BY id_number_hash');
    const imports = await count('registry_import');
    const summary = await service.importFile({ kind: 'roster', path: join(dir, 'roster.csv'), actor: 'cli' });
    expect(summary.status).toBe('duplicate');
    expect(summary.duplicateOf).toBeDefined();
    expect(await ds.query('SELECT * FROM registry_person ORDER BY id_number_hash')).toEqual(before);
    expect(await count('registry_import')).toBe(imports + 1); // the attempt is on record, and in the audit
    expect(await count('registry_audit')).toBe(imports + 1);
  });

  it('leaves identical rows untouched and replaces changed ones when another file repeats people', async () => {
    const before = (await ds.query('SELECT import_id FROM registry_person WHERE household_no = ?', [li.householdNo]))[0].import_id;
    const moved = { ...zhang, householdNo: '0030039000004' };
    const summary = await service.importFile({ kind: 'roster', path: file('roster-2.csv', csv([ROSTER_HEADER, rosterRow(li), rosterRow(moved)])), actor: 'cli' });
    expect(summary).toMatchObject({ status: 'published', acceptedRows: 2, rejectedRows: 0 });
    expect((await ds.query('SELECT import_id FROM registry_person WHERE household_no = ?', [li.householdNo]))[0].import_id).toBe(before);
    expect(await registry.lookup(zhang.idNumber)).toMatchObject({ kind: 'found', person: { householdNo: '0030039000004' } });
    expect(await count('registry_person')).toBe(3);
  });

  it('refuses a roster row whose name differs from the copy, and a file without a required column', async () => {
    const renamed = await service.importFile({ kind: 'roster', path: file('roster-3.csv', csv([ROSTER_HEADER, rosterRow({ ...li, name: '李秀兰' })])), actor: 'cli' });
    expect(renamed).toMatchObject({ status: 'published', acceptedRows: 0, rejectedRows: 1 });
    expect(await issues(renamed.importId)).toEqual(['2 姓名 name_mismatch']);
    expect(await registry.lookup(li.idNumber)).toMatchObject({ kind: 'found', person: { name: '李秀英' } });

    const headless = await service.importFile({ kind: 'roster', path: file('roster-4.csv', csv([['身份证号', '姓名'], [li.idNumber, li.name]])), actor: 'cli' });
    expect(headless.status).toBe('failed');
    expect(await issues(headless.importId)).toEqual(expect.arrayContaining(['1 户籍地区划代码 missing_column', '1 性别 missing_column']));
  });

  it('a death record makes the lookup say dead; a death record under another name is refused', async () => {
    const path = file('deaths.csv', csv([
      ['身份证号', '姓名', '死亡日期'],
      [li.idNumber, '李秀英', '2026/10/3'],
      [wang.idNumber, '王建华', '2026-10-04'], // not the name the roster holds
      [zhang.idNumber, '张德明', '2099-01-01'], // in the future
    ]));
    const summary = await service.importFile({ kind: 'deaths', path, actor: 'cli' });
    expect(summary).toMatchObject({ status: 'published', acceptedRows: 1, rejectedRows: 2 });
    expect(await issues(summary.importId)).toEqual(['3 姓名 name_mismatch', '4 死亡日期 impossible_date']);
    expect(await registry.lookup(li.idNumber)).toMatchObject({ kind: 'found', person: { deathDate: '2026-10-03' } });
    expect(await registry.lookup(wang.idNumber)).toMatchObject({ kind: 'found', person: { deathDate: null } });
  });

  it('a crash after staging leaves nothing of the file visible', async () => {
    const newcomer = aRegistryPerson({ idNumber: anIdNumber('421003', '1941-06-06', 71), name: '赵文华', householdNo: '0030039000005' });
    const path = file('roster-crash.csv', csv([ROSTER_HEADER, rosterRow(newcomer), rosterRow({ ...zhang, householdNo: '0030039000006' })]));
    const crash = new Error('power cut after staging');
    await expect(service.importFile({ kind: 'roster', path, actor: 'cli' }, { afterStaging: async () => { throw crash; } })).rejects.toBe(crash);
    expect((await registry.lookup(newcomer.idNumber)).kind).toBe('not-found');
    expect(await registry.lookup(zhang.idNumber)).toMatchObject({ person: { householdNo: '0030039000004' } });
    expect(await count('registry_staging')).toBe(0);
    const row = (await ds.query(`SELECT status, error FROM registry_import WHERE file_name = 'roster-crash.csv'`))[0];
    expect(row.status).toBe('failed');
    expect(row.error).toContain('power cut');
    // the same file again (a failed import does not count as done) goes through
    expect((await service.importFile({ kind: 'roster', path, actor: 'cli' })).status).toBe('published');
    expect((await registry.lookup(newcomer.idNumber)).kind).toBe('found');
  });

  it('closes an import whose process died while staging: marked failed, its staging rows removed, on the next import', async () => {
    const lost = '5d0c9d64-7b5e-4c8e-9f0a-1b2c3d4e5f60';
    await ds.query(
      `INSERT INTO registry_import (id, kind, file_name, file_sha256, status, total_rows, accepted_rows, rejected_rows, actor, started_at)
       VALUES (?, 'roster', 'lost.csv', 'x', 'staging', 0, 0, 0, 'cli', ?)`,
      [lost, new Date(Date.now() - 25 * 3600_000).toISOString().replace('T', ' ').replace('Z', '')],
    );
    await ds.query(`INSERT INTO registry_staging (import_id, row_no, id_number_hash, id_number_enc, name) VALUES (?, 2, 'h', 'e', 'n')`, [lost]);
    await service.importFile({ kind: 'roster', path: file('roster-after-crash.csv', csv([ROSTER_HEADER, rosterRow(li)])), actor: 'cli' });
    expect((await ds.query('SELECT status, error FROM registry_import WHERE id = ?', [lost]))[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('abandoned') });
    expect(await count('registry_staging')).toBe(0);
  });

  it('F5: a death file that would mark more of the roster than the threshold waits for approval', async () => {
    const people = [...generatePeople({ seed: 11, people: 40, today: '2026-12-01' })].map((p) => ({ ...p, deathDate: null, movedOutDate: null }));
    const files = await writeRegistryFiles(join(dir, 'f5'), 'csv', people);
    expect((await service.importFile({ kind: 'roster', path: files.roster, actor: 'cli' })).status).toBe('published');
    const deaths = file('deaths-f5.csv', csv([['身份证号', '姓名', '死亡日期'], ...people.slice(0, 6).map((p) => [p.idNumber, p.name, '2026-11-01'])]));
    const held = await service.importFile({ kind: 'deaths', path: deaths, actor: 'cli' });
    expect(held).toMatchObject({ status: 'held', acceptedRows: 6 });
    expect(await registry.lookup(people[0].idNumber)).toMatchObject({ person: { deathDate: null } });
    expect((await service.approveHeld(held.importId, 'staff-1')).status).toBe('published');
    expect(await registry.lookup(people[0].idNumber)).toMatchObject({ person: { deathDate: '2026-11-01' } });
  });

  it('imports a generated registry from XLSX and CSV files alike (roster, deaths, move-outs)', async () => {
    const opts = { seed: 99, people: 300, today: '2026-12-01', deathShare: 0.05, moveOutShare: 0.05 };
    const people = [...generatePeople(opts)];
    for (const format of ['xlsx', 'csv'] as const) {
      const files = await writeRegistryFiles(join(dir, `gen-${format}`), format, generatePeople(opts));
      const roster = await service.importFile({ kind: 'roster', path: files.roster, actor: 'cli' });
      expect(roster).toMatchObject({ status: 'published', totalRows: 300, rejectedRows: 0 });
      for (const kind of ['deaths', 'moveouts'] as const) {
        // one approval at most: the file is generated with a high death share on purpose
        const s = await service.importFile({ kind, path: files[kind], actor: 'cli' });
        if (s.status === 'held') await service.approveHeld(s.importId, 'cli');
        else expect(s).toMatchObject({ status: 'published', rejectedRows: 0 });
      }
    }
    const answers = await registry.lookupMany(people.map((p) => p.idNumber));
    for (const p of people) expect(answers.get(p.idNumber)).toMatchObject({ kind: 'found', person: p });
    expect(people.some((p) => p.deathDate) && people.some((p) => p.movedOutDate)).toBe(true);
  });

  it('G1: no registry table holds an ID number in plaintext, and every import is in the audit', async () => {
    let scanned = 0;
    for (const table of ['registry_person', 'registry_death', 'registry_move_out', 'registry_import', 'registry_import_issue', 'registry_staging', 'registry_audit']) {
      for (const row of (await ds.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[]) {
        scanned++;
        expect([table, JSON.stringify(row).match(ID_NUMBER_PATTERN)]).toEqual([table, null]);
      }
    }
    expect(scanned).toBeGreaterThan(300);
    const audited = Number((await ds.query(`SELECT COUNT(DISTINCT import_id) AS n FROM registry_audit WHERE action = 'import'`))[0].n);
    expect(audited).toBe(await count('registry_import'));
  });
});
