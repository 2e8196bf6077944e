import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  originOfJurisdiction,
  catalogItemDetail,
  catalogRoutes,
  catalogListView,
  demandReportList,
  demandReportView,
  errorBody,
  itemHistoryView,
  proposalView,
  routes,
  searchResultView,
  staffDemandReportList,
  workListsView,
  type RouteDef,
  type RouteName,
  searchHitCode,
  serviceWordsRoutes,
} from '@jianban/shared';
import researchData from '../../src/catalog/seed-data/certificate-catalog.json';
import { randomUUID } from 'node:crypto';
import { seedReference } from '../../src/database/seed/seed';
import { everydayWordsOf, THESAURUS_NOTE } from '../../src/catalog/catalog.seed';
import { CatalogItemEntity, CatalogItemVersionEntity } from '../../src/catalog/entities/catalog.entity';
import { seedWordsOf } from '../../src/catalog/search/service-words.seed';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

const MEICUN = '421003003003';
const DONGMEN = '421003002004';

const UUID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const CATALOG_PARAMS: Record<string, { params?: Record<string, string>; input: Record<string, unknown> }> = {
  demandReportQueue: { input: {} },
  updateDemandReportStatus: { params: { id: UUID }, input: { newStatus: 'reviewing', note: 'n' } },
  updateCatalogItem: { params: { itemCode: 'NI-20' }, input: { baseVersion: 1, changes: { onlineChannel: 'A2 测试' }, changeNote: 'a2' } },
  catalogItemHistory: { params: { itemCode: 'NI-20' }, input: {} },
  staffCatalogItem: { params: { itemCode: 'NI-20' }, input: {} },
  departmentHistory: { params: { deptCode: 'court' }, input: {} },
  proposeCatalogChange: { params: { itemCode: 'NI-20' }, input: { baseVersion: 1, changes: { onlineChannel: 'A2 建议' }, reason: 'a2' } },
  catalogProposals: { input: {} },
  decideCatalogProposal: { params: { id: UUID }, input: { decision: 'reject' } },
  createCommunityItem: { params: { code: '421003003003' }, input: { name: 'A2 测试事项', category: '其他' } },
  updateWorkList: { params: { kind: 'assist' }, input: { title: '协助清单', note: null, entries: ['a'], example: true, baseVersion: 1 } },
  noticeBoard: { params: { code: '421003003003' }, input: {} },
  searchServiceWords: { input: {} },
  updateSearchServiceWords: { params: { service: 'booking' }, input: { baseVersion: 1, words: [...seedWordsOf('booking'), { word: '约办事', kind: 'subject', source: null }], changeNote: 'a2' } },
  searchServiceWordsHistory: { params: { service: 'booking' }, input: {} },
  updateDepartment: { params: { deptCode: 'court' }, input: { baseVersion: 1, changes: { hours: 'A2 测试' }, checked: false, changeNote: 'a2' } },
  notAdoptedItems: { input: {} },
};

describeEngines('catalog on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let meicun: string;
  let dongmen: string;
  let chengnan: string;
  let resident: string;

  const search = async (q: string, extra: Record<string, string> = {}) => {
    const r = await t.call(routes.catalogSearch, { q, ...extra });
    expect([q, r.status]).toEqual([q, 200]);
    return searchResultView.parse(r.body);
  };
  const top = async (q: string) => (await search(q)).results[0];
  const detail = async (code: string, community?: string) => catalogItemDetail.parse((await t.call(routes.catalogItem, community ? { community } : {}, { params: { itemCode: code } })).body);

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'catalog', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_INDEX_CHECK_MS: '60000' } });
    // one at a time: password hashing is deliberately slow
    admin = await t.loginStaff('district');
    meicun = await t.loginStaff('meicun');
    dongmen = await t.loginStaff('dongmen');
    chengnan = await t.loginStaff('chengnan');
    resident = await t.loginResident('cat-resident');
  });
  afterAll(async () => t?.close());

  describe('seed', () => {
    it('imports every research item under its stable code with its sources, and re-seeding inserts nothing', async () => {
      const lists = catalogListView.parse((await t.call(routes.catalogLists, {})).body);
      const codes = lists.lists.flatMap((l) => l.categories.flatMap((c) => c.items.map((i) => i.code))).sort();
      // residents see the national, Hubei and 荆州 items; other places' examples are imported but not published (issue 14)
      expect(codes).toEqual(researchData.items.filter((i) => originOfJurisdiction(i.jurisdiction, 'district') !== 'other_place').map((i) => i.id).sort());
      expect(lists.lists.map((l) => [l.list, l.total])).toEqual([['not_issue', 22], ['issue', 2]]);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM catalog_item'))[0].n)).toBe(researchData.items.length);
      const d = await detail('NI-10');
      expect(d.sources.map((s) => s.key)).toEqual(researchData.items.find((i) => i.id === 'NI-10')!.source);
      expect(d.sources[0].urls.length).toBeGreaterThan(0);
      expect(d.inferred).toBe(true);
      expect(d.inferredNote).toContain('区里还在逐条核对');
      const before = await t.ds.query('SELECT COUNT(*) AS n FROM catalog_item_version');
      await seedReference(t.ds);
      expect(await t.ds.query('SELECT COUNT(*) AS n FROM catalog_item_version')).toEqual(before);
    });

    it('moves seeded everyday words along with a grown thesaurus, and leaves words an admin edited alone', async () => {
      const items = t.ds.getRepository(CatalogItemEntity);
      const versions = t.ds.getRepository(CatalogItemVersionEntity);
      const seedWords = (code: string) => everydayWordsOf(code).map((w) => w.word);
      const wordsOf = async (code: string) => (JSON.parse((await items.findOneByOrFail({ code })).contentJson) as { everydayWords: { word: string }[] }).everydayWords.map((w) => w.word);
      const lastVersion = async (code: string) => versions.findOneOrFail({ where: { itemId: (await items.findOneByOrFail({ code })).id }, order: { version: 'DESC' } });
      // an item's words as an older thesaurus (editor null) or an admin left them: the seed's last word missing
      const setWords = async (code: string, editor: { id: string; note: string } | null) => {
        const row = await items.findOneByOrFail({ code });
        const next = JSON.stringify({ ...JSON.parse(row.contentJson), everydayWords: everydayWordsOf(code).slice(0, -1) });
        await items.update({ id: row.id }, { contentJson: next, version: row.version + 1 });
        await versions.insert({
          id: randomUUID(), itemId: row.id, version: row.version + 1, contentJson: next, changeNote: editor?.note ?? THESAURUS_NOTE, changedFields: JSON.stringify(['everydayWords']),
          editorId: editor?.id ?? null, editorName: editor ? '测试管理员' : null, editorRole: editor ? 'district_admin' : null, proposalId: null, createdAt: new Date(),
        });
      };
      await setWords('NI-05', null);
      await setWords('NI-10', { id: randomUUID(), note: '删掉一个说法' });
      expect(await wordsOf('NI-05')).toEqual(seedWords('NI-05').slice(0, -1));
      await seedReference(t.ds);
      expect(await wordsOf('NI-05')).toEqual(seedWords('NI-05'));
      const last = await lastVersion('NI-05');
      expect([last.changeNote, last.editorId, JSON.parse(last.changedFields)]).toEqual([THESAURUS_NOTE, null, ['everydayWords']]);
      expect(await wordsOf('NI-10')).toEqual(seedWords('NI-10').slice(0, -1));
      expect((await lastVersion('NI-10')).changeNote).toBe('删掉一个说法');
      // NI-10 back as the seed left it (a seed version again), which the next seed follows
      await setWords('NI-10', null);
      await seedReference(t.ds);
      expect(await wordsOf('NI-10')).toEqual(seedWords('NI-10'));
    });

    it('splits a researched route into numbered steps and keeps inferred-free items without a note', async () => {
      const d = await detail('NI-01');
      expect(d.alternativeRoute.steps.length).toBe(3);
      expect(d.alternativeRoute.steps[0]).toContain('户口簿');
      const n = await detail('NI-02');
      expect([n.inferred, n.inferredNote]).toEqual([false, null]);
    });

    it('serves the work lists as marked examples', async () => {
      const w = workListsView.parse((await t.call(routes.workLists, {})).body);
      expect(w.lists.map((l) => [l.kind, l.example])).toEqual([['primary', true], ['assist', true], ['negative', true]]);
      // the example flag says so on the page; the source note is for the district admin, not residents (issue 14 item 3)
      expect(w.lists.map((l) => l.note)).toEqual([null, null, null]);
      expect(w.lists[0].entries.length).toBe(13);
    });
  });

  describe('search', () => {
    it.each([
      ['健在证明', 'NI-10', 'name'],
      ['活着证明', 'NI-10', 'synonym'],
      ['名字错误证明', 'NI-03', 'alias'],
      ['改名证明', 'NI-03', 'synonym'],
      ['夫妻关系证明', 'NI-08', 'alias'],
      ['户籍证明', 'NI-02', 'alias'],
      ['jianzaizhengming', 'NI-10', 'pinyin'],
      ['jzzm', 'NI-10', 'initials'],
      ['hyzkzm', 'NI-08', 'initials'],
      ['见在证明', 'NI-10', 'pinyin'],
      ['健在', 'NI-10', 'partial'],
      ['我爸要领高龄补贴要开什么证明', 'NI-10', 'keyword'],
      ['我妈想证明她还活着', 'NI-10', 'everyday'],
      ['银行要我开夫妻关系证明怎么办', 'NI-08', 'alias'],
      ['ＪＺＺＭ', 'NI-10', 'initials'],
      ['  活着 证明 ', 'NI-10', 'synonym'],
    ])('%s → %s (%s)', async (q, code, kind) => {
      const hit = await top(q);
      expect([q, hit && searchHitCode(hit), hit?.matchedBy]).toEqual([q, code, kind]);
      expect(hit.matchedText.length).toBeGreaterThan(0);
    });

    it('answers a query that matches nothing honestly (no unrelated certificates) and how to ask staff', async () => {
      const r = await search('护照签证怎么办');
      expect(r.results).toEqual([]);
      expect(r.noMatch).toBe(true);
      expect(r.closest).toEqual([]);
      expect(r.askStaff.text).toContain('工作人员');
      const none = await search('qqqqxxxx');
      expect([none.noMatch, none.closest]).toEqual([true, []]);
      const empty = await search('');
      expect(empty.closest.map((c) => c.code)[0]).toBe('NI-10');
    });

    it('answers empty, emoji, SQL-looking, full-width and 500-character queries with 200, and 501 characters with 400', async () => {
      for (const q of ['', '   ', '👨‍👩‍👧‍👦🙂', "' OR '1'='1; DROP TABLE catalog_item; --", '％２０活着证明', '王'.repeat(500), '<script>alert(1)</script>', '\u0000\u202e']) {
        const r = await search(q);
        expect(r.query.length).toBeLessThanOrEqual(64);
      }
      expect((await search('')).noMatch).toBe(false);
      expect((await search('')).closest.length).toBeGreaterThan(0);
      const long = await t.call(routes.catalogSearch, { q: 'a'.repeat(501) });
      expect([long.status, long.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await t.call(routes.catalogItem, {}, { params: { itemCode: 'NI-99' } })).body.code).toBe('CATALOG_ITEM_NOT_FOUND');
      const count = await t.ds.query('SELECT COUNT(*) AS n FROM catalog_item');
      expect(Number(count[0].n)).toBe(38);
    });

    it('rejects an unknown community with 404 CATALOG_COMMUNITY_NOT_FOUND', async () => {
      const r = await t.call(routes.catalogSearch, { q: '健在证明', community: '421003999999' });
      expect([r.status, r.body.code]).toEqual([404, 'CATALOG_COMMUNITY_NOT_FOUND']);
    });
  });

  describe('edits', () => {
    it('versions an admin edit with editor and time, and search sees it at once (index check interval is 60 s here)', async () => {
      // (a word no item has before the edit: 狗牌证明 now finds 养犬证明 on its own, through 狗 in a question asking for a paper)
      const before = await detail('NI-04');
      expect((await search('汪星人证明')).results.map(searchHitCode)).not.toContain('NI-04');
      const r = await t.call(routes.updateCatalogItem, { baseVersion: before.version, changes: { aliases: [...before.aliases, '汪星人证明'], onlineChannel: '荆州公安微信公众号' }, changeNote: '居民常说汪星人证明' }, { token: admin, params: { itemCode: 'NI-04' } });
      expect(r.status).toBe(200);
      const after = catalogItemDetail.parse(r.body);
      expect([after.version, after.alternativeRoute.onlineChannel]).toEqual([before.version + 1, '荆州公安微信公众号']);
      expect((await top('汪星人证明'))).toMatchObject({ item: { code: 'NI-04' }, matchedBy: 'alias' });
      const h = itemHistoryView.parse((await t.call(routes.catalogItemHistory, {}, { token: meicun, params: { itemCode: 'NI-04' } })).body);
      expect(h.versions.map((v) => v.version)).toEqual([2, 1]);
      expect(h.versions[0]).toMatchObject({ changeNote: '居民常说汪星人证明', editedBy: { role: 'district_admin' }, changedFields: ['aliases', 'onlineChannel'] });
      expect(h.versions[1].editedBy).toBeNull();
      expect(h.versions[1].content.aliases).toEqual(before.aliases);
    });

    it('refuses a stale base version with 409 and changes nothing', async () => {
      const d = await detail('NI-05');
      const ok = await t.call(routes.updateCatalogItem, { baseVersion: d.version, changes: { legalBasis: '公通字〔2016〕21号' }, changeNote: 'a' }, { token: admin, params: { itemCode: 'NI-05' } });
      expect(ok.status).toBe(200);
      const stale = await t.call(routes.updateCatalogItem, { baseVersion: d.version, changes: { legalBasis: 'x' }, changeNote: 'b' }, { token: admin, params: { itemCode: 'NI-05' } });
      expect([stale.status, stale.body.code]).toEqual([409, 'CATALOG_VERSION_CONFLICT']);
      expect((await detail('NI-05')).legalBasis).toBe('公通字〔2016〕21号');
    });

    it('makes community staff propose a change to a district item, and the accepted proposal becomes a version', async () => {
      const d = await detail('NI-10');
      const direct = await t.call(routes.updateCatalogItem, { baseVersion: d.version, changes: { aliases: ['活人证明'] }, changeNote: 'x' }, { token: meicun, params: { itemCode: 'NI-10' } });
      expect([direct.status, direct.body.code]).toEqual([403, 'CATALOG_PROPOSAL_REQUIRED']);
      const p = await t.call(routes.proposeCatalogChange, { baseVersion: d.version, changes: { onlineChannel: '鄂汇办' }, reason: '湖北人社可网上认证' }, { token: meicun, params: { itemCode: 'NI-10' } });
      expect(p.status).toBe(201);
      const proposal = proposalView.parse(p.body);
      expect((await detail('NI-10')).alternativeRoute.onlineChannel).toBe(d.alternativeRoute.onlineChannel);
      const mine = await t.call(routes.catalogProposals, {}, { token: dongmen });
      expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(proposal.id);
      const queue = await t.call(routes.catalogProposals, { only: 'pending' }, { token: admin });
      expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(proposal.id);
      const accepted = proposalView.parse((await t.call(routes.decideCatalogProposal, { decision: 'accept', note: '同意' }, { token: admin, params: { id: proposal.id } })).body);
      expect([accepted.status, accepted.appliedVersion]).toEqual(['accepted', d.version + 1]);
      expect((await detail('NI-10')).alternativeRoute.onlineChannel).toBe('鄂汇办');
      const h = itemHistoryView.parse((await t.call(routes.catalogItemHistory, {}, { token: admin, params: { itemCode: 'NI-10' } })).body);
      expect(h.versions[0].proposalId).toBe(proposal.id);
      const again = await t.call(routes.decideCatalogProposal, { decision: 'reject' }, { token: admin, params: { id: proposal.id } });
      expect([again.status, again.body.code]).toEqual([409, 'CATALOG_PROPOSAL_DECIDED']);
    });

    it('rejects a proposal without changing the item', async () => {
      const d = await detail('NI-12');
      const p = proposalView.parse((await t.call(routes.proposeCatalogChange, { baseVersion: d.version, changes: { department: '医院' }, reason: 'r' }, { token: chengnan, params: { itemCode: 'NI-12' } })).body);
      const r = proposalView.parse((await t.call(routes.decideCatalogProposal, { decision: 'reject', note: '不准确' }, { token: admin, params: { id: p.id } })).body);
      expect([r.status, r.appliedVersion]).toEqual(['rejected', null]);
      expect((await detail('NI-12')).version).toBe(d.version);
    });

    it('lets community staff add items for their own community only; those show only with that community', async () => {
      const own = await t.call(routes.createCommunityItem, { name: '梅村养老服务登记证明', category: '养老', materials: ['居民身份证'], aliases: ['养老登记证明'] }, { token: meicun, params: { code: MEICUN } });
      expect(own.status).toBe(201);
      const item = catalogItemDetail.parse(own.body);
      expect([item.code, item.list, item.scope, item.communityCode]).toEqual([`C${MEICUN}-01`, 'issue', 'community', MEICUN]);
      const other = await t.call(routes.createCommunityItem, { name: '东门证明', category: '其他' }, { token: meicun, params: { code: DONGMEN } });
      expect(other.status).toBe(404);
      expect((await search('养老登记证明')).results.map(searchHitCode)).not.toContain(item.code);
      expect((await search('养老登记证明', { community: DONGMEN })).results.map(searchHitCode)).not.toContain(item.code);
      expect((await top2('养老登记证明', MEICUN))).toBe(item.code);
      expect((await t.call(routes.catalogItem, {}, { params: { itemCode: item.code } })).status).toBe(404);
      expect((await detail('NI-10', MEICUN)).communityItems.map((c) => c.code)).toEqual([item.code]);
      expect((await detail('NI-10', DONGMEN)).communityItems).toEqual([]);
      const withList = catalogListView.parse((await t.call(routes.catalogLists, { list: 'issue', community: MEICUN })).body);
      expect(withList.lists[0].total).toBe(3); // IS-01, IS-05 and 梅村's own (other places' examples are not published)
      // the other community's staff cannot edit it or see its history: the same 404 as a missing item
      const edit = await t.call(routes.updateCatalogItem, { baseVersion: 1, changes: { name: '改掉' }, changeNote: 'x' }, { token: dongmen, params: { itemCode: item.code } });
      expect([edit.status, edit.body.code]).toEqual([404, 'CATALOG_ITEM_NOT_FOUND']);
      expect((await t.call(routes.catalogItemHistory, {}, { token: dongmen, params: { itemCode: item.code } })).status).toBe(404);
      const mine = await t.call(routes.updateCatalogItem, { baseVersion: 1, changes: { materials: ['居民身份证', '户口簿'], list: 'not_issue' }, changeNote: '补材料' }, { token: meicun, params: { itemCode: item.code } });
      expect(mine.status).toBe(200);
      expect(catalogItemDetail.parse(mine.body)).toMatchObject({ version: 2, list: 'issue', materials: ['居民身份证', '户口簿'] });
      const dup = await t.call(routes.createCommunityItem, { name: '梅村养老服务登记证明', category: '养老' }, { token: admin, params: { code: MEICUN } });
      expect([dup.status, dup.body.code]).toEqual([409, 'CATALOG_ITEM_NAME_TAKEN']);
    });

    it('gives community items created at the same moment distinct codes (none is refused as a taken name)', async () => {
      const names = ['并发事项甲', '并发事项乙', '并发事项丙', '并发事项丁'];
      const made = await Promise.all(names.map((name) => t.call(routes.createCommunityItem, { name, category: '其他' }, { token: meicun, params: { code: MEICUN } })));
      expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      const codes = made.map((r) => r.body.code as string);
      expect(new Set(codes).size).toBe(4);
      for (const c of codes) expect(c).toMatch(new RegExp(`^C${MEICUN}-\\d{2}$`));
    });

    it('lets the district admin edit a work list, versioned', async () => {
      const w = workListsView.parse((await t.call(routes.workLists, {})).body).lists.find((l) => l.kind === 'negative')!;
      const r = await t.call(routes.updateWorkList, { title: '负面清单', note: null, entries: ['不得出具清单外证明'], example: false, baseVersion: w.version }, { token: admin, params: { kind: 'negative' } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ example: false, entries: ['不得出具清单外证明'], version: w.version + 1 });
      const stale = await t.call(routes.updateWorkList, { title: '负面清单', note: null, entries: [], example: false, baseVersion: w.version }, { token: admin, params: { kind: 'negative' } });
      expect([stale.status, stale.body.code]).toEqual([409, 'CATALOG_WORK_LIST_VERSION_CONFLICT']);
    });
  });

  const top2 = async (q: string, community: string) => ((r) => (r ? searchHitCode(r) : undefined))((await search(q, { community })).results[0]);

  describe('demand reports', () => {
    it('stores a report, shows it to its reporter only, and a status change reaches the reporter inbox', async () => {
      const me = await t.loginResident('cat-reporter');
      const other = await t.loginResident('cat-other');
      const created = await t.call(routes.createDemandReport, { itemCode: 'NI-10', place: '某银行荆州支行', happenedOn: '2026-01-05', note: '柜台要健在证明' }, { token: me });
      expect(created.status).toBe(201);
      const report = demandReportView.parse(created.body);
      expect(report).toMatchObject({ status: 'received', item: { code: 'NI-10', name: '健在证明' }, place: '某银行荆州支行', community: null });
      const withCommunity = demandReportView.parse((await t.call(routes.createDemandReport, { itemCode: 'NI-08', communityCode: MEICUN, happenedOn: '2026-01-06' }, { token: me })).body);
      expect(withCommunity.community).toEqual({ code: MEICUN, name: '梅村社区' });
      const mine = demandReportList.parse((await t.call(routes.myDemandReports, {}, { token: me })).body);
      expect(mine.items.map((i) => i.id).sort()).toEqual([report.id, withCommunity.id].sort());
      expect(demandReportList.parse((await t.call(routes.myDemandReports, {}, { token: other })).body).items).toEqual([]);

      const queue = staffDemandReportList.parse((await t.call(routes.demandReportQueue, { only: 'received' }, { token: admin })).body);
      expect(queue.items.find((i) => i.id === report.id)?.reporter.displayName).toBeDefined();
      const upd = await t.call(routes.updateDemandReportStatus, { newStatus: 'resolved', note: '已联系银行，改为人脸认证' }, { token: admin, params: { id: report.id } });
      expect(upd.status).toBe(200);
      expect((await t.call(routes.myDemandReports, {}, { token: me })).body.items.find((i: { id: string }) => i.id === report.id)).toMatchObject({ status: 'resolved', staffNote: '已联系银行，改为人脸认证' });
      const inbox = await t.call(routes.listInbox, {}, { token: me });
      expect(inbox.body.items).toEqual([expect.objectContaining({ type: 'demand_report_updated', link: { kind: 'demand_report', id: report.id } })]);
      expect(inbox.body.items[0].body).toContain('健在证明');
      expect((await t.call(routes.listInbox, {}, { token: other })).body.items).toEqual([]);
      const missing = await t.call(routes.updateDemandReportStatus, { newStatus: 'resolved', note: 'x' }, { token: admin, params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } });
      expect([missing.status, missing.body.code]).toEqual([404, 'CATALOG_DEMAND_REPORT_NOT_FOUND']);
    });

    it('refuses should-issue items, future dates, unknown items and reports without a place', async () => {
      const me = await t.loginResident('cat-reporter-2');
      const cases: [Record<string, unknown>, number, string][] = [
        [{ itemCode: 'IS-08', place: '单位', happenedOn: '2026-01-05' }, 422, 'CATALOG_DEMAND_ITEM_ISSUABLE'],
        [{ itemCode: 'NI-10', place: '单位', happenedOn: '2099-01-05' }, 422, 'CATALOG_DEMAND_DATE_IN_FUTURE'],
        [{ itemCode: 'NI-99', place: '单位', happenedOn: '2026-01-05' }, 404, 'CATALOG_ITEM_NOT_FOUND'],
        [{ itemCode: 'NI-10', happenedOn: '2026-01-05' }, 400, 'VALIDATION_FAILED'],
        [{ itemCode: 'NI-10', place: '单位', happenedOn: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
        [{ itemCode: 'NI-10', communityCode: '421003999999', happenedOn: '2026-01-05' }, 404, 'CATALOG_COMMUNITY_NOT_FOUND'],
      ];
      for (const [body, status, code] of cases) {
        const r = await t.http('POST', '/api/catalog/demand-reports', { body, token: me });
        expect([body, r.status, r.body.code]).toEqual([body, status, code]);
      }
      expect(demandReportList.parse((await t.call(routes.myDemandReports, {}, { token: me })).body).total).toBe(0);
    });
  });

  describe('A2: a resident session on every staff route', () => {
    it('covers every catalog staff route', () => {
      // from the route table itself (the catalog module's routes, and every /staff/catalog path of the whole table),
      // not filtered by CATALOG_PARAMS: a new catalog staff route without an entry there fails here
      const staffRoutes = Object.entries({ ...catalogRoutes, ...serviceWordsRoutes }).filter(([, r]) => r.auth === 'staff').map(([n]) => n);
      const catalogPaths = (Object.entries(routes) as [RouteName, RouteDef][]).filter(([, r]) => r.path.startsWith('/staff/catalog/')).map(([n]) => n);
      expect(staffRoutes.length).toBeGreaterThan(0);
      expect(staffRoutes.sort()).toEqual(Object.keys(CATALOG_PARAMS).sort());
      expect(catalogPaths.sort()).toEqual(Object.keys(CATALOG_PARAMS).sort());
    });
    it.each(Object.keys(CATALOG_PARAMS))('%s answers 403 to a resident and changes nothing', async (name) => {
      const route = routes[name as RouteName] as RouteDef;
      const before = await t.ds.query('SELECT (SELECT COUNT(*) FROM catalog_item_version) AS v, (SELECT COUNT(*) FROM catalog_proposal) AS p, (SELECT COUNT(*) FROM catalog_item) AS i, (SELECT COUNT(*) FROM catalog_service_words_version) AS w');
      const { params, input } = CATALOG_PARAMS[name];
      const r = await t.call(route, input as never, { token: resident, params: params as never });
      expect([name, r.status]).toEqual([name, 403]);
      expect(errorBody.parse(r.body).code).toBe('FORBIDDEN');
      expect(await t.ds.query('SELECT (SELECT COUNT(*) FROM catalog_item_version) AS v, (SELECT COUNT(*) FROM catalog_proposal) AS p, (SELECT COUNT(*) FROM catalog_item) AS i, (SELECT COUNT(*) FROM catalog_service_words_version) AS w')).toEqual(before);
      // positive control: the same request from the district admin (or a proposer) is not refused as forbidden
      const staffToken = name === 'proposeCatalogChange' ? meicun : admin;
      const ok = await t.call(route, input as never, { token: staffToken, params: params as never });
      expect([name, ok.status]).not.toEqual([name, 403]);
      // …and answered, not crashed: a 5xx would pass "not 403" without showing the route works for staff
      expect([name, ok.status < 500]).toEqual([name, true]);
    });
    it('answers 403 to community staff on district-admin-only routes', async () => {
      for (const name of ['demandReportQueue', 'updateWorkList', 'decideCatalogProposal', 'updateDepartment', 'departmentHistory'] as const) {
        const { params, input } = CATALOG_PARAMS[name];
        const r = await t.call(routes[name] as RouteDef, input as never, { token: meicun, params: params as never });
        expect([name, r.status]).toEqual([name, 403]);
      }
    });
  });
});

