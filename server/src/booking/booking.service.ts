import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type AvailabilityView,
  type BookingDetailView,
  type BookingList,
  type CreateBookingInput,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { RateLimiter } from '../common/rate-limiter';
import { AppConfig } from '../common/config';
import type { Caller } from '../identity/caller';
import { PeopleDirectory } from '../identity/people.directory';
import { ProxyDirectory } from '../identity/proxy.directory';
import { RegionScope } from '../identity/region.scope';
import { CaseKit } from '../cases/case-kit.service';
import { insertBooking, newBooking } from './booking.factory';
import { BookingScope } from './booking-scope';
import { BookingRepository } from './bookings.repository';
import { LockRetry } from './booking.retry';
import { BookingContactRepository } from './booking-contacts.repository';
import { PiiCipher } from '../common/pii-cipher';
import { BookingViews, caseOf, serviceItemView, type ViewContext } from './booking.views';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService, type SlotCheck } from './calendar/calendar.service';
import type { BookingEntity } from './entities/booking.entity';
import { IdempotencyRepository } from './idempotency.repository';
import type { IdempotencyEntity } from './entities/idempotency.entity';
import type { ServiceItemEntity } from './entities/service-item.entity';
import type { SlotEntity } from './entities/slot.entity';

type Resident = Extract<Caller, { kind: 'resident' }>;
// the request a key stands for: everything in the body except the key itself, in a stable order
function requestHash(input: CreateBookingInput): string {
  const { idempotencyKey: _k, ...rest } = input;
  const canonical = Object.keys(rest).sort().map((k) => [k, (rest as Record<string, unknown>)[k] ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

// a family member id that is not the caller's: logged as a denied object access unless the key replays
class UnknownFamilyMember extends DomainError {}

interface CreatePrep {
  item: ServiceItemEntity;
  person: { name: string; key: string; familyMemberId: string | null };
  check: SlotCheck;
  slot: SlotEntity;
  communityName: string;
}
interface CreateArgs {
  accountId: string;
  input: CreateBookingInput;
  hash: string;
  now: Date;
  prep: CreatePrep;
  ctx: ViewContext;
}

const RESIDENT = (accountId: string) => ({ kind: 'resident' as const, id: accountId, name: '居民' });

@Injectable()
export class BookingService {
  constructor(
    private readonly db: Db,
    private readonly repo: BookingRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly cases: CaseKit,
    private readonly scope: BookingScope,
    private readonly people: PeopleDirectory,
    private readonly proxies: ProxyDirectory,
    private readonly calendarRepo: CalendarRepository,
    private readonly calendar: CalendarService,
    private readonly views: BookingViews,
    private readonly regions: RegionScope,
    private readonly rateLimiter: RateLimiter,
    private readonly retry: LockRetry,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly contacts: BookingContactRepository,
    private readonly cipher: PiiCipher,
  ) {}

  // ---- catalogue and availability (any signed-in user) ----

  async listServiceItems(communityCode: string) {
    return this.db.read(async (m) => {
      await this.regions.knownCommunity(m, communityCode);
      const items = (await this.calendarRepo.serviceItems(m, communityCode, false)).map(serviceItemView);
      return { items, centre: this.calendar.centre(await this.calendar.cachedSettings(m, communityCode)) };
    });
  }

  async availability(serviceItemId: string, q: { from?: string; to?: string }): Promise<AvailabilityView> {
    return this.db.read(async (m) => {
      const item = await this.calendar.cachedServiceItem(m, serviceItemId);
      if (!item || !item.active) throw new DomainError(ErrorCode.NotFound, 'no such service item');
      const settings = await this.calendar.cachedSettings(m, item.communityCode);
      const now = this.clock.now();
      const w = this.calendar.window(settings, now);
      const from = q.from && q.from > w.from ? q.from : w.from;
      const to = q.to && q.to < w.to ? q.to : w.to;
      const closures = from <= to ? await this.calendarRepo.closures(m, item.communityCode, from, to) : [];
      const notes = new Map(closures.map((c) => [c.date, c.reason]));
      const plans = from <= to ? this.calendar.plans(settings, from, to, closures, await this.calendar.schedule(m)) : [];
      const rows = from <= to ? await this.calendarRepo.slots(m, item.communityCode, from, to) : [];
      const taken = new Map(rows.map((r) => [`${r.date} ${r.startTime}`, r]));
      const noticeEdge = now.getTime() + settings.row.minNoticeMinutes * 60_000;
      const days = plans.map((p) => {
        const slots = p.slots.map((s) => {
          const row = taken.get(`${p.date} ${s.start}`);
          const capacity = row?.capacity ?? settings.row.postCount;
          const remaining = Math.max(0, capacity - (row?.booked ?? 0));
          return {
            start: s.start, end: s.end, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), capacity, remaining,
            bookable: remaining > 0 && s.startsAt.getTime() >= noticeEdge,
          };
        });
        return {
          date: p.date, weekday: p.weekday, kind: p.kind, holidayName: p.holidayName, open: p.closedReason === null,
          closedReason: p.closedReason, closedNote: p.closedReason === 'closure' ? (notes.get(p.date) ?? null) : null,
          slots, remaining: slots.filter((s) => s.bookable).reduce((n, s) => n + s.remaining, 0),
        };
      });
      return { serviceItem: serviceItemView(item), timezone: 'Asia/Shanghai', windowFrom: w.from, windowTo: w.to, minNoticeMinutes: settings.row.minNoticeMinutes, cutoffMinutes: settings.row.cutoffMinutes, days, centre: this.calendar.centre(settings) };
    });
  }

  // ---- create (idempotent) ----

  async create(caller: Resident, input: CreateBookingInput, headerKey: string | undefined): Promise<BookingDetailView> {
    if (headerKey !== undefined && headerKey !== input.idempotencyKey) {
      throw new DomainError(ErrorCode.Validation, 'Idempotency-Key header and body differ', { issues: [{ path: 'idempotencyKey', message: 'Idempotency-Key 与请求体不一致' }] });
    }
    const accountId = caller.accountId;
    const hash = requestHash(input);
    const now = this.clock.now();
    const prepared = await this.db.read((m) => this.prepareOrReplay(m, accountId, input, hash, now));
    if ('replay' in prepared) return prepared.replay;
    const { prep } = prepared;
    const ctx: ViewContext = {
      now,
      items: new Map([[prep.item.id, prep.item]]),
      regions: new Map([[prep.item.communityCode, prep.communityName]]),
      files: new Map(),
      staff: new Map(),
      cutoff: new Map([[prep.item.communityCode, prep.check.settings.row.cutoffMinutes]]),
      postTitle: new Map([[prep.item.communityCode, prep.check.settings.row.postTitle]]),
      centre: new Map([[prep.item.communityCode, this.calendar.centre(prep.check.settings)]]),
    };
    await this.ensureAccountRows(accountId);
    for (let round = 0; round < 3; round++) {
      const outcome = await this.retry.transaction((tx) => this.insertBooking(tx, { accountId, input, hash, now, prep, ctx }), { turn: prep.slot.id });
      if (!outcome.raced) return outcome.view;
      // another request with the same key committed first (or is still deciding): answer exactly what it answered
      const row = await this.db.read((m) => this.idempotency.findIdempotency(m, accountId, input.idempotencyKey));
      if (row) return this.replay(row, hash);
    }
    throw new DomainError(ErrorCode.Conflict, 'please retry', { retryAfterSeconds: 1 }, { 'retry-after': '1' });
  }

  /**
   * The checks before the write transaction (no lock taken). The key is not looked up first: a request repeating a
   * committed one is answered from the idempotency row when a check refuses it here, or when its claim of the key
   * meets the duplicate in the transaction — either way with exactly the stored response.
   */
  private async prepareOrReplay(m: EntityManager, accountId: string, input: CreateBookingInput, hash: string, now: Date): Promise<{ prep: CreatePrep } | { replay: BookingDetailView }> {
    try {
      return { prep: await this.prepareCreate(m, accountId, input, now) };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const earlier = await this.idempotency.findIdempotency(m, accountId, input.idempotencyKey);
      if (earlier) return { replay: this.replay(earlier, hash) };
      if (err instanceof UnknownFamilyMember) this.scope.denied(`resident:${accountId}`, 'createBooking', input.familyMemberId!);
      throw err;
    }
  }

  private async prepareCreate(m: EntityManager, accountId: string, input: CreateBookingInput, now: Date): Promise<CreatePrep> {
    const item = await this.activeItem(m, input.serviceItemId);
    const person = await this.personOf(m, accountId, input);
    let check: SlotCheck;
    let slot: SlotEntity;
    try {
      check = await this.calendar.checkSlot(m, item.communityCode, input.date, input.start, 'resident');
      slot = await this.calendar.slotRowFor(m, item.communityCode, check, now);
    } catch (err) {
      if (err instanceof DomainError) await this.assertNoShowLimit(m, accountId, now); // a no-show block is reported first
      throw err;
    }
    // one read for the no-show count and the seats: the fast refusal for a sold-out slot (B4) without a write
    // transaction; the conditional UPDATE in the transaction stays the guard
    const { noShowLimit, noShowWindowDays } = this.config.booking;
    const pre = await this.repo.preflight(m, slot.id, accountId, new Date(now.getTime() - noShowWindowDays * 86400_000));
    if (!pre || pre.noShows >= noShowLimit) await this.assertNoShowLimit(m, accountId, now);
    if (pre && pre.booked >= pre.capacity) throw new DomainError(ErrorCode.SlotFull, 'the slot is full');
    return { item, person, check, slot, communityName: await this.communityName(m, item.communityCode) };
  }

  private async personOf(m: EntityManager, accountId: string, input: CreateBookingInput): Promise<CreatePrep['person']> {
    if (!input.familyMemberId) return { name: input.selfName!, key: `self:${accountId}`, familyMemberId: null };
    const fm = await this.people.familyMember(m, accountId, input.familyMemberId);
    if (!fm) throw new UnknownFamilyMember(ErrorCode.NotFound, 'no such family member');
    // one active booking per person and service holds across accounts only among verified proxies; an unverified
    // member's booking counts within its own account, so no account learns of (ALREADY_BOOKED) or blocks another's
    const verified = await this.proxies.isVerifiedMember(m, accountId, fm.id);
    const key = verified ? `id:${fm.idNumberHash}` : `acct:${createHash('sha256').update(`${accountId}|${fm.idNumberHash}`).digest('hex')}`;
    return { name: fm.name, key, familyMemberId: fm.id };
  }

  // per-account rows the transaction updates (quota counter, rate-limit bucket) are created first, each on its own:
  // see ensureQuota / RateLimiter.prepare. Once known to exist they are not looked up again for a while — only a
  // shortcut: a row gone after all is created by the statement in the transaction (correct, at worst a retried deadlock)
  private readonly accountRowsKnown = new Map<string, number>();
  private async ensureAccountRows(accountId: string): Promise<void> {
    const at = this.accountRowsKnown.get(accountId);
    if (at !== undefined && performance.now() - at < 10 * 60_000) return;
    await this.db.read((m) => this.repo.ensureQuota(m, accountId));
    await this.rateLimiter.prepare(this.createRule(), accountId);
    if (this.accountRowsKnown.size > 50_000) this.accountRowsKnown.clear();
    this.accountRowsKnown.set(accountId, performance.now());
  }

  /**
   * The write transaction: claim the key (its row carries the response already — every id and value is chosen here),
   * quota, booking row (unique active key), case log, rate-limit hit, and LAST the seat, so the contended slot row is
   * locked only from that UPDATE to COMMIT. Any refusal rolls back everything, the claimed key and the hit included.
   */
  private async insertBooking(tx: EntityManager, a: CreateArgs): Promise<{ raced: true } | { raced: false; view: BookingDetailView }> {
    const b = this.newBooking(a);
    const log = this.cases.step(caseOf(b.id), { action: 'created', actor: RESIDENT(a.accountId), at: a.now });
    let view = this.views.detail(a.ctx, b, [log]);
    const idemId = randomUUID();
    const claimed = await this.idempotency.insertIdempotency(tx, {
      id: idemId, accountId: a.accountId, idemKey: a.input.idempotencyKey, requestHash: a.hash, bookingId: b.id, statusCode: 201,
      responseJson: JSON.stringify(view), createdAt: a.now, expiresAt: new Date(a.now.getTime() + this.config.booking.idempotencyTtlHours * 3600_000),
    });
    if (claimed === 'duplicate') return { raced: true };
    if (!(await this.repo.takeQuota(tx, a.accountId, this.config.booking.activeLimit))) {
      throw new DomainError(ErrorCode.ActiveBookingLimit, 'too many active bookings', { limit: this.config.booking.activeLimit });
    }
    if ((await insertBooking(tx, this.repo, b)) === 'active') throw new DomainError(ErrorCode.AlreadyBooked, 'this person already has an active booking for this service');
    // the family's phone, given with consent (the contract refuses a phone without it); encrypted at rest
    if (a.input.contactPhone && a.input.phoneConsent) {
      await this.contacts.insertContact(tx, { bookingId: b.id, phoneEnc: this.cipher.encrypt(a.input.contactPhone), consentedAt: a.now });
    }
    if (b.passCode !== view.passCode) {
      view = this.views.detail(a.ctx, b, [log]);
      await this.idempotency.completeIdempotency(tx, idemId, { responseJson: JSON.stringify(view) });
    }
    await this.cases.open(tx, caseOf(b.id), b.communityCode, log);
    // counted only for the request that claimed the key (a double tap's copies replay without counting); it joins
    // this transaction, so the hit commits with the booking — refusals roll their own hit back
    await this.rateLimiter.consume(this.createRule(), a.accountId);
    // THE capacity guard, the last statement before COMMIT (a refusal rolls back everything above)
    if (!(await this.calendarRepo.takeSeat(tx, a.prep.slot.id))) throw new DomainError(ErrorCode.SlotFull, 'the slot is full');
    return { raced: false, view };
  }

  private newBooking({ accountId, input, now, prep }: CreateArgs): BookingEntity {
    return newBooking({
      accountId, communityCode: prep.item.communityCode, serviceItemId: prep.item.id, slotId: prep.slot.id,
      date: prep.check.plan.date, startTime: prep.check.slot.start, startsAt: prep.check.slot.startsAt, endsAt: prep.check.slot.endsAt,
      personName: prep.person.name, familyMemberId: prep.person.familyMemberId, personKey: prep.person.key,
      activeKey: `${prep.person.key}|${prep.item.id}`, channel: 'online', status: 'pending', note: input.note ?? null, createdByStaffId: null, createdAt: now,
    });
  }

  private createRule() {
    return { name: 'booking-create', limit: this.config.booking.createRatePerMinute, windowSeconds: 60 };
  }

  // region names are reference data; re-read at most once a minute
  private readonly names = new Map<string, { name: string; at: number }>();
  private async communityName(m: EntityManager, code: string): Promise<string> {
    const known = this.names.get(code);
    if (known && performance.now() - known.at < 60_000) return known.name;
    const name = (await this.regions.regionsByCode(m, [code])).get(code)?.name ?? code;
    this.names.set(code, { name, at: performance.now() });
    return name;
  }

  private replay(row: IdempotencyEntity, hash: string): BookingDetailView {
    if (row.requestHash !== hash) throw new DomainError(ErrorCode.IdempotencyKeyReused, 'this idempotency key was used for a different request');
    return JSON.parse(row.responseJson) as BookingDetailView;
  }

  private async activeItem(m: EntityManager, id: string): Promise<ServiceItemEntity> {
    const item = await this.calendar.cachedServiceItem(m, id);
    if (!item) throw new DomainError(ErrorCode.NotFound, 'no such service item');
    if (!item.active) throw new DomainError(ErrorCode.ServiceItemInactive, 'service item no longer offered');
    return item;
  }

  /** N no-shows within the window block online booking for blockDays after the latest one */
  private async assertNoShowLimit(m: EntityManager, accountId: string, now: Date): Promise<void> {
    const { noShowLimit, noShowWindowDays, noShowBlockDays } = this.config.booking;
    const recent = await this.repo.noShows(m, accountId, new Date(now.getTime() - noShowWindowDays * 86400_000));
    if (recent.length < noShowLimit) return;
    const blockedUntil = new Date(recent[0].getTime() + noShowBlockDays * 86400_000);
    if (now < blockedUntil) {
      throw new DomainError(ErrorCode.NoShowLimit, 'too many recent no-shows', { blockedUntil: blockedUntil.toISOString(), noShows: recent.length });
    }
  }

  // ---- my bookings ----

  async mine(caller: Resident, q: { scope: 'active' | 'past' | 'all'; page: number; pageSize: number }): Promise<BookingList> {
    return this.db.read(async (m) => {
      const { rows, total } = await this.repo.pageOfAccount(m, caller.accountId, q.scope, q.page, q.pageSize);
      const ctx = await this.views.context(m, rows, this.clock.now());
      return { items: rows.map((b) => this.views.summary(ctx, b)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(caller: Resident, id: string): Promise<BookingDetailView> {
    return this.db.read(async (m) => this.detail(m, await this.owned(m, caller, id, 'getBooking')));
  }

  private async detail(m: EntityManager, b: BookingEntity): Promise<BookingDetailView> {
    const ctx = await this.views.context(m, [b], this.clock.now());
    return this.views.detail(ctx, b, await this.views.logs(m, b.id, true));
  }

  /** A1: someone else's booking and a missing one answer the same 404; every denial is logged */
  private owned(m: EntityManager, caller: Resident, id: string, route: string): Promise<BookingEntity> {
    return this.scope.residentBooking(m, caller, id, route);
  }

  private assertChangeable(b: BookingEntity, cutoffMinutes: number, now: Date): void {
    if (b.channel !== 'online' || (b.status !== 'pending' && b.status !== 'confirmed')) {
      throw new DomainError(ErrorCode.BookingStateConflict, 'booking can no longer be changed', { status: b.status });
    }
    const cutoffAt = new Date(b.startsAt.getTime() - cutoffMinutes * 60_000);
    if (now >= cutoffAt) throw new DomainError(ErrorCode.BookingCutoffPassed, 'too late to change this booking', { cutoffAt: cutoffAt.toISOString() });
  }

  // ---- cancel / reschedule (until the cutoff) ----

  async cancel(caller: Resident, id: string, input: { reason?: string }): Promise<BookingDetailView> {
    return this.retry.transaction(async (tx) => {
      const b = await this.owned(tx, caller, id, 'cancelBooking');
      const now = this.clock.now();
      const settings = await this.calendar.settings(tx, b.communityCode);
      this.assertChangeable(b, settings.row.cutoffMinutes, now);
      const ok = await this.repo.transition(tx, b.id, ['pending', 'confirmed'], { status: 'cancelled', activeKey: null, closedAt: now, updatedAt: now });
      if (!ok) throw new DomainError(ErrorCode.BookingStateConflict, 'booking changed meanwhile');
      await this.calendarRepo.releaseSeat(tx, b.slotId);
      await this.repo.releaseQuota(tx, b.accountId);
      await this.cases.log(tx, caseOf(b.id), { action: 'cancelled_by_resident', actor: RESIDENT(caller.accountId), at: now, note: input.reason ?? null });
      await this.cases.close(tx, caseOf(b.id), now);
      return this.detail(tx, (await this.repo.find(tx, b.id))!);
    });
  }

  async reschedule(caller: Resident, id: string, input: { date: string; start: string }): Promise<BookingDetailView> {
    const now = this.clock.now();
    const prep = await this.db.read(async (m) => {
      const b = await this.owned(m, caller, id, 'rescheduleBooking');
      const settings = await this.calendar.settings(m, b.communityCode);
      this.assertChangeable(b, settings.row.cutoffMinutes, now);
      if (b.date === input.date && b.startTime === input.start) {
        throw new DomainError(ErrorCode.Validation, 'that is the current slot', { issues: [{ path: 'start', message: '和原来的时间一样' }] });
      }
      await this.assertNoShowLimit(m, caller.accountId, now);
      const check = await this.calendar.checkSlot(m, b.communityCode, input.date, input.start, 'resident');
      const slot = await this.calendar.slotRowFor(m, b.communityCode, check, now);
      return { check, slot };
    });
    return this.retry.transaction(async (tx) => {
      const b = await this.owned(tx, caller, id, 'rescheduleBooking');
      this.assertChangeable(b, prep.check.settings.row.cutoffMinutes, now);
      if (!(await this.calendarRepo.takeSeat(tx, prep.slot.id))) throw new DomainError(ErrorCode.SlotFull, 'the slot is full');
      const moved = await this.repo.transition(tx, b.id, ['pending', 'confirmed'], {
        slotId: prep.slot.id, date: prep.check.plan.date, startTime: prep.check.slot.start, startsAt: prep.check.slot.startsAt,
        endsAt: prep.check.slot.endsAt, updatedAt: now,
      });
      if (!moved) throw new DomainError(ErrorCode.BookingStateConflict, 'booking changed meanwhile');
      await this.calendarRepo.releaseSeat(tx, b.slotId);
      await this.cases.log(tx, caseOf(b.id), { action: 'rescheduled', actor: RESIDENT(caller.accountId), at: now, note: `${b.date} ${b.startTime} → ${prep.check.plan.date} ${prep.check.slot.start}` });
      return this.detail(tx, (await this.repo.find(tx, b.id))!);
    }, { turn: prep.slot.id });
  }
}

