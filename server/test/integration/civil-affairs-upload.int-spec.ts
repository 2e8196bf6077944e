import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { REGISTRY_FILE_MAX_BYTES, registryImportReportView, registryImportUploadView, registryImportView, routes } from '@jianban/shared';
import { DistrictCopyRegistry } from '../../src/civil-affairs/district-copy.adapter';
import { RegistryRepository } from '../../src/civil-affairs/registry.repository';
import { generatePeople } from '../../src/civil-affairs/synthetic/registry-generator';
import { writeRegistryFiles } from '../../src/civil-affairs/synthetic/registry-files';
import { Db } from '../../src/common/db';
import { PiiCipher } from '../../src/common/pii-cipher';
import { describeEngines } from '../support/describe-engines';
import { anIdNumber } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';

const MEICUN = '421003003003';
const ROSTER_HEADER = '身份证号,姓名,性别,出生日期,户籍地区划代码,户号';
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const csv = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

// district staff upload the registry files from the console: the same import as the command line (streamed, checked,
// idempotent by SHA-256, audited), a refused file writes nothing, and a held death / move-out file is approved there
describeEngines('registry file uploads from the staff console on %s', (engine) => {
  let t: TestApp;
  let dir: string;
  let district: string;
  let registry: DistrictCopyRegistry;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['registry_import', 'registry_audit', 'registry_staging', 'registry_import_issue', 'registry_person']) {
      out[table] = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    }
    return out;
  };
  const upload = (kind: 'roster' | 'deaths' | 'moveouts', fileName: string, base64: string, token = district) =>
    t.call(routes.uploadRegistryImport, { kind, fileName, base64 }, { token });

  beforeAll(async () => {
    // any death file marking more than 2 people of the copy waits for approval (F5)
    t = await startTestApp(engine, { name: 'civil-affairs-upload', env: { CIVIL_AFFAIRS_IMPORT_HOLD_MIN: '2', CIVIL_AFFAIRS_IMPORT_HOLD_SHARE: '0' } });
    dir = mkdtempSync(join(tmpdir(), 'jb-registry-upload-'));
    district = await t.loginStaff('district');
    registry = new DistrictCopyRegistry(new Db(t.ds), t.app.app.get(PiiCipher), new RegistryRepository(), t.config);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const good = anIdNumber('421003', '1939-05-06', 41);
  const other = anIdNumber('421003', '1941-07-08', 42);
  const bad = other.slice(0, 17) + (other[17] === '0' ? '1' : '0');
  const roster = csv([ROSTER_HEADER, `${good},陈上传,男,1939-05-06,${MEICUN},0030039100001`, `${bad},陈错号,女,1941-07-08,${MEICUN},0030039100001`]);

  it('imports a good CSV roster, reports its bad rows, and audits the staff member as the actor', async () => {
    const r = await upload('roster', '户籍名单-上传.csv', b64(roster));
    expect(r.status).toBe(201);
    const view = registryImportUploadView.parse(r.body);
    expect(view).toMatchObject({ import: { kind: 'roster', fileName: '户籍名单-上传.csv', status: 'published', totalRows: 2, acceptedRows: 1, rejectedRows: 1, by: 'staff' }, issues: 1, duplicateOf: null });
    expect(await registry.lookup(good)).toMatchObject({ kind: 'found', person: { name: '陈上传', hukouRegionCode: MEICUN } });
    expect(await registry.lookup(other)).toMatchObject({ kind: 'not-found' });
    const report = await t.call(routes.registryImportReport, {}, { params: { id: view.import.id }, token: district });
    const text = Buffer.from(registryImportReportView.parse(report.body).base64, 'base64').toString('utf8');
    expect(text).toBe('\uFEFF行号,列,问题\r\n3,身份证号,身份证号校验位不对\r\n');
    const audit = (await t.ds.query(`SELECT actor, action FROM registry_audit WHERE import_id = ? ORDER BY at`, [view.import.id])) as { actor: string; action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['import', 'download_report']);
    expect(['cli', 'seed', 'test']).not.toContain(audit[0].actor);
    expect(audit[1].actor).toBe(audit[0].actor);
  });

  it('changes nothing when the same file comes again (under any name): a duplicate of the first import, in the audit', async () => {
    const before = await counts();
    const r = await upload('roster', '又传了一次.csv', b64(roster));
    expect(r.status).toBe(201);
    const view = registryImportUploadView.parse(r.body);
    const [first] = (await t.ds.query(`SELECT id FROM registry_import WHERE file_name = ?`, ['户籍名单-上传.csv'])) as { id: string }[];
    expect(view).toMatchObject({ import: { status: 'duplicate' }, duplicateOf: first.id });
    const after = await counts();
    expect(after).toEqual({ ...before, registry_import: before.registry_import + 1, registry_audit: before.registry_audit + 1 });
  });

  it('imports an XLSX roster generated by the synthetic registry', async () => {
    const people = [...generatePeople({ seed: 7, people: 12, today: '2026-12-01' })].map((p) => ({ ...p, deathDate: null, movedOutDate: null }));
    const files = await writeRegistryFiles(join(dir, 'xlsx'), 'xlsx', people);
    const r = await upload('roster', '户籍名单.xlsx', readFileSync(files.roster).toString('base64'));
    expect(r.status).toBe(201);
    expect(registryImportUploadView.parse(r.body).import).toMatchObject({ status: 'published', totalRows: 12, acceptedRows: 12, rejectedRows: 0 });
    expect(await registry.lookup(people[3].idNumber)).toMatchObject({ kind: 'found', person: { name: people[3].name } });
  });

  it('refuses a file that is not what its name says, or too large, with a code, and writes nothing', async () => {
    const before = await counts();
    const workbook = Buffer.concat([Buffer.from('PK\x03\x04', 'binary'), Buffer.alloc(64, 1)]);
    const refusals: [string, string, string, number, string][] = [
      ['roster', '名单.xlsx', b64(roster), 400, 'REGISTRY_FILE_INVALID'], // CSV text named .xlsx
      ['roster', '名单.csv', workbook.toString('base64'), 400, 'REGISTRY_FILE_INVALID'], // a workbook named .csv
      ['deaths', '死亡.csv', b64(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02])), 400, 'REGISTRY_FILE_INVALID'], // binary
      ['roster', '名单.pdf', b64(roster), 400, 'VALIDATION_FAILED'], // neither .csv nor .xlsx
      ['roster', '名单.csv', 'QUJD'.repeat(Math.ceil(REGISTRY_FILE_MAX_BYTES / 3) + 1), 400, 'VALIDATION_FAILED'], // over 10 MB of file
    ];
    for (const [kind, fileName, base64, status, code] of refusals) {
      const r = await upload(kind as 'roster', fileName, base64);
      expect([fileName, r.status, r.body.code]).toEqual([fileName, status, code]);
    }
    // a body over the route's own limit never reaches the handler
    const huge = await t.http('POST', `/api${routes.uploadRegistryImport.path}`, { body: { kind: 'roster', fileName: 'a.csv', base64: 'QUJD'.repeat(4 * 1024 * 1024) }, token: district });
    expect([huge.status, huge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await counts()).toEqual(before);
  });

  it('is only for the district admin: community staff and residents are refused, anonymous callers must sign in', async () => {
    const before = await counts();
    const community = await t.loginStaff('meicun');
    expect((await upload('roster', 'x.csv', b64(roster), community)).status).toBe(403);
    expect((await upload('roster', 'x.csv', b64(roster), await t.loginResident('upload-curious'))).status).toBe(403);
    expect((await t.http('POST', `/api${routes.uploadRegistryImport.path}`, { body: { kind: 'roster', fileName: 'x.csv', base64: b64(roster) } })).status).toBe(401);
    const [anyImport] = (await t.ds.query(`SELECT id FROM registry_import`)) as { id: string }[];
    expect((await t.call(routes.approveRegistryImport, {}, { params: { id: anyImport.id }, token: community })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('F5: a held death file is published by one district approval from the console; a second approval is refused', async () => {
    const people = [...generatePeople({ seed: 23, people: 8, today: '2026-12-01' })].map((p) => ({ ...p, deathDate: null, movedOutDate: null }));
    const files = await writeRegistryFiles(join(dir, 'f5'), 'csv', people);
    expect(registryImportUploadView.parse((await upload('roster', '名单-f5.csv', readFileSync(files.roster).toString('base64'))).body).import.status).toBe('published');
    const deaths = csv(['身份证号,姓名,死亡日期', ...people.slice(0, 4).map((p) => `${p.idNumber},${p.name},2026-11-01`)]);
    const held = registryImportUploadView.parse((await upload('deaths', '死亡名单.csv', b64(deaths))).body).import;
    expect(held).toMatchObject({ kind: 'deaths', status: 'held', acceptedRows: 4 });
    expect(await registry.lookup(people[0].idNumber)).toMatchObject({ person: { deathDate: null } });
    // a published import is not waiting for approval; an unknown one is not found
    const [published] = (await t.ds.query(`SELECT id FROM registry_import WHERE file_name = ?`, ['名单-f5.csv'])) as { id: string }[];
    expect((await t.call(routes.approveRegistryImport, {}, { params: { id: published.id }, token: district })).body.code).toBe('REGISTRY_IMPORT_NOT_HELD');
    expect((await t.call(routes.approveRegistryImport, {}, { params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' }, token: district })).status).toBe(404);
    // two approvals at the same moment: one publishes, the other is told it is no longer held
    const both = await Promise.all([0, 1].map(() => t.call(routes.approveRegistryImport, {}, { params: { id: held.id }, token: district })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const ok = both.find((r) => r.status === 200)!;
    expect(registryImportView.parse(ok.body)).toMatchObject({ id: held.id, status: 'published', acceptedRows: 4 });
    expect(await registry.lookup(people[0].idNumber)).toMatchObject({ person: { deathDate: '2026-11-01' } });
    const audit = (await t.ds.query(`SELECT detail_json FROM registry_audit WHERE import_id = ? AND action = 'import' ORDER BY at`, [held.id])) as { detail_json: string }[];
    expect(audit.map((a) => JSON.parse(a.detail_json).status)).toEqual(['held', 'published']);
  });
});
