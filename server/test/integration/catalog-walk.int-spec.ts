import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { catalogItemDetail, catalogListView, noticeBoardView, departmentHistoryView, departmentListView, departmentView, itemHistoryView, originOfJurisdiction, routes } from '@jianban/shared';
import order from '../../src/catalog/seed-data/resident-order.json';
import { routeSteps } from '../../src/catalog/catalog.seed';
import researchData from '../../src/catalog/seed-data/certificate-catalog.json';
import { seedReference } from '../../src/database/seed/seed';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

// issue 14 items 1, 3 and 5: routes written for residents, lists in the order people need them, checked items
// what residents see of the research data: other places' examples are not published until adopted (issue 14, scope)
const PUBLISHED = researchData.items.filter((i) => originOfJurisdiction(i.jurisdiction, 'district') !== 'other_place');
const PUBLISHED_CODES = new Set(PUBLISHED.map((i) => i.id));
describeEngines('catalog for residents on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'catalog-walk', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_INDEX_CHECK_MS: '0' } });
    admin = await t.loginStaff('district');
  });
  afterAll(async () => t?.close());

  const lists = async () => catalogListView.parse((await t.call(routes.catalogLists, {})).body);
  const detail = async (code: string) => catalogItemDetail.parse((await t.call(routes.catalogItem, {}, { params: { itemCode: code } })).body);

  it('orders both lists by what residents need most, 健在证明 first, categories in the order of their first item', async () => {
    const view = await lists();
    const notIssue = view.lists.find((l) => l.list === 'not_issue')!;
    const issue = view.lists.find((l) => l.list === 'issue')!;
    expect(notIssue.categories[0].items[0].name).toBe('健在证明');
    expect(issue.categories[0].items[0].code).toBe(order.issue.find((c) => PUBLISHED_CODES.has(c)));
    for (const [list, group] of [['not_issue', notIssue], ['issue', issue]] as const) {
      const rank = (code: string) => (order[list] as string[]).indexOf(code);
      // within a category the configured order holds; each category's first item ranks above the next category's
      for (const c of group.categories) {
        const ranks = c.items.map((i) => rank(i.code)).filter((r) => r >= 0);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
      const firsts = group.categories.map((c) => rank(c.items[0].code));
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    }
  });

  it('gives every still-issued row all its materials, or none when nobody has written them down', async () => {
    const issue = (await lists()).lists.find((l) => l.list === 'issue')!;
    const rows = issue.categories.flatMap((c) => c.items);
    expect(rows).toHaveLength(PUBLISHED.filter((i) => i.list === 'issue').length);
    for (const row of rows) {
      const d = await detail(row.code);
      expect([row.code, row.routeSummary]).toEqual([row.code, d.materials.length ? d.materials.join('、') : null]);
    }
  });

  it('puts the common case first and keeps document numbers and other cities\' policies out of the steps', async () => {
    const hukou = await detail('NI-03');
    expect(hukou.alternativeRoute.steps[0]).toMatch(/写错了.*派出所申请更正/);
    const marriage = await detail('NI-08');
    expect(marriage.alternativeRoute.steps.join('')).not.toContain('公通字');
    expect(marriage.legalBasis).toContain('公通字〔2016〕21号'); // the document number stays where staff and the small print read it
    for (const it of PUBLISHED) {
      const d = await detail(it.id);
      for (const step of d.alternativeRoute.steps) expect([it.id, step]).toEqual([it.id, expect.not.stringMatching(/〔\d{4}〕|重庆|上海|政策[:：]/)]);
      // no "somewhere, some app" for residents: a channel is named or there is none
      expect([it.id, d.alternativeRoute.onlineChannel ?? '']).toEqual([it.id, expect.not.stringMatching(/部分(地区|城市)/)]);
    }
    const alive = await detail('NI-10');
    expect(alive.alternativeRoute.department).toContain('社保经办机构');
    expect(alive.alternativeRoute.onlineChannel).toContain('掌上12333');
  });

  it('drops the "still being checked" note from an item the district admin has marked checked, and says who and when', async () => {
    const before = await detail('NI-10');
    expect(before.inferredNote).toContain('区里还在逐条核对');
    const r = await t.call(routes.updateCatalogItem, { baseVersion: before.version, changes: { lastReviewedOn: '2026-12-06' }, changeNote: '已与区医保局核对' }, { token: admin, params: { itemCode: 'NI-10' } });
    expect(r.status).toBe(200);
    const after = await detail('NI-10');
    expect([after.inferredNote, after.lastReviewedOn]).toEqual([null, '2026-12-06']);
    const history = itemHistoryView.parse((await t.call(routes.catalogItemHistory, {}, { token: admin, params: { itemCode: 'NI-10' } })).body);
    const last = history.versions.find((v) => v.version === after.version)!;
    expect([last.changedFields, last.editedBy?.role, last.changeNote]).toEqual([['lastReviewedOn'], 'district_admin', '已与区医保局核对']);
  });

  it('rewrites a route stored by an earlier seed once, as a new version, and leaves an admin\'s route alone', async () => {
    const raw = (code: string) => routeSteps(researchData.items.find((i) => i.id === code)!.alternative_route);
    const setSteps = async (code: string, steps: string[]) => {
      const [row] = await t.ds.query('SELECT content_json AS c FROM catalog_item WHERE code = ?', [code]);
      await t.ds.query('UPDATE catalog_item SET content_json = ? WHERE code = ?', [JSON.stringify({ ...JSON.parse(row.c), routeSteps: steps }), code]);
    };
    await setSteps('NI-01', raw('NI-01')); // as seeded before the resident routes
    await setSteps('NI-05', ['派出所（区管理员写的）']); // an admin's own route
    const v1 = (await detail('NI-01')).version;
    await seedReference(t.ds);
    const d = await detail('NI-01');
    expect(d.version).toBe(v1 + 1);
    expect(d.alternativeRoute.steps[0]).toContain('同一户口簿上的家人');
    expect((await detail('NI-05')).alternativeRoute.steps).toEqual(['派出所（区管理员写的）']);
    await seedReference(t.ds);
    expect((await detail('NI-01')).version).toBe(v1 + 1);
  });

  describe('department directory', () => {
    const departments = async () => departmentListView.parse((await t.call(routes.catalogDepartments, {})).body).items;

    it('is seeded with names from a source and nothing unconfirmed: no address, phone, hours or channel', async () => {
      const items = await departments();
      expect(items.length).toBeGreaterThanOrEqual(8);
      const codes = new Set(researchData.items.map((i) => i.id));
      for (const d of items) {
        expect([d.code, d.address, d.phone, d.hours, d.onlineChannel, d.checked]).toEqual([d.code, null, null, null, null, null]);
        expect(Object.keys(d.fieldSources)).toEqual(['name']);
        expect(d.fieldSources.name).toContain('民发〔2020〕20号');
        for (const code of d.itemCodes) expect([d.code, codes.has(code)]).toEqual([d.code, true]);
      }
      expect(items.find((d) => d.code === 'police-hukou')!.itemCodes).toContain('NI-03');
      await seedReference(t.ds);
      expect(await departments()).toEqual(items);
    });

    it('lets the district admin fill in and check an entry, naming who and when, with every version kept', async () => {
      const before = (await departments()).find((d) => d.code === 'police-hukou')!;
      const input = { baseVersion: before.version, changes: { phone: '0716-0000000', hours: '工作日 9:00-17:00' }, checked: true, changeNote: '电话问过派出所' };
      const r = await t.call(routes.updateDepartment, input, { token: admin, params: { deptCode: 'police-hukou' } });
      expect(r.status).toBe(200);
      const d = departmentView.parse(r.body);
      expect([d.version, d.phone, d.hours, d.address]).toEqual([before.version + 1, '0716-0000000', '工作日 9:00-17:00', null]);
      expect(d.fieldSources.phone).toMatch(/^区管理员 .+ 填写（\d{4}-\d{2}-\d{2}）$/);
      expect(d.fieldSources.address).toBeUndefined();
      expect(d.checked?.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.checked?.by.length).toBeGreaterThan(0);
      const versions = await t.ds.query('SELECT version, change_note AS note, editor_name AS editor FROM catalog_department_version');
      expect(versions).toEqual([{ version: d.version, note: '电话问过派出所', editor: d.checked!.by }]);
      // stale version: refused, nothing written
      const stale = await t.call(routes.updateDepartment, { ...input, changes: { phone: '0716-1111111' } }, { token: admin, params: { deptCode: 'police-hukou' } });
      expect([stale.status, stale.body.code]).toEqual([409, 'CATALOG_VERSION_CONFLICT']);
      expect((await departments()).find((x) => x.code === 'police-hukou')!.phone).toBe('0716-0000000');
      // emptied again: the field loses its source; unchecked: who/when cleared
      const cleared = departmentView.parse((await t.call(routes.updateDepartment, { baseVersion: d.version, changes: { phone: null }, checked: false, changeNote: '号码不对' }, { token: admin, params: { deptCode: 'police-hukou' } })).body);
      expect([cleared.phone, cleared.fieldSources.phone, cleared.checked]).toEqual([null, undefined, null]);
    });

    it('shows each department\'s history to the district admin: who, when, which field, old → new, newest first', async () => {
      // police-hukou was edited twice above (phone and hours set and checked, then the phone emptied and unchecked)
      const r = await t.call(routes.departmentHistory, {}, { token: admin, params: { deptCode: 'police-hukou' } });
      expect(r.status).toBe(200);
      const h = departmentHistoryView.parse(r.body);
      const current = (await departments()).find((d) => d.code === 'police-hukou')!;
      expect([h.code, h.currentVersion, h.versions.map((v) => v.version)]).toEqual(['police-hukou', current.version, [current.version, current.version - 1]]);
      const [last, first] = h.versions;
      expect(last).toMatchObject({ changeNote: '号码不对', fromKnown: true, editorName: expect.any(String) });
      expect(last.changes.map((c) => [c.label, c.from, c.to])).toEqual([['电话', '0716-0000000', null], ['核对', expect.stringContaining('核对'), null]]);
      expect(first.changes.map((c) => [c.field, c.from, c.to])).toEqual([['phone', null, '0716-0000000'], ['hours', null, '工作日 9:00-17:00'], ['checked', null, expect.stringMatching(/\d{4}-\d{2}-\d{2} 核对$/)]]);
      expect(Date.parse(first.at)).toBeLessThanOrEqual(Date.parse(last.at));
      // an untouched department has no versions; an unknown one is a 404; only the district admin reads it
      expect(departmentHistoryView.parse((await t.call(routes.departmentHistory, {}, { token: admin, params: { deptCode: 'court' } })).body).versions).toEqual([]);
      const missing = await t.call(routes.departmentHistory, {}, { token: admin, params: { deptCode: 'no-such-office' } });
      expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.call(routes.departmentHistory, {}, { token: await t.loginStaff('meicun'), params: { deptCode: 'police-hukou' } })).status).toBe(403);
    });

    it('reads the history of a version written before changes were recorded from the version before it', async () => {
      // what DepartmentVersionChanges1764480000000 leaves: versions without changes_json
      const dept = (await departments()).find((d) => d.code === 'police-hukou')!;
      const saved = await t.ds.query('SELECT id, changes_json AS c FROM catalog_department_version ORDER BY version');
      await t.ds.query('UPDATE catalog_department_version SET changes_json = NULL');
      try {
        const h = departmentHistoryView.parse((await t.call(routes.departmentHistory, {}, { token: admin, params: { deptCode: 'police-hukou' } })).body);
        const [last, first] = h.versions;
        expect(last.fromKnown).toBe(true);
        expect(last.changes.map((c) => [c.field, c.from, c.to])).toEqual([['phone', '0716-0000000', null], ['checked', expect.stringContaining('核对'), null]]);
        // the first stored version: its new values, the old ones not known
        expect(first.fromKnown).toBe(false);
        expect(first.changes.map((c) => [c.field, c.to])).toEqual(expect.arrayContaining([['phone', '0716-0000000'], ['hours', '工作日 9:00-17:00']]));
        expect(h.currentVersion).toBe(dept.version);
      } finally {
        for (const s of saved) await t.ds.query('UPDATE catalog_department_version SET changes_json = ? WHERE id = ?', [s.c, s.id]);
      }
    });

    it('refuses other staff, unknown departments and a phone with letters', async () => {
      const community = await t.loginStaff('meicun');
      const dept = (await departments()).find((d) => d.code === 'court')!;
      const input = { baseVersion: dept.version, changes: { address: '某路1号' }, checked: false, changeNote: 'x' };
      expect((await t.call(routes.updateDepartment, input, { token: community, params: { deptCode: 'court' } })).status).toBe(403);
      const missing = await t.call(routes.updateDepartment, input, { token: admin, params: { deptCode: 'no-such-office' } });
      expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
      const bad = await t.call(routes.updateDepartment, { ...input, changes: { phone: 'call me' } }, { token: admin, params: { deptCode: 'court' } });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await departments()).find((d) => d.code === 'court')!.version).toBe(dept.version);
    });
  });

  // last: it changes the order the tests above check
  it('puts an item residents keep reporting first, in the app and on the poster', async () => {
    const resident = await t.loginResident('walk-reporter');
    for (let i = 0; i < 3; i++) {
      const r = await t.call(routes.createDemandReport, { itemCode: 'HB-21', place: `银行${i}`, happenedOn: '2026-11-20' }, { token: resident });
      expect(r.status).toBe(201);
    }
    const notIssue = (await lists()).lists.find((l) => l.list === 'not_issue')!;
    const names = notIssue.categories.flatMap((c) => c.items.map((i) => i.name));
    expect(names[0]).toBe('缴费票据遗失证明');
    // its category moves up with it; the rest keep the default order
    expect(notIssue.categories.map((c) => c.items[0].name).slice(0, 2)).toEqual(['缴费票据遗失证明', '健在证明']);
    const staff = await t.loginStaff('meicun');
    const board = noticeBoardView.parse((await t.call(routes.noticeBoard, {}, { token: staff, params: { code: '421003003003' } })).body);
    const file = join(mkdtempSync(join(tmpdir(), 'jb-walk-')), 'board.pdf');
    writeFileSync(file, Buffer.from(board.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    const rows = text.split('\n').flatMap((l) => /^\d+\. (\S+)/.exec(l.trim())?.slice(1) ?? []);
    expect(rows).toEqual(names);
  });
});
