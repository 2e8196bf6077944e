import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  ISSUE_LIST_SHORT_NOTE,
  catalogItemDetail,
  catalogListView,
  itemHistoryView,
  noticeBoardView,
  notAdoptedItemsView,
  OTHER_PLACE_NOT_ADOPTED_TEXT,
  originOfJurisdiction,
  routes,
  searchResultView,
  staffCatalogItemView,
} from '@jianban/shared';
import researchData from '../../src/catalog/seed-data/certificate-catalog.json';
import { CatalogOrigin1764477000000 } from '../../src/database/migrations/1764477000000-CatalogOrigin';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 14 (scope): nothing a resident sees presents another province's or city's policy as 荆州区's. Items of the
// national and Hubei lists are published; other places' examples stay in the catalog for staff until the district
// admin adopts one (a versioned edit).
const MEICUN = '421003003003';
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const OTHER = researchData.items.filter((i) => originOfJurisdiction(i.jurisdiction, 'district') === 'other_place');
const OTHER_CODES = OTHER.map((i) => i.id);
const OTHER_NAMES = OTHER.map((i) => i.name);

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jb-scope-')), 'board.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describeEngines('catalog scope on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let meicun: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'catalog-scope', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_INDEX_CHECK_MS: '60000', CATALOG_NOTICE_FONT: FONT, CATALOG_NOTICE_FONT_FAMILY: 'NotoSansCJKsc-Regular', CATALOG_BOARD_APP_URL: 'http://127.0.0.1:8080/' } });
    admin = await t.loginStaff('district');
    meicun = await t.loginStaff('meicun');
  });
  afterAll(async () => t?.close());

  const lists = async () => catalogListView.parse((await t.call(routes.catalogLists, { community: MEICUN })).body);
  const listedCodes = async () => (await lists()).lists.flatMap((l) => l.categories.flatMap((c) => c.items.map((i) => i.code)));
  const search = async (q: string) => searchResultView.parse((await t.call(routes.catalogSearch, { q })).body);
  const found = async (q: string) => {
    const r = await search(q);
    return [...r.results.flatMap((x) => (x.kind === 'item' ? [x.item.code] : [])), ...r.closest.map((c) => c.code)];
  };
  const boardText = async () => {
    const r = await t.call(routes.noticeBoard, {}, { token: meicun, params: { code: MEICUN } });
    expect(r.status).toBe(200);
    return pdfText(Buffer.from(noticeBoardView.parse(r.body).base64, 'base64'));
  };

  it('derives each item’s origin from its source: national and Hubei apply, other places do not (kept, not deleted)', async () => {
    expect(OTHER_CODES).toEqual(['ZJ-01', 'ZQ-01', 'SH-01', 'SH-02', 'SH-03', 'XY-01', 'IS-02', 'IS-03', 'IS-04', 'IS-06', 'IS-07', 'IS-08', 'IS-09', 'IS-10']);
    const rows: { code: string; origin: string }[] = await t.ds.query('SELECT code, origin FROM catalog_item');
    const origin = new Map(rows.map((r) => [r.code, r.origin]));
    expect(origin.get('NI-10')).toBe('national');
    expect(origin.get('HB-21')).toBe('hubei');
    expect(origin.get('IS-01')).toBe('national');
    for (const code of OTHER_CODES) expect([code, origin.get(code)]).toEqual([code, 'other_place']);
  });

  it('an existing installation: the migration marks the items it already has', async () => {
    const m = new CatalogOrigin1764477000000();
    const q = t.ds.createQueryRunner();
    try {
      await m.down(q);
      await m.up(q);
    } finally {
      await q.release();
    }
    const rows: { code: string; origin: string }[] = await t.ds.query('SELECT code, origin FROM catalog_item');
    for (const r of rows) expect([r.code, r.origin]).toEqual([r.code, originOfJurisdiction(researchData.items.find((i) => i.id === r.code)?.jurisdiction, 'district')]);
  });

  it('residents’ lists, search, item pages and the notice board show none of the other places’ items', async () => {
    const codes = await listedCodes();
    expect(codes).toContain('NI-10');
    expect(codes.filter((c) => OTHER_CODES.includes(c))).toEqual([]);
    for (const q of ['健康证明', '独生子女证明', '居住证明', '贫困学生证明', '大月份引产证明', '入党政审证明', '土地承包证明', '打疫苗要开居住证明吗', '']) {
      expect([q, (await found(q)).filter((c) => OTHER_CODES.includes(c))]).toEqual([q, []]);
    }
    const item = await t.call(routes.catalogItem, {}, { params: { itemCode: 'IS-08' } });
    expect([item.status, item.body.code]).toEqual([404, 'CATALOG_ITEM_NOT_FOUND']);
    const text = (await boardText()).replace(/\s+/g, '');
    expect(text).toContain('健在证明');
    for (const name of OTHER_NAMES) expect([name, text.includes(name.replace(/\s+/g, ''))]).toEqual([name, false]);
  });

  // issue 13, third round: a question about another place's item is answered with the item it stands for here
  // (search-terms.json standsFor), in the question's own words, or — with no stand-in — honestly not at all
  it('answers a question about a not-adopted item with the item here it stands for, or with no match', async () => {
    const r = await search('我家只有一个孩子要开独生子女证明');
    expect(r.results[0]?.kind === 'item' && r.results[0].item.code).toBe('NI-14');
    for (const name of OTHER_NAMES) expect([name, JSON.stringify(r).includes(name)]).toEqual([name, false]);
    const none = await search('租房子住要开个居住证明');
    expect([none.noMatch, none.results]).toEqual([true, []]);
    // negative control: an item here still answers its own question
    expect((await found('居民财产证明'))[0]).toBe('NI-17');
  });

  it('says plainly under the short still-issued list that the district has not published its own', async () => {
    const view = await lists();
    const issue = view.lists.find((l) => l.list === 'issue')!;
    expect(issue.total).toBeLessThanOrEqual(5);
    expect(issue.note).toBe(ISSUE_LIST_SHORT_NOTE);
    expect(view.lists.find((l) => l.list === 'not_issue')!.note).toBeNull();
  });

  it('staff still see them, marked as another place’s practice the district has not adopted; residents cannot ask', async () => {
    const r = await t.call(routes.notAdoptedItems, {}, { token: meicun });
    expect(r.status).toBe(200);
    const view = notAdoptedItemsView.parse(r.body);
    expect(view.items.map((i) => i.code).sort()).toEqual([...OTHER_CODES].sort());
    expect(new Set(view.items.map((i) => i.note))).toEqual(new Set([OTHER_PLACE_NOT_ADOPTED_TEXT]));
    expect(view.items.find((i) => i.code === 'ZJ-01')!.jurisdiction).toContain('Zhejiang');
    expect((await t.call(routes.notAdoptedItems, {})).status).toBe(401);
  });

  it('the district admin adopts one: it appears for residents, with who and when in its history; community staff cannot', async () => {
    const byStaff = await t.call(routes.updateCatalogItem, { baseVersion: 1, changes: { adoptedByDistrict: true }, changeNote: '采用' }, { token: meicun, params: { itemCode: 'IS-08' } });
    expect([byStaff.status, byStaff.body.code]).toEqual([403, 'CATALOG_PROPOSAL_REQUIRED']);
    expect(await listedCodes()).not.toContain('IS-08');

    const r = await t.call(routes.updateCatalogItem, { baseVersion: 1, changes: { adoptedByDistrict: true }, changeNote: '区里采用：居(租)住证明由社区出具' }, { token: admin, params: { itemCode: 'IS-08' } });
    expect(r.status).toBe(200);
    expect(await listedCodes()).toContain('IS-08');
    expect((await found('居住证明'))[0]).toBe('IS-08');
    expect(catalogItemDetail.parse((await t.call(routes.catalogItem, {}, { params: { itemCode: 'IS-08' } })).body).name).toBe('居(租)住证明');
    expect((await boardText()).replace(/\s+/g, '')).toContain('居(租)住证明');

    const h = itemHistoryView.parse((await t.call(routes.catalogItemHistory, {}, { token: admin, params: { itemCode: 'IS-08' } })).body);
    const last = h.versions.find((v) => v.version === 2)!;
    expect(last.changedFields).toEqual(['adoptedByDistrict']);
    expect(last.editedBy?.role).toBe('district_admin');
    expect(last.changeNote).toContain('采用');
    expect(Date.parse(last.editedAt)).toBeGreaterThan(Date.now() - 60_000);
    // the rest stay unpublished; the adopted one leaves the staff's not-adopted list
    expect((await listedCodes()).filter((c) => OTHER_CODES.includes(c))).toEqual(['IS-08']);
    expect(notAdoptedItemsView.parse((await t.call(routes.notAdoptedItems, {}, { token: admin })).body).items.map((i) => i.code)).not.toContain('IS-08');
  });
  it('staff open an unadopted item for editing through the staff route (residents\' route still 404); the district admin un-adopts an adopted one', async () => {
    const code = OTHER_CODES.find((c) => c !== 'IS-08')!;
    expect((await t.call(routes.catalogItem, {}, { params: { itemCode: code } })).status).toBe(404);
    for (const token of [admin, meicun]) {
      const r = await t.call(routes.staffCatalogItem, {}, { token, params: { itemCode: code } });
      expect([code, r.status]).toEqual([code, 200]);
      expect(staffCatalogItemView.parse(r.body)).toMatchObject({ code, origin: 'other_place', adoptedByDistrict: false, shownToResidents: false, version: 1 });
    }
    expect((await t.call(routes.staffCatalogItem, {}, { token: admin, params: { itemCode: 'NI-99' } })).status).toBe(404);
    expect((await t.call(routes.staffCatalogItem, {}, { params: { itemCode: code } })).status).toBe(401);

    // IS-08 was adopted above: 不再采用 is the same versioned edit, back to hidden
    const adopted = staffCatalogItemView.parse((await t.call(routes.staffCatalogItem, {}, { token: admin, params: { itemCode: 'IS-08' } })).body);
    expect(adopted).toMatchObject({ adoptedByDistrict: true, shownToResidents: true });
    const byStaff = await t.call(routes.updateCatalogItem, { baseVersion: adopted.version, changes: { adoptedByDistrict: false }, changeNote: '不再采用' }, { token: meicun, params: { itemCode: 'IS-08' } });
    expect(byStaff.status).toBe(403);
    const r = await t.call(routes.updateCatalogItem, { baseVersion: adopted.version, changes: { adoptedByDistrict: false }, changeNote: '区管理员不再采用' }, { token: admin, params: { itemCode: 'IS-08' } });
    expect(r.status).toBe(200);
    expect(await listedCodes()).not.toContain('IS-08');
    expect((await t.call(routes.catalogItem, {}, { params: { itemCode: 'IS-08' } })).status).toBe(404);
    expect(notAdoptedItemsView.parse((await t.call(routes.notAdoptedItems, {}, { token: admin })).body).items.map((i) => i.code)).toContain('IS-08');
    const after = staffCatalogItemView.parse((await t.call(routes.staffCatalogItem, {}, { token: admin, params: { itemCode: 'IS-08' } })).body);
    expect(after).toMatchObject({ adoptedByDistrict: false, shownToResidents: false, version: adopted.version + 1 });
    const h = itemHistoryView.parse((await t.call(routes.catalogItemHistory, {}, { token: admin, params: { itemCode: 'IS-08' } })).body);
    expect(h.versions.find((v) => v.version === after.version)).toMatchObject({ changedFields: ['adoptedByDistrict'], changeNote: '区管理员不再采用' });
  });
});
