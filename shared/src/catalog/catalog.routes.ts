import { defineRoute, noInput } from '../route';
import { communityParams } from '../common.schema';
import {
  catalogItemDetail,
  catalogItemQuery,
  catalogListQuery,
  catalogListView,
  createCommunityItemInput,
  createDemandReportInput,
  decideProposalInput,
  demandQueueQuery,
  demandReportList,
  demandReportParams,
  demandReportView,
  itemCodeParams,
  itemHistoryView,
  noticeBoardView,
  notAdoptedItemsView,
  proposalList,
  proposalParams,
  proposalQuery,
  proposalView,
  proposeChangeInput,
  searchQuery,
  searchResultView,
  staffDemandReportList,
  staffDemandReportView,
  staffCatalogItemView,
  updateDemandStatusInput,
  updateItemInput,
  updateWorkListInput,
  workListParams,
  workListView,
  workListsView,
} from './catalog.schema';
import { pageQuery } from '../common.schema';
import { departmentHistoryView, departmentListView, departmentParams, departmentView, updateDepartmentInput } from './department.schema';

const staffAll = ['community_staff', 'street_reviewer', 'district_admin'] as const;
const districtAdmin = ['district_admin'] as const;

// routes of the catalog module; spread into the route table in ../routes.ts
export const catalogRoutes = {
  // ---- public ----
  catalogSearch: defineRoute({ method: 'GET', path: '/catalog/search', summary: '按居民的说法查证明事项（名称、别名、俗称、拼音、首字母、整句），排好序并说明为何匹配', auth: 'public', input: searchQuery, output: searchResultView }),
  catalogLists: defineRoute({ method: 'GET', path: '/catalog/items', summary: '两张清单（应当出具 / 不应出具），按类别分组；给社区代码时含本社区事项', auth: 'public', input: catalogListQuery, output: catalogListView }),
  catalogItem: defineRoute({ method: 'GET', path: '/catalog/items/:itemCode', summary: '一个证明事项：替代途径步骤、部门、网上渠道、材料、依据、来源', auth: 'public', input: catalogItemQuery, params: itemCodeParams, output: catalogItemDetail }),
  workLists: defineRoute({ method: 'GET', path: '/catalog/work-lists', summary: '村（社区）级组织主责清单、协助清单、负面清单', auth: 'public', input: noInput, output: workListsView }),
  // ---- residents: demand reports ----
  createDemandReport: defineRoute({ method: 'POST', path: '/catalog/demand-reports', summary: '居民反映：有人要我开不应出具的证明', auth: 'resident', status: 201, input: createDemandReportInput, output: demandReportView }),
  myDemandReports: defineRoute({ method: 'GET', path: '/catalog/demand-reports/mine', summary: '我反映的情况及处理状态（新的在前）', auth: 'resident', input: pageQuery, output: demandReportList }),
  // ---- staff ----
  demandReportQueue: defineRoute({ method: 'GET', path: '/staff/catalog/demand-reports', summary: '区管理员：居民反映的待处理队列', auth: 'staff', roles: districtAdmin, input: demandQueueQuery, output: staffDemandReportList }),
  updateDemandReportStatus: defineRoute({ method: 'POST', path: '/staff/catalog/demand-reports/:id/status', summary: '区管理员：更新反映的处理状态并写说明（居民收到站内消息）', auth: 'staff', roles: districtAdmin, input: updateDemandStatusInput, params: demandReportParams, output: staffDemandReportView }),
  staffCatalogItem: defineRoute({ method: 'GET', path: '/staff/catalog/items/:itemCode', summary: '工作人员：读一个事项来修改（含居民看不到的、区里还没采用的其他地方做法）', auth: 'staff', roles: staffAll, input: noInput, params: itemCodeParams, output: staffCatalogItemView }),
  updateCatalogItem: defineRoute({ method: 'PUT', path: '/staff/catalog/items/:itemCode', summary: '修改证明事项（区管理员：全部；社区工作人员：仅本社区事项），保留历史版本', auth: 'staff', roles: ['district_admin', 'community_staff'], input: updateItemInput, params: itemCodeParams, output: catalogItemDetail }),
  catalogItemHistory: defineRoute({ method: 'GET', path: '/staff/catalog/items/:itemCode/history', summary: '证明事项的历史版本（谁、何时、改了什么）', auth: 'staff', roles: staffAll, input: noInput, params: itemCodeParams, output: itemHistoryView }),
  proposeCatalogChange: defineRoute({ method: 'POST', path: '/staff/catalog/items/:itemCode/proposals', summary: '工作人员提出修改建议，由区管理员采纳或退回', auth: 'staff', roles: staffAll, status: 201, input: proposeChangeInput, params: itemCodeParams, output: proposalView }),
  catalogProposals: defineRoute({ method: 'GET', path: '/staff/catalog/proposals', summary: '修改建议（区管理员看全部，其他人看自己提的）', auth: 'staff', roles: staffAll, input: proposalQuery, output: proposalList }),
  decideCatalogProposal: defineRoute({ method: 'POST', path: '/staff/catalog/proposals/:id/decision', summary: '区管理员：采纳（生成新版本）或退回修改建议', auth: 'staff', roles: districtAdmin, input: decideProposalInput, params: proposalParams, output: proposalView }),
  createCommunityItem: defineRoute({ method: 'POST', path: '/staff/catalog/communities/:code/items', summary: '为本社区新增应当出具的事项（社区工作人员：本社区；区管理员：任一社区）', auth: 'staff', roles: ['community_staff', 'district_admin'], status: 201, input: createCommunityItemInput, params: communityParams, output: catalogItemDetail }),
  updateWorkList: defineRoute({ method: 'PUT', path: '/staff/catalog/work-lists/:kind', summary: '区管理员：修改主责/协助/负面清单', auth: 'staff', roles: districtAdmin, input: updateWorkListInput, params: workListParams, output: workListView }),
  catalogDepartments: defineRoute({ method: 'GET', path: '/catalog/departments', summary: '部门名录：替代途径指向的部门（地址、电话、办公时间、网上办理，注明来源；没有来源的空着）', auth: 'public', input: noInput, output: departmentListView }),
  departmentHistory: defineRoute({ method: 'GET', path: '/staff/catalog/departments/:deptCode/history', summary: '区管理员：部门名录一个部门的修改记录（谁、何时、哪一项、从什么改成什么）', auth: 'staff', roles: districtAdmin, input: noInput, params: departmentParams, output: departmentHistoryView }),
  updateDepartment: defineRoute({ method: 'PUT', path: '/staff/catalog/departments/:deptCode', summary: '区管理员：填写或核对部门名录的一个部门（保留历史版本）', auth: 'staff', roles: districtAdmin, input: updateDepartmentInput, params: departmentParams, output: departmentView }),
  noticeBoard: defineRoute({ method: 'GET', path: '/staff/catalog/communities/:code/notice-board', summary: '下载社区门口公示牌（PDF，两张清单和替代途径）', auth: 'staff', roles: staffAll, input: noInput, params: communityParams, output: noticeBoardView }),
  notAdoptedItems: defineRoute({ method: 'GET', path: '/staff/catalog/not-adopted-items', summary: '其他地方的做法，区里还没采用（居民看不到；区管理员可以采用）', auth: 'staff', roles: staffAll, input: noInput, output: notAdoptedItemsView }),
} as const;
