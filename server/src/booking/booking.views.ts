import { PeopleDirectory, type StaffPerson } from '../identity/people.directory';
import { Injectable } from '@nestjs/common';
import {
  BOOKING_STATUS_TEXT,
  CASE_LOG_ACTION_TEXT,
  type BookingDetailView,
  type BookingView,
  type CaseLogEntryView,
  type CentreView,
  type ResponsibleView,
  type ServiceItemView,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { RegionScope } from '../identity/region.scope';
import { CalendarRepository } from './booking.repository';
import { CalendarService } from './calendar/calendar.service';
import { shanghaiParts } from './calendar/schedule';
import type { BookingEntity } from './entities/booking.entity';
import type { CaseLogEntity } from './entities/case-log.entity';
import type { ServiceItemEntity } from './entities/service-item.entity';

const ROLE_POST: Record<string, string> = { street_reviewer: '街道审核岗', district_admin: '区民政管理岗' };

export function serviceItemView(s: ServiceItemEntity): ServiceItemView {
  return {
    id: s.id,
    communityCode: s.communityCode,
    name: s.name,
    description: s.description,
    durationMinutes: s.durationMinutes,
    materials: JSON.parse(s.materialsJson) as string[],
    catalogCode: s.catalogCode,
    active: !!s.active,
    sortOrder: s.sortOrder,
    inPerson: (s.inPerson as ServiceItemView['inPerson']) ?? null,
  };
}

export function missingOf(b: BookingEntity): string[] {
  return b.missingMaterialsJson ? (JSON.parse(b.missingMaterialsJson) as string[]) : [];
}

/** what a list of bookings needs around it: service items, community names, staff names and posts */
export interface ViewContext {
  now: Date;
  items: Map<string, ServiceItemEntity>;
  regions: Map<string, string>;
  staff: Map<string, StaffPerson>;
  cutoff: Map<string, number>;
  postTitle: Map<string, string>;
  centre: Map<string, CentreView>;
}

@Injectable()
export class BookingViews {
  constructor(
    private readonly people: PeopleDirectory,
    private readonly calendarRepo: CalendarRepository,
    private readonly calendar: CalendarService,
    private readonly regions: RegionScope,
  ) {}

  async context(m: EntityManager, bookings: BookingEntity[], now: Date, extraStaff: (string | null)[] = []): Promise<ViewContext> {
    const items = await this.calendarRepo.serviceItemsByIds(m, bookings.map((b) => b.serviceItemId));
    const codes = [...new Set(bookings.map((b) => b.communityCode))];
    const regions = await this.regions.regionsByCode(m, codes);
    const staff = await this.people.staffByIds(m, [...bookings.flatMap((b) => [b.responsibleStaffId, b.handlerStaffId]), ...extraStaff]);
    const cutoff = new Map<string, number>();
    const postTitle = new Map<string, string>();
    const centre = new Map<string, CentreView>();
    for (const code of codes) {
      const s = await this.calendar.settings(m, code);
      cutoff.set(code, s.row.cutoffMinutes);
      postTitle.set(code, s.row.postTitle);
      centre.set(code, this.calendar.centre(s));
    }
    return {
      now,
      items: new Map(items.map((i) => [i.id, i])),
      regions: new Map([...regions].map(([k, v]) => [k, v.name])),
      staff: new Map(staff.map((s) => [s.id, s])),
      cutoff,
      postTitle,
      centre,
    };
  }

  person(ctx: ViewContext, staffId: string | null, communityCode: string): ResponsibleView | null {
    if (!staffId) return null;
    const s = ctx.staff.get(staffId);
    if (!s) return { staffId, name: '工作人员', post: ctx.postTitle.get(communityCode) ?? '综合服务岗' };
    return { staffId, name: s.displayName, post: ROLE_POST[s.role] ?? ctx.postTitle.get(communityCode) ?? '综合服务岗' };
  }

  summary(ctx: ViewContext, b: BookingEntity): BookingView {
    const item = ctx.items.get(b.serviceItemId);
    const cutoffAt = new Date(b.startsAt.getTime() - (ctx.cutoff.get(b.communityCode) ?? 0) * 60_000);
    const beforeCutoff = ctx.now.getTime() < cutoffAt.getTime();
    const changeable = b.channel === 'online' && (b.status === 'pending' || b.status === 'confirmed') && beforeCutoff;
    return {
      id: b.id,
      status: b.status,
      statusText: BOOKING_STATUS_TEXT[b.status],
      channel: b.channel,
      communityCode: b.communityCode,
      communityName: ctx.regions.get(b.communityCode) ?? b.communityCode,
      serviceItem: { id: b.serviceItemId, name: item?.name ?? '', durationMinutes: item?.durationMinutes ?? 0, catalogCode: item?.catalogCode ?? null },
      personName: b.personName,
      familyMemberId: b.familyMemberId,
      date: b.date,
      start: b.startTime,
      end: shanghaiParts(b.endsAt).time,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      createdAt: b.createdAt.toISOString(),
      canCancel: changeable,
      canReschedule: changeable,
      cutoffAt: cutoffAt.toISOString(),
    };
  }

  staffSummary(ctx: ViewContext, b: BookingEntity) {
    return {
      ...this.summary(ctx, b),
      passCodeTail: b.passCode.slice(-4),
      responsibleName: this.person(ctx, b.responsibleStaffId, b.communityCode)?.name ?? null,
      handlerName: this.person(ctx, b.handlerStaffId, b.communityCode)?.name ?? null,
      missingMaterialsCount: missingOf(b).length,
    };
  }

  detail(ctx: ViewContext, b: BookingEntity, logs: CaseLogEntity[]): BookingDetailView {
    const item = ctx.items.get(b.serviceItemId);
    return {
      ...this.summary(ctx, b),
      passCode: b.passCode,
      responsible: this.person(ctx, b.responsibleStaffId, b.communityCode),
      handler: this.person(ctx, b.handlerStaffId, b.communityCode),
      missingMaterials: missingOf(b),
      materials: item ? (JSON.parse(item.materialsJson) as string[]) : [],
      inPerson: (item?.inPerson as BookingDetailView['inPerson']) ?? null,
      rejectReason: b.rejectReason,
      note: b.note,
      log: logs.map((l) => this.logEntry(l)),
      centre: ctx.centre.get(b.communityCode) ?? { address: null, phone: null, location: null, openingHours: [] },
    };
  }

  logEntry(l: CaseLogEntity): CaseLogEntryView {
    return {
      id: l.id,
      action: l.action as CaseLogEntryView['action'],
      actionText: CASE_LOG_ACTION_TEXT[l.action as CaseLogEntryView['action']] ?? l.action,
      actorName: l.actorName,
      actorKind: l.actorKind,
      note: l.note,
      at: l.createdAt.toISOString(),
    };
  }
}
