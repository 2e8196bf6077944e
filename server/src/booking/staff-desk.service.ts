import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorCode, maskPhone, type NotificationType, type RevealPhoneView } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { CaseKit, type StaffActor } from '../cases/case-kit.service';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from '../identity/caller';
import { PeopleDirectory } from '../identity/people.directory';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { insertBooking, newBooking } from './booking.factory';
import { BookingScope } from './booking-scope';
import { BookingContactRepository } from './booking-contacts.repository';
import { PiiCipher } from '../common/pii-cipher';
import { LockRetry } from './booking.retry';
import { BookingViews, caseOf } from './booking.views';
import { ACTIVE, BookingRepository, flagReasonOf } from './bookings.repository';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService } from './calendar/calendar.service';
import { shanghaiParts } from './calendar/schedule';
import type { BookingEntity, BookingStatusValue } from './entities/booking.entity';

type Staff = Extract<Caller, { kind: 'staff' }>;
type Actor = StaffActor;
/** a resident notification an action sends, keyed `booking:<id>:<suffix>` (one per real-world event) */
type Notice = { type: NotificationType & `booking_${string}`; suffix: string; reason?: string };

@Injectable()
export class StaffDeskService {
  constructor(
    private readonly db: Db,
    private readonly repo: BookingRepository,
    private readonly people: PeopleDirectory,
    private readonly calendarRepo: CalendarRepository,
    private readonly calendar: CalendarService,
    private readonly views: BookingViews,
    private readonly scope: BookingScope,
    private readonly cases: CaseKit,
    private readonly outbox: NotificationOutbox,
    private readonly retry: LockRetry,
    private readonly clock: Clock,
    private readonly contacts: BookingContactRepository,
    private readonly cipher: PiiCipher,
  ) {}

  // ---- scope (BookingScope: same 404 for out of region and unknown, every denial logged) ----

  private scoped(m: EntityManager, staff: Staff, id: string, route: string): Promise<BookingEntity> {
    return this.scope.staffBooking(m, staff, id, route);
  }

  private community(m: EntityManager, staff: Staff, code: string, route: string) {
    return this.scope.community(m, staff, code, route);
  }

  private async staffDetail(m: EntityManager, b: BookingEntity) {
    const ctx = await this.views.context(m, [b], this.clock.now());
    const bookedBy = b.accountId ? await this.people.residentName(m, b.accountId) : null;
    const phone = await this.contacts.phoneOf(m, b.id);
    const masked = phone ? maskPhone(this.cipher.decrypt(phone)) : null;
    return this.views.staffDetail(ctx, b, await this.views.logs(m, b.id, false), b.channel === 'walk_in' ? '现场登记' : (bookedBy ?? '居民'), masked);
  }

  /** the family's full phone for a call; every reveal is recorded (who, which booking, when) in the same transaction */
  async revealPhone(staff: Staff, id: string): Promise<RevealPhoneView> {
    const now = this.clock.now();
    return this.retry.transaction(async (tx) => {
      const b = await this.scoped(tx, staff, id, 'staffRevealBookingPhone');
      const stored = await this.contacts.phoneOf(tx, b.id);
      if (!stored) throw new DomainError(ErrorCode.NotFound, 'this booking has no phone', { reason: 'no_phone' });
      await this.contacts.recordAccess(tx, { id: randomUUID(), bookingId: b.id, communityCode: b.communityCode, staffId: staff.staffId, kind: 'reveal', day: null, phoneCount: 1, at: now });
      return { phone: this.cipher.decrypt(stored) };
    });
  }

  // ---- lists ----

  async day(staff: Staff, code: string, q: { date: string; state?: BookingStatusValue; page: number; pageSize: number }) {
    return this.db.read(async (m) => {
      await this.community(m, staff, code, 'staffDayBookings');
      const { rows, total } = await this.repo.pageOfDay(m, code, q.date, q.state, q.page, q.pageSize);
      const ctx = await this.views.context(m, rows, this.clock.now());
      return { items: rows.map((b) => this.views.staffSummary(ctx, b)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  /** the queue across days: pending bookings of the community, or the caller's own unfinished cases (responsible or handed to them) */
  async queue(staff: Staff, code: string, q: { view: 'pending' | 'mine'; page: number; pageSize: number }) {
    return this.db.read(async (m) => {
      await this.community(m, staff, code, 'staffBookingQueue');
      const { rows, total } =
        q.view === 'mine'
          ? await this.repo.pageMine(m, code, this.cases.conditions.ownedOrHandledBy('b.id', 'booking', staff.staffId), q.page, q.pageSize)
          : await this.repo.pagePending(m, code, q.page, q.pageSize);
      const ctx = await this.views.context(m, rows, this.clock.now());
      return { items: rows.map((b) => this.views.staffSummary(ctx, b)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(staff: Staff, id: string) {
    return this.db.read(async (m) => this.staffDetail(m, await this.scoped(m, staff, id, 'staffGetBooking')));
  }

  async flagged(staff: Staff, code: string, q: { page: number; pageSize: number }) {
    return this.db.read(async (m) => {
      await this.community(m, staff, code, 'staffFlaggedBookings');
      const settings = await this.calendar.settings(m, code);
      const now = this.clock.now();
      const edge = new Date(now.getTime() - settings.row.flagAfterMinutes * 60_000);
      const { rows, total } = await this.repo.pageFlagged(m, code, edge, q.page, q.pageSize);
      const ctx = await this.views.context(m, rows, now);
      const items = rows.map((b) => {
        const flagReason = flagReasonOf(b, edge);
        const since = flagReason === 'unconfirmed' ? b.createdAt : b.endsAt;
        return { ...this.views.staffSummary(ctx, b), flagReason, overdueMinutes: Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000) - settings.row.flagAfterMinutes) };
      });
      return { items, total, page: q.page, pageSize: q.pageSize, thresholdMinutes: settings.row.flagAfterMinutes };
    });
  }

  async colleagues(staff: Staff, code: string) {
    return this.db.read(async (m) => {
      await this.community(m, staff, code, 'staffColleagues');
      const settings = await this.calendar.settings(m, code);
      const people = await this.cases.colleagues(m, code);
      const staffMap = new Map(people.map((p) => [p.id, p]));
      return {
        items: people.map((p) => ({ staffId: p.id, name: p.displayName, post: this.cases.party(staffMap, p.id, settings.row.postTitle)!.post, role: p.role })),
      };
    });
  }

  // ---- actions (each: conditional UPDATE + case-log row [+ notification] in one transaction) ----

  private act(staff: Staff, id: string, route: string, work: (tx: EntityManager, b: BookingEntity, me: Actor, now: Date) => Promise<Notice | void>) {
    return this.retry.transaction(async (tx) => {
      const b = await this.scoped(tx, staff, id, route);
      const now = this.clock.now();
      const notice = await work(tx, b, await this.cases.actor(tx, staff.staffId), now);
      const detail = await this.staffDetail(tx, (await this.repo.find(tx, b.id))!);
      if (notice) await this.notify(b, detail, notice);
      return detail;
    });
  }

  private async move(tx: EntityManager, b: BookingEntity, from: BookingStatusValue[], patch: Partial<BookingEntity>): Promise<void> {
    if (!from.includes(b.status) || !(await this.repo.transition(tx, b.id, from, patch))) {
      throw new DomainError(ErrorCode.BookingStateConflict, `cannot do that while the booking is ${b.status}`, { status: b.status });
    }
  }

  // joins the action's transaction; names come from the detail view the action answers with (no second lookup)
  private async notify(b: BookingEntity, detail: { serviceItem: { name: string }; communityName: string }, { type, suffix, reason }: Notice) {
    if (!b.accountId) return; // walk-ins have no account to notify
    await this.outbox.record({
      recipient: { kind: 'resident', id: b.accountId },
      type,
      data: {
        serviceName: detail.serviceItem.name,
        personName: b.personName,
        startsAt: b.startsAt.toISOString(),
        place: `${detail.communityName}党群服务中心`,
        ...(reason ? { reason } : {}),
      },
      idempotencyKey: `booking:${b.id}:${suffix}`,
      link: { kind: 'booking', id: b.id },
    });
  }

  confirm(staff: Staff, id: string, note?: string) {
    return this.act(staff, id, 'staffConfirmBooking', async (tx, b, me, now) => {
      await this.move(tx, b, ['pending'], { status: 'confirmed', updatedAt: now });
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.cases.log(tx, caseOf(b.id), { action: 'confirmed', actor: me, at: now, note: note ?? null });
      return { type: 'booking_confirmed', suffix: 'confirmed' };
    });
  }

  reject(staff: Staff, id: string, reason: string) {
    return this.act(staff, id, 'staffRejectBooking', async (tx, b, me, now) => {
      await this.move(tx, b, ['pending', 'confirmed'], { status: 'rejected', activeKey: null, rejectReason: reason, closedAt: now, updatedAt: now });
      await this.calendarRepo.releaseSeat(tx, b.slotId);
      await this.repo.releaseQuota(tx, b.accountId);
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.cases.log(tx, caseOf(b.id), { action: 'rejected', actor: me, at: now, note: reason });
      await this.cases.close(tx, caseOf(b.id), now);
      return { type: 'booking_rejected', suffix: 'rejected', reason };
    });
  }

  cancel(staff: Staff, id: string, reason: string) {
    return this.act(staff, id, 'staffCancelBooking', async (tx, b, me, now) => {
      await this.move(tx, b, ['pending', 'confirmed'], { status: 'cancelled', activeKey: null, closedAt: now, updatedAt: now });
      await this.calendarRepo.releaseSeat(tx, b.slotId);
      await this.repo.releaseQuota(tx, b.accountId);
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.cases.log(tx, caseOf(b.id), { action: 'cancelled_by_staff', actor: me, at: now, note: reason });
      await this.cases.close(tx, caseOf(b.id), now);
      return { type: 'booking_cancelled_by_staff', suffix: 'cancelled_by_staff', reason };
    });
  }

  done(staff: Staff, id: string, note?: string) {
    return this.act(staff, id, 'staffCompleteBooking', async (tx, b, me, now) => {
      await this.move(tx, b, ['confirmed', 'checked_in'], { status: 'done', activeKey: null, closedAt: now, updatedAt: now });
      await this.repo.releaseQuota(tx, b.accountId);
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.cases.log(tx, caseOf(b.id), { action: 'done', actor: me, at: now, note: note ?? null });
      await this.cases.close(tx, caseOf(b.id), now);
    });
  }

  noShow(staff: Staff, id: string, note?: string) {
    return this.act(staff, id, 'staffMarkNoShow', async (tx, b, me, now) => {
      if (now < b.startsAt) throw new DomainError(ErrorCode.BookingStateConflict, 'the slot has not started yet', { startsAt: b.startsAt.toISOString() });
      // the seat stays taken: the slot is in the past
      await this.move(tx, b, ['pending', 'confirmed'], { status: 'no_show', activeKey: null, closedAt: now, updatedAt: now });
      await this.repo.releaseQuota(tx, b.accountId);
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.cases.log(tx, caseOf(b.id), { action: 'no_show', actor: me, at: now, note: note ?? null });
      await this.cases.close(tx, caseOf(b.id), now);
    });
  }

  handOver(staff: Staff, id: string, input: { toStaffId: string; reason: string }) {
    return this.act(staff, id, 'staffHandOver', async (tx, b, me, now) => {
      if (!ACTIVE.includes(b.status)) {
        throw new DomainError(ErrorCode.BookingStateConflict, 'the case is closed', { status: b.status });
      }
      // the kit checks the colleague, keeps the first receiver accountable, logs it (reason internal) and tells the colleague
      const ctx = await this.views.context(tx, [b], now);
      await this.cases.handOver(tx, caseOf(b.id), {
        from: me, toStaffId: input.toStaffId, reason: input.reason, at: now,
        caseTitle: `${b.personName}的“${ctx.items.get(b.serviceItemId)?.name ?? '预约'}”预约（${b.date} ${b.startTime}）`,
        communityName: ctx.regions.get(b.communityCode) ?? '',
      });
    });
  }

  missingMaterials(staff: Staff, id: string, input: { items: string[]; note?: string }) {
    return this.act(staff, id, 'staffRecordMissingMaterials', async (tx, b, me, now) => {
      if (!ACTIVE.includes(b.status)) {
        throw new DomainError(ErrorCode.BookingStateConflict, 'the case is closed', { status: b.status });
      }
      const items = [...new Set(input.items)];
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.repo.update(tx, b.id, { missingMaterialsJson: JSON.stringify(items), updatedAt: now });
      await this.cases.log(tx, caseOf(b.id), { action: 'materials_missing', actor: me, at: now, note: `请一次带齐：${items.join('、')}${input.note ? `。${input.note}` : ''}` });
    });
  }

  addNote(staff: Staff, id: string, note: string) {
    // internal notes: in the staff case log, not shown to the resident
    return this.act(staff, id, 'staffAddCaseNote', async (tx, b, me, now) => {
      await this.cases.log(tx, caseOf(b.id), { action: 'note', actor: me, at: now, note, visibleToResident: false });
    });
  }

  async checkIn(staff: Staff, code: string, passCode: string) {
    return this.retry.transaction(async (tx) => {
      await this.community(tx, staff, code, 'staffCheckIn');
      const b = await this.repo.findByPassCode(tx, code, passCode);
      if (!b) {
        this.scope.denied(`staff:${staff.staffId}`, 'staffCheckIn', `pass:${passCode.slice(-4)}`);
        throw new DomainError(ErrorCode.PassCodeNotFound, 'no booking with that pass code here');
      }
      const now = this.clock.now();
      if (b.date !== shanghaiParts(now).date) throw new DomainError(ErrorCode.CheckInNotToday, 'the booking is for another day', { date: b.date });
      const me = await this.cases.actor(tx, staff.staffId);
      await this.move(tx, b, ['pending', 'confirmed'], { status: 'checked_in', updatedAt: now });
      await this.cases.take(tx, caseOf(b.id), me, now);
      await this.cases.log(tx, caseOf(b.id), { action: 'checked_in', actor: me, at: now });
      return this.staffDetail(tx, (await this.repo.find(tx, b.id))!);
    });
  }

  /** a visitor at the desk: takes a seat of today's slot through the same conditional UPDATE; the receiver is responsible */
  async walkIn(staff: Staff, code: string, input: { serviceItemId: string; personName: string; start?: string; note?: string }) {
    const now = this.clock.now();
    const today = shanghaiParts(now).date;
    const prep = await this.db.read(async (m) => {
      await this.community(m, staff, code, 'staffRegisterWalkIn');
      const item = await this.calendarRepo.serviceItem(m, input.serviceItemId);
      if (!item || item.communityCode !== code) throw new DomainError(ErrorCode.NotFound, 'no such service item');
      if (!item.active) throw new DomainError(ErrorCode.ServiceItemInactive, 'service item no longer offered');
      let start = input.start;
      if (!start) {
        const settings = await this.calendar.settings(m, code);
        const plan = this.calendar.plan(settings, today, new Set((await this.calendarRepo.closures(m, code, today, today)).map((c) => c.date)), await this.calendar.schedule(m));
        if (plan.closedReason) throw new DomainError(ErrorCode.ClosedDay, 'the centre is closed today', { reason: plan.closedReason });
        start = plan.slots.find((s) => s.endsAt > now)?.start;
        if (!start) throw new DomainError(ErrorCode.SlotNotAvailable, 'no slot left today');
      }
      const check = await this.calendar.checkSlot(m, code, today, start, 'walk_in');
      const slot = await this.calendar.slotRowFor(m, code, check, now);
      return { item, check, slot };
    });
    return this.retry.transaction(async (tx) => {
      const me = await this.cases.actor(tx, staff.staffId);
      if (!(await this.calendarRepo.takeSeat(tx, prep.slot.id))) throw new DomainError(ErrorCode.SlotFull, 'the slot is full');
      const b = newBooking({
        accountId: null, communityCode: code, serviceItemId: prep.item.id, slotId: prep.slot.id, date: today, startTime: prep.check.slot.start,
        startsAt: prep.check.slot.startsAt, endsAt: prep.check.slot.endsAt, personName: input.personName, familyMemberId: null,
        channel: 'walk_in', status: 'checked_in', note: input.note ?? null, createdByStaffId: me.id, createdAt: now,
      });
      await insertBooking(tx, this.repo, b);
      // the receiver owns the case from the start (首问)
      await this.cases.open(tx, caseOf(b.id), code, { action: 'walk_in_registered', actor: me, at: now, note: input.note ?? null }, me);
      return this.staffDetail(tx, b);
    }, { turn: prep.slot.id });
  }
}
