import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import type { ModuleContractCases } from './contract-cases';

const MEICUN = '421003003003';
const UUID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';

// contract cases of the catalog module's routes (see contract-cases.ts)
export const CATALOG_CASES: ModuleContractCases = {
  validParams: {
    catalogItem: { itemCode: 'NI-10' },
    updateDemandReportStatus: { id: UUID },
    updateCatalogItem: { itemCode: 'NI-20' },
    catalogItemHistory: { itemCode: 'NI-10' },
    staffCatalogItem: { itemCode: 'NI-10' },
    departmentHistory: { deptCode: 'court' },
    proposeCatalogChange: { itemCode: 'NI-10' },
    decideCatalogProposal: { id: UUID },
    createCommunityItem: { code: MEICUN },
    updateWorkList: { kind: 'assist' },
    noticeBoard: { code: MEICUN },
    updateSearchServiceWords: { service: 'booking' },
    searchServiceWordsHistory: { service: 'booking' },
    updateDepartment: { deptCode: 'police-hukou' },
  },
  okForValid: {
    // 404: a well-formed community code that does not exist; 429: the per-IP search limit
    catalogSearch: [200, 404, 429],
    catalogLists: [200, 404],
    catalogItem: [200, 404],
    workLists: [200],
    // 404 unknown item/community, 422 should-issue item or future date, 429 per-account limit
    createDemandReport: [201, 404, 422, 429],
    myDemandReports: [200],
    demandReportQueue: [200],
    updateDemandReportStatus: [200, 400, 404],
    // 400 CATALOG_PROPOSAL_EMPTY (a change that changes nothing), 409 stale version / name taken
    updateCatalogItem: [200, 400, 404, 409],
    catalogItemHistory: [200, 404],
    staffCatalogItem: [200, 404],
    departmentHistory: [200, 404],
    // 400 also for CATALOG_PROPOSAL_EMPTY
    proposeCatalogChange: [201, 400, 404],
    catalogProposals: [200],
    decideCatalogProposal: [200, 400, 404, 409],
    createCommunityItem: [201, 400, 404, 409],
    updateWorkList: [200, 400, 409],
    // 503 only when the CJK font is missing
    noticeBoard: [200, 404, 503],
    searchServiceWords: [200],
    // 400 also for CATALOG_PROPOSAL_EMPTY (the same words), 409 stale version
    updateSearchServiceWords: [200, 400, 409],
    searchServiceWordsHistory: [200],
    catalogDepartments: [200],
    // 400 a request without its body, 404 unknown department, 409 stale version
    updateDepartment: [200, 400, 404, 409],
    notAdoptedItems: [200],
  },
  massAssignment: {
    // a demand report with extra fields is refused and nothing is stored; the clean one is stored
    createDemandReport: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-demand');
      const input = { itemCode: 'NI-10', place: '银行', happenedOn: '2026-01-05' };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('createDemandReport'), { body: { ...input, ...extra }, token }));
      expect((await t.call(routes.createDemandReport, input, { token })).status).toBe(201);
    },

    // a status change with extra fields changes nothing; the clean one applies
    updateDemandReportStatus: async ({ t, staff, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-demand-status');
      const report = await t.call(routes.createDemandReport, { itemCode: 'NI-08', place: '医院', happenedOn: '2026-01-05' }, { token });
      const path = `/api/staff/catalog/demand-reports/${report.body.id}/status`;
      await expectRejectedEverywhere((extra) => t.http('POST', path, { body: { newStatus: 'reviewing', note: '核实中', ...extra }, token: staff }));
      expect((await t.call(routes.updateDemandReportStatus, { newStatus: 'reviewing', note: '核实中' }, { token: staff, params: { id: report.body.id } })).body.status).toBe('reviewing');
    },

    // extra fields (top level) on an item edit are refused; the version stays; the clean edit makes the next version
    updateCatalogItem: async ({ t, staff, expectRejectedEverywhere }) => {
      const d = (await t.call(routes.catalogItem, {}, { params: { itemCode: 'HB-21' } })).body;
      const input = { baseVersion: d.version, changes: { onlineChannel: '收费单位网站' }, changeNote: '补充' };
      await expectRejectedEverywhere((extra) => t.http('PUT', '/api/staff/catalog/items/HB-21', { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.catalogItem, {}, { params: { itemCode: 'HB-21' } })).body.version).toBe(d.version);
      expect((await t.call(routes.updateCatalogItem, input, { token: staff, params: { itemCode: 'HB-21' } })).body.version).toBe(d.version + 1);
    },

    // no extra logins here: password hashing under load could outlast the handler timeout
    proposeCatalogChange: async ({ t, staff: token, expectRejectedEverywhere }) => {
      const d = (await t.call(routes.catalogItem, {}, { params: { itemCode: 'NI-13' } })).body;
      const input = { baseVersion: d.version, changes: { onlineChannel: '全国残疾人两项补贴' }, reason: '补充' };
      await expectRejectedEverywhere((extra) => t.http('POST', '/api/staff/catalog/items/NI-13/proposals', { body: { ...input, ...extra }, token }));
      expect((await t.call(routes.proposeCatalogChange, input, { token, params: { itemCode: 'NI-13' } })).status).toBe(201);
    },

    decideCatalogProposal: async ({ t, staff, expectRejectedEverywhere }) => {
      const token = staff;
      const d = (await t.call(routes.catalogItem, {}, { params: { itemCode: 'NI-14' } })).body;
      const p = await t.call(routes.proposeCatalogChange, { baseVersion: d.version, changes: { department: '卫健部门' }, reason: 'r' }, { token, params: { itemCode: 'NI-14' } });
      await expectRejectedEverywhere((extra) => t.http('POST', `/api/staff/catalog/proposals/${p.body.id}/decision`, { body: { decision: 'reject', ...extra }, token: staff }));
      expect((await t.call(routes.decideCatalogProposal, { decision: 'reject' }, { token: staff, params: { id: p.body.id } })).body.status).toBe('rejected');
    },

    createCommunityItem: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
      const input = { name: '契约测试社区事项', category: '其他' };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('createCommunityItem'), { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.createCommunityItem, input, { token: staff, params: { code: MEICUN } })).status).toBe(201);
    },

    updateWorkList: async ({ t, staff, expectRejectedEverywhere }) => {
      const list = (await t.call(routes.workLists, {})).body.lists.find((l: { kind: string }) => l.kind === 'primary');
      const input = { title: '主责清单', note: null, entries: ['契约测试'], example: true, baseVersion: list.version };
      await expectRejectedEverywhere((extra) => t.http('PUT', '/api/staff/catalog/work-lists/primary', { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.updateWorkList, input, { token: staff, params: { kind: 'primary' } })).body.version).toBe(list.version + 1);
    },

    // extra fields on a service-words edit are refused and the version stays; the clean edit makes the next version
    updateSearchServiceWords: async ({ t, staff, expectRejectedEverywhere }) => {
      const cur = (await t.call(routes.searchServiceWords, {}, { token: staff })).body.services.find((s: { service: string }) => s.service === 'work-lists');
      const input = { baseVersion: cur.version, words: [...cur.words, { word: '契约测试词', kind: 'subject', source: null }], changeNote: '契约测试' };
      await expectRejectedEverywhere((extra) => t.http('PUT', '/api/staff/catalog/service-words/work-lists', { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.searchServiceWordsHistory, {}, { token: staff, params: { service: 'work-lists' } })).body.currentVersion).toBe(cur.version);
      expect((await t.call(routes.updateSearchServiceWords, input, { token: staff, params: { service: 'work-lists' } })).body.version).toBe(cur.version + 1);
    },
    // a department edit with extra fields (e.g. fieldSources, checked by someone else) changes nothing; the clean one applies
    updateDepartment: async ({ t, staff, expectRejectedEverywhere }) => {
      const dept = (await t.call(routes.catalogDepartments, {})).body.items.find((d: { code: string }) => d.code === 'court');
      const input = { baseVersion: dept.version, changes: { hours: '工作日上午' }, checked: false, changeNote: '契约测试' };
      await expectRejectedEverywhere((extra) => t.http('PUT', '/api/staff/catalog/departments/court', { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.updateDepartment, input, { token: staff, params: { deptCode: 'court' } })).body.version).toBe(dept.version + 1);
    },
  },
};
