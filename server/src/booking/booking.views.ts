import { Injectable } from '@nestjs/common';
import {
  BOOKING_STATUS_TEXT,
  CASE_LOG_ACTION_TEXT,
  type BookingDetailView,
  type BookingView,
  type CaseLogEntryView,
  type CentreView,
  type ServiceItemView,
  type StaffBookingDetailView,
  type StaffCaseLogEntryView,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { CaseKit, type CaseFileRecord, type CaseRef, type CaseStepRecord } from '../cases/case-kit.service';
import type { StaffPerson } from '../identity/people.directory';
import { RegionScope } from '../identity/region.scope';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService } from './calendar/calendar.service';
import { shanghaiParts } from './calendar/schedule';
import type { BookingEntity } from './entities/booking.entity';
import type { ServiceItemEntity } from './entities/service-item.entity';

/** the booking as a case of the kit */
export const caseOf = (bookingId: string): CaseRef => ({ kind: 'booking', subjectId: bookingId });
const actionText = (a: string) => CASE_LOG_ACTION_TEXT[a as CaseLogEntryView['action']] ?? a;

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

/** what a list of bookings needs around it: service items, community names, case files, staff names and posts */
export interface ViewContext {
  now: Date;
  files: Map<string, CaseFileRecord>;
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
    private readonly cases: CaseKit,
    private readonly calendarRepo: CalendarRepository,
    private readonly calendar: CalendarService,
    private readonly regions: RegionScope,
  ) {}

  async context(m: EntityManager, bookings: BookingEntity[], now: Date, extraStaff: (string | null)[] = []): Promise<ViewContext> {
    const items = await this.calendarRepo.serviceItemsByIds(m, bookings.map((b) => b.serviceItemId));
    const codes = [...new Set(bookings.map((b) => b.communityCode))];
    const regions = await this.regions.regionsByCode(m, codes);
    const files = await this.cases.files(m, 'booking', bookings.map((b) => b.id));
    const staff = await this.cases.people(m, [...[...files.values()].flatMap((f) => [f.responsibleStaffId, f.handlerStaffId]), ...extraStaff]);
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
      files,
      items: new Map(items.map((i) => [i.id, i])),
      regions: new Map([...regions].map(([k, v]) => [k, v.name])),
      staff,
      cutoff,
      postTitle,
      centre,
    };
  }

  /** the staff member's name as colleagues and the export see it */
  staffName(ctx: ViewContext, staffId: string | null | undefined): string | null {
    return staffId ? (ctx.staff.get(staffId)?.displayName ?? '工作人员') : null;
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
      responsibleName: this.staffName(ctx, ctx.files.get(b.id)?.responsibleStaffId),
      handlerName: this.staffName(ctx, ctx.files.get(b.id)?.handlerStaffId),
      missingMaterialsCount: missingOf(b).length,
    };
  }

  /** the resident's detail: staff by name and post only, the log without internal steps or text */
  detail(ctx: ViewContext, b: BookingEntity, logs: readonly CaseStepRecord[]): BookingDetailView {
    const file = ctx.files.get(b.id);
    const post = ctx.postTitle.get(b.communityCode);
    const item = ctx.items.get(b.serviceItemId);
    return {
      ...this.summary(ctx, b),
      passCode: b.passCode,
      responsible: this.cases.party(ctx.staff, file?.responsibleStaffId ?? null, post),
      handler: this.cases.party(ctx.staff, file?.handlerStaffId ?? null, post),
      handedOver: !!file?.responsibleStaffId && file.responsibleStaffId !== file.handlerStaffId,
      missingMaterials: missingOf(b),
      materials: item ? (JSON.parse(item.materialsJson) as string[]) : [],
      inPerson: (item?.inPerson as BookingDetailView['inPerson']) ?? null,
      rejectReason: b.rejectReason,
      note: b.note,
      log: this.cases.residentEntries(logs, actionText) as CaseLogEntryView[],
      centre: ctx.centre.get(b.communityCode) ?? { address: null, phone: null, location: null, openingHours: [] },
    };
  }

  /** the staff detail: colleagues' ids, every step with internal text */
  staffDetail(ctx: ViewContext, b: BookingEntity, logs: readonly CaseStepRecord[], bookedByName: string, maskedPhone: string | null = null): StaffBookingDetailView {
    const file = ctx.files.get(b.id);
    const post = ctx.postTitle.get(b.communityCode);
    return {
      ...this.detail(ctx, b, []),
      bookedByName,
      responsible: this.cases.staffParty(ctx.staff, file?.responsibleStaffId ?? null, post),
      handler: this.cases.staffParty(ctx.staff, file?.handlerStaffId ?? null, post),
      log: this.cases.staffEntries(logs, actionText) as StaffCaseLogEntryView[],
      contactPhone: maskedPhone,
    };
  }

  /** the case log rows of one booking: the resident's visible steps, or all of them for staff */
  logs(m: EntityManager, bookingId: string, residentView: boolean): Promise<CaseStepRecord[]> {
    return this.cases.logRows(m, caseOf(bookingId), residentView);
  }
}
