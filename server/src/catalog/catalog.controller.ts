import { Controller, Ip, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { CatalogEditService } from './catalog-edit.service';
import { CatalogReadService } from './catalog-read.service';
import { DemandReportService } from './demand-report.service';
import { NoticeBoardService } from './notice/notice-board.service';
import { DepartmentService } from './department.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
export class CatalogController {
  constructor(
    private readonly read: CatalogReadService,
    private readonly edit: CatalogEditService,
    private readonly reports: DemandReportService,
    private readonly notice: NoticeBoardService,
    private readonly departments: DepartmentService,
  ) {}

  @Endpoint(routes.catalogDepartments)
  departmentList(@RouteInput(routes.catalogDepartments) _q: ParsedInput<typeof routes.catalogDepartments>) {
    return this.departments.list();
  }

  @Endpoint(routes.departmentHistory)
  departmentHistory(@RouteParams(routes.departmentHistory) p: ParsedParams<typeof routes.departmentHistory>, @RouteInput(routes.departmentHistory) _q: ParsedInput<typeof routes.departmentHistory>) {
    return this.departments.history(p.deptCode);
  }

  @Endpoint(routes.updateDepartment)
  updateDepartment(@RouteParams(routes.updateDepartment) p: ParsedParams<typeof routes.updateDepartment>, @RouteInput(routes.updateDepartment) body: ParsedInput<typeof routes.updateDepartment>, @CurrentUser() caller: Staff) {
    return this.departments.update(caller, p.deptCode, body);
  }

  @Endpoint(routes.catalogSearch)
  search(@RouteInput(routes.catalogSearch) q: ParsedInput<typeof routes.catalogSearch>, @Ip() ip: string) {
    return this.read.search(q, ip);
  }

  @Endpoint(routes.catalogLists)
  lists(@RouteInput(routes.catalogLists) q: ParsedInput<typeof routes.catalogLists>) {
    return this.read.lists(q);
  }

  @Endpoint(routes.catalogItem)
  item(@RouteParams(routes.catalogItem) p: ParsedParams<typeof routes.catalogItem>, @RouteInput(routes.catalogItem) q: ParsedInput<typeof routes.catalogItem>) {
    return this.read.item(p.itemCode, q.community);
  }

  @Endpoint(routes.workLists)
  async workLists(@RouteInput(routes.workLists) _q: ParsedInput<typeof routes.workLists>) {
    return { lists: await this.read.workListViews() };
  }

  @Endpoint(routes.createDemandReport)
  createReport(@RouteInput(routes.createDemandReport) body: ParsedInput<typeof routes.createDemandReport>, @CurrentUser() caller: Resident) {
    return this.reports.create(caller, body);
  }

  @Endpoint(routes.myDemandReports)
  myReports(@RouteInput(routes.myDemandReports) q: ParsedInput<typeof routes.myDemandReports>, @CurrentUser() caller: Resident) {
    return this.reports.mine(caller, q);
  }

  @Endpoint(routes.demandReportQueue)
  queue(@RouteInput(routes.demandReportQueue) q: ParsedInput<typeof routes.demandReportQueue>, @CurrentUser() caller: Staff) {
    return this.reports.queue(caller, q);
  }

  @Endpoint(routes.updateDemandReportStatus)
  setStatus(@RouteParams(routes.updateDemandReportStatus) p: ParsedParams<typeof routes.updateDemandReportStatus>, @RouteInput(routes.updateDemandReportStatus) body: ParsedInput<typeof routes.updateDemandReportStatus>, @CurrentUser() caller: Staff) {
    return this.reports.setStatus(caller, p.id, body);
  }

  @Endpoint(routes.notAdoptedItems)
  notAdopted(@RouteInput(routes.notAdoptedItems) _q: ParsedInput<typeof routes.notAdoptedItems>) {
    return this.read.notAdopted();
  }

  @Endpoint(routes.updateCatalogItem)
  update(@RouteParams(routes.updateCatalogItem) p: ParsedParams<typeof routes.updateCatalogItem>, @RouteInput(routes.updateCatalogItem) body: ParsedInput<typeof routes.updateCatalogItem>, @CurrentUser() caller: Staff) {
    return this.edit.update(caller, p.itemCode, body);
  }

  @Endpoint(routes.staffCatalogItem)
  staffItem(@RouteParams(routes.staffCatalogItem) p: ParsedParams<typeof routes.staffCatalogItem>, @RouteInput(routes.staffCatalogItem) _q: ParsedInput<typeof routes.staffCatalogItem>, @CurrentUser() caller: Staff) {
    return this.edit.staffItem(caller, p.itemCode);
  }

  @Endpoint(routes.catalogItemHistory)
  history(@RouteParams(routes.catalogItemHistory) p: ParsedParams<typeof routes.catalogItemHistory>, @RouteInput(routes.catalogItemHistory) _q: ParsedInput<typeof routes.catalogItemHistory>, @CurrentUser() caller: Staff) {
    return this.edit.history(caller, p.itemCode);
  }

  @Endpoint(routes.proposeCatalogChange)
  propose(@RouteParams(routes.proposeCatalogChange) p: ParsedParams<typeof routes.proposeCatalogChange>, @RouteInput(routes.proposeCatalogChange) body: ParsedInput<typeof routes.proposeCatalogChange>, @CurrentUser() caller: Staff) {
    return this.edit.propose(caller, p.itemCode, body);
  }

  @Endpoint(routes.catalogProposals)
  proposals(@RouteInput(routes.catalogProposals) q: ParsedInput<typeof routes.catalogProposals>, @CurrentUser() caller: Staff) {
    return this.edit.listProposals(caller, q);
  }

  @Endpoint(routes.decideCatalogProposal)
  decide(@RouteParams(routes.decideCatalogProposal) p: ParsedParams<typeof routes.decideCatalogProposal>, @RouteInput(routes.decideCatalogProposal) body: ParsedInput<typeof routes.decideCatalogProposal>, @CurrentUser() caller: Staff) {
    return this.edit.decide(caller, p.id, body);
  }

  @Endpoint(routes.createCommunityItem)
  createCommunityItem(@RouteParams(routes.createCommunityItem) p: ParsedParams<typeof routes.createCommunityItem>, @RouteInput(routes.createCommunityItem) body: ParsedInput<typeof routes.createCommunityItem>, @CurrentUser() caller: Staff) {
    return this.edit.createCommunityItem(caller, p.code, body);
  }

  @Endpoint(routes.updateWorkList)
  updateWorkList(@RouteParams(routes.updateWorkList) p: ParsedParams<typeof routes.updateWorkList>, @RouteInput(routes.updateWorkList) body: ParsedInput<typeof routes.updateWorkList>, @CurrentUser() caller: Staff) {
    return this.edit.updateWorkList(caller, p.kind, body);
  }

  @Endpoint(routes.noticeBoard)
  noticeBoard(@RouteParams(routes.noticeBoard) p: ParsedParams<typeof routes.noticeBoard>, @RouteInput(routes.noticeBoard) _q: ParsedInput<typeof routes.noticeBoard>, @CurrentUser() caller: Staff) {
    return this.notice.render(caller, p.code);
  }
}
