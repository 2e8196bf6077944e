import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { registryImportList, registryImportReportView, routes } from '@jianban/shared';
import { RegistryImportService } from '../../src/civil-affairs/import/registry-import.service';
import { describeEngines } from '../support/describe-engines';
import { anIdNumber } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';

// district staff see the registry imports and download each one's validation report; nobody else does
describeEngines('registry imports for district staff on %s', (engine) => {
  let t: TestApp;
  let dir: string;
  let importId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'civil-affairs-staff' });
    dir = mkdtempSync(join(tmpdir(), 'jb-registry-staff-'));
    const good = anIdNumber('421003', '1940-01-02', 11);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const path = join(dir, '户籍名单.csv');
    writeFileSync(path, `身份证号,姓名,性别,出生日期,户籍地区划代码,户号\n${good},王一,男,1940-01-02,421003003003,0030039000001\n${bad},王二,男,1940-01-02,421003003003,0030039000001\n`);
    importId = (await t.app.app.get(RegistryImportService).importFile({ kind: 'roster', path, actor: 'cli' })).importId;
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the imports with their counts for the district admin', async () => {
    const r = await t.call(routes.registryImports, {}, { token: await t.loginStaff('district') });
    expect(r.status).toBe(200);
    const list = registryImportList.parse(r.body);
    expect(list.items.find((i) => i.id === importId)).toMatchObject({ kind: 'roster', fileName: '户籍名单.csv', status: 'published', totalRows: 2, acceptedRows: 1, rejectedRows: 1, by: 'cli' });
  });

  it('hands the report over as CSV with Chinese headers, and the download is in the audit', async () => {
    const token = await t.loginStaff('district');
    const r = await t.call(routes.registryImportReport, {}, { params: { id: importId }, token });
    expect(r.status).toBe(200);
    const view = registryImportReportView.parse(r.body);
    const csv = Buffer.from(view.base64, 'base64').toString('utf8');
    expect(csv).toBe('\uFEFF行号,列,问题\r\n3,身份证号,身份证号校验位不对\r\n');
    expect(view).toMatchObject({ issueCount: 1, truncated: false, contentType: 'text/csv' });
    const audit = await t.ds.query(`SELECT actor FROM registry_audit WHERE action = 'download_report' AND import_id = ?`, [importId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).not.toBe('cli');
  });

  it('answers 404 for an unknown import and refuses community staff and residents', async () => {
    const district = await t.loginStaff('district');
    expect((await t.call(routes.registryImportReport, {}, { params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' }, token: district })).status).toBe(404);
    const community = await t.loginStaff('meicun');
    expect((await t.call(routes.registryImports, {}, { token: community })).status).toBe(403);
    expect((await t.call(routes.registryImportReport, {}, { params: { id: importId }, token: community })).status).toBe(403);
    expect((await t.call(routes.registryImports, {}, { token: await t.loginResident('registry-curious') })).status).toBe(403);
  });
});
