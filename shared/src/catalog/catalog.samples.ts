import type { Sample } from '../route-sample';
import type { catalogRoutes } from './catalog.routes';

const uuid = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const CATALOG_SAMPLES: Record<keyof typeof catalogRoutes, Sample> = {
  catalogSearch: { input: { q: '活着证明' } },
  catalogLists: { input: { list: 'not_issue' } },
  catalogItem: { input: {}, params: { itemCode: 'NI-10' } },
  workLists: { input: {} },
  createDemandReport: { input: { itemCode: 'NI-10', communityCode: '421003003003', happenedOn: '2026-11-20' } },
  myDemandReports: { input: {} },
  demandReportQueue: { input: {} },
  updateDemandReportStatus: { input: { newStatus: 'reviewing', note: '已联系银行核实' }, params: { id: uuid } },
  updateCatalogItem: { input: { baseVersion: 1, changes: { onlineChannel: '鄂汇办' }, changeNote: '补充网上渠道' }, params: { itemCode: 'NI-10' } },
  catalogItemHistory: { input: {}, params: { itemCode: 'NI-10' } },
  staffCatalogItem: { input: {}, params: { itemCode: 'NI-10' } },
  departmentHistory: { input: {}, params: { deptCode: 'court' } },
  proposeCatalogChange: { input: { baseVersion: 1, changes: { aliases: ['活着证明'] }, reason: '居民常这样说' }, params: { itemCode: 'NI-10' } },
  catalogProposals: { input: {} },
  decideCatalogProposal: { input: { decision: 'accept' }, params: { id: uuid } },
  createCommunityItem: { input: { name: '居(租)住证明', category: '居住' }, params: { code: '421003003003' } },
  updateWorkList: { input: { title: '主责清单', note: null, entries: ['组织村民自治'], example: true, baseVersion: 1 }, params: { kind: 'primary' } },
  noticeBoard: { input: {}, params: { code: '421003003003' } },
  catalogDepartments: { input: {} },
  updateDepartment: { input: { baseVersion: 1, changes: { hours: '工作日 9:00-17:00' }, checked: false, changeNote: '电话问过窗口' }, params: { deptCode: 'police-hukou' } },
  notAdoptedItems: { input: {} },
};
