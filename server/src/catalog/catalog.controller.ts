import { Controller, Ip, UseGuards } from '@nestjs/common';
import {
  routes,
  type CatalogList,
  type CreateCommunityItemInput,
  type CreateDemandReportInput,
  type DecideProposalInput,
  type DemandStatus,
  type ProposeChangeInput,
  type UpdateDemandStatusInput,
  type UpdateItemInput,
  type UpdateWorkListInput,
  type WorkListKind,
} from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { CatalogEditService } from './catalog-edit.service';
import { CatalogReadService } from './catalog-read.service';
import { DemandReportService } from './demand-report.service';
import { NoticeBoardService } from './notice/notice-board.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;
type Page = { page: number; pageSize: number };

@Controller()
@UseGuards(AuthGuard)
export class CatalogController {
  constructor(
    private readonly read: CatalogReadService,
    private readonly edit: CatalogEditService,
    private readonly reports: DemandReportService,
    private readonly notice: NoticeBoardService,
  ) {}

  @Endpoint(routes.catalogSearch)
  search(@RouteInput(routes.catalogSearch) q: { q: string; community?: string; limit: number }, @Ip() ip: string) {
    return this.read.search(q, ip);
  }

  @Endpoint(routes.catalogLists)
  lists(@RouteInput(routes.catalogLists) q: { list?: CatalogList; community?: string }) {
    return this.read.lists(q);
  }

  @Endpoint(routes.catalogItem)
  item(@RouteParams(routes.catalogItem) p: { itemCode: string }, @RouteInput(routes.catalogItem) q: { community?: string }) {
    return this.read.item(p.itemCode, q.community);
  }

  @Endpoint(routes.workLists)
  async workLists(@RouteInput(routes.workLists) _q: object) {
    return { lists: await this.read.workListViews() };
  }

  @Endpoint(routes.createDemandReport)
  createReport(@RouteInput(routes.createDemandReport) body: CreateDemandReportInput, @CurrentUser() caller: Resident) {
    return this.reports.create(caller, body);
  }

  @Endpoint(routes.myDemandReports)
  myReports(@RouteInput(routes.myDemandReports) q: Page, @CurrentUser() caller: Resident) {
    return this.reports.mine(caller, q);
  }

  @Endpoint(routes.demandReportQueue)
  queue(@RouteInput(routes.demandReportQueue) q: Page & { only?: DemandStatus }, @CurrentUser() caller: Staff) {
    return this.reports.queue(caller, q);
  }

  @Endpoint(routes.updateDemandReportStatus)
  setStatus(@RouteParams(routes.updateDemandReportStatus) p: { id: string }, @RouteInput(routes.updateDemandReportStatus) body: UpdateDemandStatusInput, @CurrentUser() caller: Staff) {
    return this.reports.setStatus(caller, p.id, body);
  }

  @Endpoint(routes.updateCatalogItem)
  update(@RouteParams(routes.updateCatalogItem) p: { itemCode: string }, @RouteInput(routes.updateCatalogItem) body: UpdateItemInput, @CurrentUser() caller: Staff) {
    return this.edit.update(caller, p.itemCode, body);
  }

  @Endpoint(routes.catalogItemHistory)
  history(@RouteParams(routes.catalogItemHistory) p: { itemCode: string }, @RouteInput(routes.catalogItemHistory) _q: object, @CurrentUser() caller: Staff) {
    return this.edit.history(caller, p.itemCode);
  }

  @Endpoint(routes.proposeCatalogChange)
  propose(@RouteParams(routes.proposeCatalogChange) p: { itemCode: string }, @RouteInput(routes.proposeCatalogChange) body: ProposeChangeInput, @CurrentUser() caller: Staff) {
    return this.edit.propose(caller, p.itemCode, body);
  }

  @Endpoint(routes.catalogProposals)
  proposals(@RouteInput(routes.catalogProposals) q: Page & { only?: string }, @CurrentUser() caller: Staff) {
    return this.edit.listProposals(caller, q);
  }

  @Endpoint(routes.decideCatalogProposal)
  decide(@RouteParams(routes.decideCatalogProposal) p: { id: string }, @RouteInput(routes.decideCatalogProposal) body: DecideProposalInput, @CurrentUser() caller: Staff) {
    return this.edit.decide(caller, p.id, body);
  }

  @Endpoint(routes.createCommunityItem)
  createCommunityItem(@RouteParams(routes.createCommunityItem) p: { code: string }, @RouteInput(routes.createCommunityItem) body: CreateCommunityItemInput, @CurrentUser() caller: Staff) {
    return this.edit.createCommunityItem(caller, p.code, body);
  }

  @Endpoint(routes.updateWorkList)
  updateWorkList(@RouteParams(routes.updateWorkList) p: { kind: WorkListKind }, @RouteInput(routes.updateWorkList) body: UpdateWorkListInput, @CurrentUser() caller: Staff) {
    return this.edit.updateWorkList(caller, p.kind, body);
  }

  @Endpoint(routes.noticeBoard)
  noticeBoard(@RouteParams(routes.noticeBoard) p: { code: string }, @RouteInput(routes.noticeBoard) _q: object, @CurrentUser() caller: Staff) {
    return this.notice.render(caller, p.code);
  }
}
