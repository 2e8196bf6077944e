import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEMAND_STATUS_TEXT,
  ErrorCode,
  type CatalogList,
  type CreateDemandReportInput,
  type DemandReportView,
  type DemandStatus,
  type StaffDemandReportView,
  type UpdateDemandStatusInput,
} from '@jianban/shared';
import { AppConfig } from '../common/config';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { RateLimiter } from '../common/rate-limiter';
import { AccountDirectory } from '../identity/account.directory';
import type { Caller } from '../identity/caller';
import { RegionScope } from '../identity/region.scope';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { CatalogItemRepository, DemandReportRepository } from './catalog.repository';
import { DISTRICT_OWNER, parseContent } from './catalog.mapper';
import type { CatalogDemandReportEntity } from './entities/catalog.entity';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

// residents report being asked for a certificate the committee must not issue; district admins work the queue
@Injectable()
export class DemandReportService {
  constructor(
    private readonly db: Db,
    private readonly reports: DemandReportRepository,
    private readonly items: CatalogItemRepository,
    private readonly regions: RegionScope,
    private readonly accounts: AccountDirectory,
    private readonly outbox: NotificationOutbox,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(resident: Resident, input: CreateDemandReportInput): Promise<DemandReportView> {
    if (input.happenedOn > this.clock.today()) throw new DomainError(ErrorCode.DemandDateInFuture, 'happenedOn is in the future');
    const rule = { name: 'catalog-demand-report', limit: this.config.catalog.reportsPerHour, windowSeconds: 3600 };
    // the counter row must exist before the transaction: creating it inside one deadlocks concurrent first reports (InnoDB)
    await this.limiter.prepare(rule, resident.accountId);
    const row = await this.db.retrying(async (tx) => {
      const item = await this.items.findByCode(tx, input.itemCode);
      if (!item || item.owner !== DISTRICT_OWNER) throw new DomainError(ErrorCode.ItemNotFound, `no catalog item ${input.itemCode}`);
      const content = parseContent(item);
      if (content.list !== 'not_issue') throw new DomainError(ErrorCode.DemandItemIssuable, 'the item is on the should-issue list');
      if (input.communityCode && !(await this.regions.findCommunity(tx, input.communityCode))) throw new DomainError(ErrorCode.CommunityNotFound, `no community ${input.communityCode}`);
      // counted only for reports that would be stored (checked inside the transaction, so a refused one costs nothing)
      await this.limiter.consume(rule, resident.accountId);
      const now = this.clock.now();
      const report: CatalogDemandReportEntity = {
        id: randomUUID(), reporterId: resident.accountId, itemCode: item.code, itemName: content.name, itemList: content.list,
        communityCode: input.communityCode ?? null, place: input.place?.trim() || null, happenedOn: input.happenedOn, note: input.note?.trim() || null,
        status: 'received', staffNote: null, createdAt: now, updatedAt: now,
      };
      await this.reports.insert(tx, report);
      return report;
    });
    return (await this.views([row]))[0];
  }

  async mine(resident: Resident, q: { page: number; pageSize: number }) {
    const [rows, total] = await this.db.read((m) => this.reports.page(m, { reporterId: resident.accountId, ...q }));
    return { items: await this.views(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async queue(_staff: Staff, q: { only?: DemandStatus; page: number; pageSize: number }) {
    const [rows, total] = await this.db.read((m) => this.reports.page(m, { status: q.only, page: q.page, pageSize: q.pageSize }));
    return { items: await this.staffViews(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async setStatus(_staff: Staff, id: string, input: UpdateDemandStatusInput): Promise<StaffDemandReportView> {
    const row = await this.db.retrying(async (tx) => {
      const report = await this.reports.find(tx, id);
      if (!report) throw new DomainError(ErrorCode.DemandReportNotFound, `no demand report ${id}`);
      const now = this.clock.now();
      await this.reports.setStatus(tx, id, input.newStatus, input.note, now);
      // the reporter's inbox message commits with the status change
      await this.outbox.record({
        recipient: { kind: 'resident', id: report.reporterId },
        type: 'demand_report_updated',
        data: { itemName: report.itemName, statusText: `${DEMAND_STATUS_TEXT[input.newStatus]}。${input.note}` },
        idempotencyKey: `demand_report:${id}:${now.getTime()}:${input.newStatus}`,
        link: { kind: 'demand_report', id },
      });
      return { ...report, status: input.newStatus, staffNote: input.note, updatedAt: now };
    });
    return (await this.staffViews([row]))[0];
  }

  private async views(rows: CatalogDemandReportEntity[]): Promise<DemandReportView[]> {
    const communities = await this.db.read((m) => this.regions.regionsByCode(m, rows.map((r) => r.communityCode).filter((c): c is string => !!c)));
    return rows.map((r) => {
      const c = r.communityCode ? communities.get(r.communityCode) : undefined;
      return {
        id: r.id,
        item: { code: r.itemCode, name: r.itemName, list: r.itemList as CatalogList },
        community: c ? { code: c.code, name: c.name } : null,
        place: r.place,
        happenedOn: r.happenedOn,
        note: r.note,
        status: r.status as DemandStatus,
        staffNote: r.staffNote,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  private async staffViews(rows: CatalogDemandReportEntity[]): Promise<StaffDemandReportView[]> {
    const base = await this.views(rows);
    const names = await this.accounts.residentDisplayNames(rows.map((r) => r.reporterId));
    return base.map((v, i) => ({ ...v, reporter: { id: rows[i].reporterId, displayName: names.get(rows[i].reporterId) ?? '（已注销）' } }));
  }
}
