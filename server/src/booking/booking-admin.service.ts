import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, maskPhone, type CreateServiceItemInput, type ExportQuery, type ExportView, type UpdateBookingSettingsInput, type UpdateServiceItemInput } from '@jianban/shared';
import ExcelJS from 'exceljs';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from '../identity/caller';
import { PeopleDirectory } from '../identity/people.directory';
import { BookingScope } from './booking-scope';
import { BookingContactRepository } from './booking-contacts.repository';
import { LockRetry } from './booking.retry';
import { PiiCipher } from '../common/pii-cipher';
import { BookingViews, missingOf, serviceItemView } from './booking.views';
import { BookingRepository } from './bookings.repository';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService } from './calendar/calendar.service';
import { addDays, minutesOf, shanghaiParts } from './calendar/schedule';
import { ClosureEntity } from './entities/closure.entity';
import { ServiceItemEntity } from './entities/service-item.entity';

type Staff = Extract<Caller, { kind: 'staff' }>;
export const EXPORT_MAX_ROWS = 5000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;

// configuration of a community's centre (hours, posts, window, closures, service items) and the XLSX export
@Injectable()
export class BookingAdminService {
  constructor(
    private readonly db: Db,
    private readonly repo: BookingRepository,
    private readonly people: PeopleDirectory,
    private readonly calendarRepo: CalendarRepository,
    private readonly calendar: CalendarService,
    private readonly views: BookingViews,
    private readonly scope: BookingScope,
    private readonly clock: Clock,
    private readonly contacts: BookingContactRepository,
    private readonly cipher: PiiCipher,
    private readonly retry: LockRetry,
  ) {}

  getSettings(staff: Staff, code: string) {
    return this.db.read(async (m) => {
      await this.scope.community(m, staff, code, 'staffGetBookingSettings');
      return this.calendar.toView(await this.calendar.settings(m, code));
    });
  }

  updateSettings(staff: Staff, code: string, input: UpdateBookingSettingsInput) {
    for (const day of input.openingHours ?? []) {
      const sorted = [...day.periods].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      sorted.forEach((p, i) => {
        if (minutesOf(p.end) <= minutesOf(p.start) || (i > 0 && minutesOf(p.start) < minutesOf(sorted[i - 1].end))) {
          throw new DomainError(ErrorCode.Validation, 'opening periods must be ordered and not overlap', { issues: [{ path: `openingHours.${day.weekday}`, message: '开放时间段有重叠或结束早于开始' }] });
        }
      });
    }
    if (input.openingHours && new Set(input.openingHours.map((d) => d.weekday)).size !== input.openingHours.length) {
      throw new DomainError(ErrorCode.Validation, 'weekday listed twice', { issues: [{ path: 'openingHours', message: '同一天填了两次' }] });
    }
    // invalidated again after commit: a read between the in-transaction invalidation and the commit may re-cache old values
    return this.db.retrying(async (tx) => {
      await this.scope.community(tx, staff, code, 'staffUpdateBookingSettings');
      const s = await this.calendar.settings(tx, code);
      const row = s.row;
      const now = this.clock.now();
      if (input.openingHours) row.openingHoursJson = JSON.stringify([...input.openingHours].sort((a, b) => a.weekday - b.weekday));
      for (const k of ['slotMinutes', 'postCount', 'windowStartDays', 'windowDays', 'minNoticeMinutes', 'cutoffMinutes', 'postTitle', 'flagAfterMinutes'] as const) {
        if (input[k] !== undefined) (row as unknown as Record<string, unknown>)[k] = input[k];
      }
      if (input.centreAddress !== undefined) row.centreAddress = input.centreAddress;
      if (input.centrePhone !== undefined) row.centrePhone = input.centrePhone;
      if (input.centreLocation !== undefined) {
        row.centreLatE6 = input.centreLocation ? Math.round(input.centreLocation.latitude * 1e6) : null;
        row.centreLngE6 = input.centreLocation ? Math.round(input.centreLocation.longitude * 1e6) : null;
      }
      if (input.leadStaffId !== undefined) {
        if (input.leadStaffId !== null) {
          const [lead] = await this.people.staffByIds(tx, [input.leadStaffId]);
          if (!lead || !lead.active || lead.regionCode !== code) {
            throw new DomainError(ErrorCode.Validation, 'the lead must be an active staff member of this community', { issues: [{ path: 'leadStaffId', message: '请选本社区在岗的工作人员' }] });
          }
        }
        row.leadStaffId = input.leadStaffId;
      }
      if (row.windowStartDays > row.windowDays) throw new DomainError(ErrorCode.Validation, 'window start after its end', { issues: [{ path: 'windowStartDays', message: '最早可约天数不能大于最晚可约天数' }] });
      row.isExample = false;
      row.updatedAt = now;
      await this.calendarRepo.saveSettings(tx, row);
      if (input.postCount !== undefined) await this.calendarRepo.resizeSlots(tx, code, shanghaiParts(now).date, input.postCount);
      return this.calendar.toView(await this.calendar.settings(tx, code));
    }).finally(() => this.calendar.invalidate(code));
  }

  listClosures(staff: Staff, code: string, q: { from?: string; to?: string }) {
    return this.db.read(async (m) => {
      await this.scope.community(m, staff, code, 'staffListClosures');
      const today = this.clock.today();
      const rows = await this.calendarRepo.closures(m, code, q.from ?? today, q.to ?? addDays(today, 366));
      return { items: rows.map((c) => ({ id: c.id, communityCode: c.communityCode, date: c.date, reason: c.reason, createdAt: c.createdAt.toISOString() })) };
    });
  }

  addClosure(staff: Staff, code: string, input: { date: string; reason: string }) {
    return this.db.retrying(async (tx) => {
      await this.scope.community(tx, staff, code, 'staffAddClosure');
      const row = Object.assign(new ClosureEntity(), { id: randomUUID(), communityCode: code, date: input.date, reason: input.reason, createdBy: staff.staffId, createdAt: this.clock.now() });
      if ((await this.calendarRepo.insertClosure(tx, row)) === 'duplicate') throw new DomainError(ErrorCode.ClosureExists, 'that day is already closed');
      return { id: row.id, communityCode: code, date: row.date, reason: row.reason, createdAt: row.createdAt.toISOString() };
    }).finally(() => this.calendar.invalidate(code));
  }

  removeClosure(staff: Staff, id: string) {
    let touched: string | null = null;
    return this.db.retrying(async (tx) => {
      const c = await this.calendarRepo.closure(tx, id);
      await this.scope.communityOfObject(tx, staff, c?.communityCode ?? null, 'staffRemoveClosure', id);
      await this.calendarRepo.deleteClosure(tx, id);
      touched = c!.communityCode; // communityOfObject refused a missing closure
      return { ok: true as const };
    }).finally(() => touched && this.calendar.invalidate(touched));
  }

  listServiceItems(staff: Staff, code: string) {
    return this.db.read(async (m) => {
      await this.scope.community(m, staff, code, 'staffListServiceItems');
      return { items: (await this.calendarRepo.serviceItems(m, code, true)).map(serviceItemView) };
    });
  }

  createServiceItem(staff: Staff, code: string, input: CreateServiceItemInput) {
    return this.db.retrying(async (tx) => {
      await this.scope.community(tx, staff, code, 'staffCreateServiceItem');
      const now = this.clock.now();
      const row = Object.assign(new ServiceItemEntity(), {
        id: randomUUID(), communityCode: code, name: input.name, description: input.description ?? null, durationMinutes: input.durationMinutes,
        materialsJson: JSON.stringify(input.materials ?? []), catalogCode: input.catalogCode ?? null, active: true, sortOrder: input.sortOrder ?? 500, inPerson: input.inPerson ?? null,
        seedKey: null, createdAt: now, updatedAt: now,
      });
      await this.calendarRepo.insertServiceItem(tx, row);
      return serviceItemView(row);
    });
  }

  updateServiceItem(staff: Staff, id: string, input: UpdateServiceItemInput) {
    let touched: string | null = null;
    return this.db.retrying(async (tx) => {
      const found = await this.calendarRepo.serviceItem(tx, id);
      await this.scope.communityOfObject(tx, staff, found?.communityCode ?? null, 'staffUpdateServiceItem', id);
      const row = found!;
      if (input.name !== undefined) row.name = input.name;
      if (input.description !== undefined) row.description = input.description;
      if (input.durationMinutes !== undefined) row.durationMinutes = input.durationMinutes;
      if (input.materials !== undefined) row.materialsJson = JSON.stringify(input.materials);
      if (input.catalogCode !== undefined) row.catalogCode = input.catalogCode;
      if (input.sortOrder !== undefined) row.sortOrder = input.sortOrder;
      if (input.active !== undefined) row.active = input.active;
      if (input.inPerson !== undefined) row.inPerson = input.inPerson;
      row.updatedAt = this.clock.now();
      await this.calendarRepo.saveServiceItem(tx, row);
      touched = row.communityCode;
      return serviceItemView(row);
    }).finally(() => touched && this.calendar.invalidate(touched, id));
  }

  /** a day's, a month's or any span's bookings of one community as an XLSX workbook (base64 in JSON) */
  async export(staff: Staff, code: string, q: ExportQuery): Promise<ExportView> {
    const { from, to, label } = exportSpan(q);
    const now = this.clock.now();
    // the day they serve: an export of today alone carries the families' full phones (to call about today's visits),
    // recorded like a reveal; every other export shows them masked
    const fullPhones = q.date !== undefined && q.date === shanghaiParts(now).date;
    const { rows, name, ctx, phones } = await this.db.read(async (m) => {
      const region = await this.scope.community(m, staff, code, 'staffExportBookings');
      const rows = await this.repo.rangeForExport(m, code, from, to, EXPORT_MAX_ROWS + 1);
      if (rows.length > EXPORT_MAX_ROWS) throw new DomainError(ErrorCode.ExportTooLarge, 'too many rows for one export', { maxRows: EXPORT_MAX_ROWS });
      const ctx = await this.views.context(m, rows, now);
      const phones = await this.contacts.phonesOf(m, rows.map((b) => b.id));
      return { rows, name: region.name, ctx, phones };
    });
    const phoneOf = (id: string) => {
      const stored = phones.get(id);
      if (!stored) return '';
      const phone = this.cipher.decrypt(stored);
      return fullPhones ? phone : maskPhone(phone);
    };
    if (fullPhones && phones.size > 0) {
      await this.retry.transaction((tx) =>
        this.contacts.recordAccess(tx, { id: randomUUID(), bookingId: null, communityCode: code, staffId: staff.staffId, kind: 'export', day: from, phoneCount: phones.size, at: now }),
      );
    }
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Jianban';
    wb.created = this.clock.now();
    const ws = wb.addWorksheet(label);
    ws.columns = [
      { header: '日期', key: 'date', width: 12 },
      { header: '时段', key: 'time', width: 13 },
      { header: '事项', key: 'item', width: 24 },
      { header: '办事人', key: 'person', width: 12 },
      { header: '状态', key: 'status', width: 9 },
      { header: '方式', key: 'channel', width: 9 },
      { header: '首问负责人', key: 'responsible', width: 12 },
      { header: '当前经办人', key: 'handler', width: 12 },
      { header: '缺少材料', key: 'missing', width: 30 },
      { header: '不通过原因', key: 'reject', width: 24 },
      { header: '预约码尾号', key: 'pass', width: 11 },
      { header: fullPhones ? '家属电话' : '家属电话（已隐去中间四位）', key: 'phone', width: fullPhones ? 14 : 24 },
      { header: '提交时间', key: 'created', width: 18 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const b of rows) {
      const v = this.views.summary(ctx, b);
      const created = shanghaiParts(b.createdAt);
      ws.addRow({
        date: b.date, time: `${v.start}-${v.end}`, item: v.serviceItem.name, person: b.personName, status: v.statusText,
        channel: b.channel === 'walk_in' ? '现场' : '预约', responsible: ctx.staff.get(ctx.files.get(b.id)?.responsibleStaffId ?? '')?.displayName ?? '',
        handler: ctx.staff.get(ctx.files.get(b.id)?.handlerStaffId ?? '')?.displayName ?? '', missing: missingOf(b).join('、'), reject: b.rejectReason ?? '',
        pass: b.passCode.slice(-4), phone: phoneOf(b.id), created: `${created.date} ${created.time}`,
      });
    }
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return { fileName: `${name}-预约-${label}.xlsx`, contentType: XLSX, base64: buf.toString('base64'), rows: rows.length };
  }
}

/** the days an export covers (both included) and the name its file and sheet carry: 2026-12-07, 2026-12, 2026-11-20至2026-12-07 */
export function exportSpan(q: ExportQuery): { from: string; to: string; label: string } {
  if (q.date) return { from: q.date, to: q.date, label: q.date };
  if (q.month) return { from: `${q.month}-01`, to: `${q.month}-31`, label: q.month };
  const from = q.from ?? '';
  const to = q.to ?? from;
  return { from, to, label: from === to ? from : `${from}至${to}` };
}
