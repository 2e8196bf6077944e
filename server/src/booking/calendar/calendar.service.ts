import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type BookingSettingsView, type CentreView } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../common/config';
import { CalendarRepository } from './calendar.repository';
import { randomUUID } from 'node:crypto';
import { BookingSettingsEntity } from '../entities/booking-settings.entity';
import { SlotEntity } from '../entities/slot.entity';
import type { ServiceItemEntity } from '../entities/service-item.entity';
import { HolidayCalendar, type StatutoryDay } from './holiday-calendar.port';
import { StatutorySchedule } from './statutory-schedule';
import { StatutoryRepository } from './statutory.repository';
import { addDays, isRealDate, planDay, shanghaiParts, type DayPlan, type OpeningDay, type SlotTime } from './schedule';

/** EXAMPLE values (to be configured per community): Mon–Fri 8:30–12:00 and 14:30–17:30, 2 posts, 30-minute slots */
export const EXAMPLE_OPENING_HOURS: OpeningDay[] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '17:30' },
  ],
}));
export function exampleSettings(communityCode: string, at: Date): BookingSettingsEntity {
  return Object.assign(new BookingSettingsEntity(), {
    communityCode,
    openingHoursJson: JSON.stringify(EXAMPLE_OPENING_HOURS),
    slotMinutes: 30,
    postCount: 2,
    windowStartDays: 1,
    windowDays: 14,
    minNoticeMinutes: 120,
    cutoffMinutes: 120,
    postTitle: '综合服务岗',
    flagAfterMinutes: 240,
    leadStaffId: null,
    centreAddress: null,
    centrePhone: null,
    centreLatE6: null,
    centreLngE6: null,
    isExample: true,
    updatedAt: at,
  });
}

export interface Settings {
  row: BookingSettingsEntity;
  openingHours: OpeningDay[];
}

export interface SlotCheck {
  plan: DayPlan;
  slot: SlotTime;
  settings: Settings;
}

/**
 * Read-mostly community configuration (settings, closures, service items) is cached in process for at most
 * REFERENCE_TTL_MS of wall time: a change made through this instance is visible at once (the writer invalidates), one
 * made through another instance within that bound. Capacity and bookings are never cached.
 */
export const REFERENCE_TTL_MS = 2000;
export class TtlCache<V> {
  private readonly map = new Map<string, { at: number; value: V }>();
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.map.get(key);
    if (hit && performance.now() - hit.at < REFERENCE_TTL_MS) return hit.value;
    const value = await load();
    if (this.map.size > 5000) this.map.clear();
    this.map.set(key, { at: performance.now(), value });
    return value;
  }
  drop(key: string) {
    this.map.delete(key);
  }
}

@Injectable()
export class CalendarService {
  private readonly settingsCache = new TtlCache<BookingSettingsEntity | null>();
  private readonly closedCache = new TtlCache<Set<string>>();
  private readonly itemCache = new TtlCache<ServiceItemEntity | null>();
  private readonly scheduleCache = new TtlCache<StatutorySchedule>();

  constructor(
    private readonly repo: CalendarRepository,
    private readonly statutoryRepo: StatutoryRepository,
    private readonly holidays: HolidayCalendar,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** fresh from the database (use inside write transactions that change settings) */
  async settings(m: EntityManager, communityCode: string): Promise<Settings> {
    return this.toSettings(communityCode, await this.repo.settings(m, communityCode));
  }

  /** possibly up to REFERENCE_TTL_MS old: for the booking and availability paths */
  async cachedSettings(m: EntityManager, communityCode: string): Promise<Settings> {
    return this.toSettings(communityCode, await this.settingsCache.get(communityCode, () => this.repo.settings(m, communityCode)));
  }

  private toSettings(communityCode: string, found: BookingSettingsEntity | null): Settings {
    const row = found ? Object.assign(new BookingSettingsEntity(), found) : exampleSettings(communityCode, this.clock.now());
    return { row, openingHours: JSON.parse(row.openingHoursJson) as OpeningDay[] };
  }

  cachedServiceItem(m: EntityManager, id: string): Promise<ServiceItemEntity | null> {
    return this.itemCache.get(id, () => this.repo.serviceItem(m, id));
  }

  /** closure dates of a community from yesterday on (cached like settings) */
  private closedDates(m: EntityManager, communityCode: string): Promise<Set<string>> {
    const from = addDays(shanghaiParts(this.clock.now()).date, -1);
    return this.closedCache.get(`${communityCode}|${from}`, async () => new Set((await this.repo.closures(m, communityCode, from, '9999-12-31')).map((c) => c.date)));
  }

  // slot rows are never deleted and their id never changes: remember them (capacity and booked are NOT cached)
  private readonly slotIds = new Map<string, SlotEntity>();

  /**
   * The slot row of a checked slot, created on first use. A new row takes its capacity from FRESH settings (never the
   * cache), so a post-count change made through another instance a moment ago is honoured; existing rows are resized by
   * the settings update itself.
   */
  async slotRowFor(m: EntityManager, communityCode: string, check: SlotCheck, now: Date): Promise<SlotEntity> {
    const key = `${communityCode}|${check.plan.date}|${check.slot.start}`;
    const known = this.slotIds.get(key);
    if (known) return known;
    let slot = await this.repo.findSlot(m, communityCode, check.plan.date, check.slot.start);
    if (!slot) {
      const fresh = await this.settings(m, communityCode);
      slot = await this.repo.ensureSlot(m, Object.assign(new SlotEntity(), {
        id: randomUUID(), communityCode, date: check.plan.date, startTime: check.slot.start, startsAt: check.slot.startsAt, endsAt: check.slot.endsAt,
        capacity: fresh.row.postCount, booked: 0, createdAt: now,
      }));
    }
    if (this.slotIds.size > 20000) this.slotIds.clear();
    this.slotIds.set(key, slot);
    return slot;
  }

  /**
   * The statutory calendar in effect (bundled package + the years the district admin entered), cached like settings:
   * an entry made through this instance applies at once, one made through another within REFERENCE_TTL_MS.
   * Entered years from last year on are loaded (a few dozen rows each).
   */
  schedule(m: EntityManager): Promise<StatutorySchedule> {
    return this.scheduleCache.get('all', async () => {
      const fromYear = Number(shanghaiParts(this.clock.now()).date.slice(0, 4)) - 1;
      const [years, days] = await Promise.all([this.statutoryRepo.years(m, fromYear), this.statutoryRepo.days(m, fromYear)]);
      const entered = new Map<number, Map<string, StatutoryDay>>(years.map((y) => [y.year, new Map()]));
      for (const d of days) entered.get(d.year)?.set(d.date, { kind: d.kind, name: d.name });
      return new StatutorySchedule(this.holidays, entered);
    });
  }

  invalidateSchedule(): void {
    this.scheduleCache.drop('all');
  }

  /** the writer of a settings / closure / service-item change calls this so its own instance sees it at once */
  invalidate(communityCode: string, serviceItemId?: string): void {
    this.settingsCache.drop(communityCode);
    const from = addDays(shanghaiParts(this.clock.now()).date, -1);
    this.closedCache.drop(`${communityCode}|${from}`);
    if (serviceItemId) this.itemCache.drop(serviceItemId);
  }

  /** what residents see about the centre: null where the community has not filled it in */
  centre(s: Settings): CentreView {
    const r = s.row;
    const location = r.centreLatE6 != null && r.centreLngE6 != null ? { latitude: r.centreLatE6 / 1e6, longitude: r.centreLngE6 / 1e6 } : null;
    return { address: r.centreAddress ?? null, phone: r.centrePhone ?? null, location, openingHours: s.openingHours };
  }

  toView(s: Settings): BookingSettingsView {
    const r = s.row;
    const centre = this.centre(s);
    return {
      communityCode: r.communityCode,
      centreAddress: centre.address,
      centrePhone: centre.phone,
      centreLocation: centre.location,
      openingHours: s.openingHours,
      slotMinutes: r.slotMinutes,
      postCount: r.postCount,
      windowStartDays: r.windowStartDays,
      windowDays: r.windowDays,
      minNoticeMinutes: r.minNoticeMinutes,
      cutoffMinutes: r.cutoffMinutes,
      postTitle: r.postTitle,
      flagAfterMinutes: r.flagAfterMinutes,
      leadStaffId: r.leadStaffId ?? null,
      isExample: r.isExample,
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  window(s: Settings, now = this.clock.now()): { from: string; to: string } {
    const today = shanghaiParts(now).date;
    return { from: addDays(today, s.row.windowStartDays), to: addDays(today, s.row.windowDays) };
  }

  plan(s: Settings, date: string, closedDates: Set<string>, schedule: StatutorySchedule): DayPlan {
    return planDay(date, { openingHours: s.openingHours, slotMinutes: s.row.slotMinutes }, schedule.lookup(date), closedDates.has(date), this.config.booking.unknownYear);
  }

  /** the day plans from..to, given the community's closures in that range */
  plans(s: Settings, from: string, to: string, closures: { date: string }[], schedule: StatutorySchedule): DayPlan[] {
    const closed = new Set(closures.map((c) => c.date));
    const out: DayPlan[] = [];
    for (let d = from; d <= to && out.length < 120; d = addDays(d, 1)) out.push(this.plan(s, d, closed, schedule));
    return out;
  }

  /**
   * Checks that (date, start) is a slot a resident may book now: inside the window, an open day, on the slot grid,
   * and at least the minimum notice ahead. Staff walk-ins skip the window and notice (today, at the desk).
   */
  async checkSlot(m: EntityManager, communityCode: string, date: string, start: string, mode: 'resident' | 'walk_in'): Promise<SlotCheck> {
    const settings = await this.cachedSettings(m, communityCode);
    const now = this.clock.now();
    if (!isRealDate(date)) throw new DomainError(ErrorCode.Validation, 'no such date', { issues: [{ path: 'date', message: '没有这一天' }] });
    if (mode === 'resident') {
      const w = this.window(settings, now);
      if (date < w.from || date > w.to) throw new DomainError(ErrorCode.OutsideBookingWindow, 'date outside the booking window', { windowFrom: w.from, windowTo: w.to });
    }
    const closed = date >= addDays(shanghaiParts(now).date, -1) ? await this.closedDates(m, communityCode) : new Set((await this.repo.closures(m, communityCode, date, date)).map((c) => c.date));
    const plan = this.plan(settings, date, closed, await this.schedule(m));
    if (plan.closedReason) throw new DomainError(ErrorCode.ClosedDay, 'the centre is closed that day', { reason: plan.closedReason, holidayName: plan.holidayName });
    const slot = plan.slots.find((x) => x.start === start);
    if (!slot) throw new DomainError(ErrorCode.SlotNotAvailable, 'no such slot that day', { slots: plan.slots.map((x) => x.start) });
    if (mode === 'resident' && slot.startsAt.getTime() < now.getTime() + settings.row.minNoticeMinutes * 60_000) {
      throw new DomainError(ErrorCode.MinNoticeNotMet, 'the slot starts too soon', { minNoticeMinutes: settings.row.minNoticeMinutes });
    }
    if (mode === 'walk_in' && slot.endsAt.getTime() <= now.getTime()) throw new DomainError(ErrorCode.SlotNotAvailable, 'that slot is over');
    return { plan, slot, settings };
  }
}
