import { Injectable } from '@nestjs/common';
import { ErrorCode, STATUTORY_GAP_NOTICE_DAYS, statutoryYearProblems, type PublishStatutoryYearInput, type StatutoryGapView, type StatutoryYearView } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from '../identity/caller';
import { PeopleDirectory } from '../identity/people.directory';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService, exampleSettings } from './calendar/calendar.service';
import { HolidayCalendar } from './calendar/holiday-calendar.port';
import { addDays, shanghaiParts } from './calendar/schedule';
import { StatutoryRepository } from './calendar/statutory.repository';
import { StatutoryDayEntity, StatutoryYearEntity } from './entities/statutory.entity';

type Staff = Extract<Caller, { kind: 'staff' }>;
type Summary = Omit<StatutoryYearView, 'days'> & { holidayCount: number; makeupCount: number };

/**
 * The statutory holiday schedule as staff see and keep it. The bundled package knows the years it shipped with; the
 * State Council publishes the next year's schedule in about November, and the district admin enters it here (the
 * whole year at once), so January can be booked without waiting for a software update. An entered year wins over the
 * package for that year.
 */
@Injectable()
export class StatutoryService {
  constructor(
    private readonly db: Db,
    private readonly repo: StatutoryRepository,
    private readonly people: PeopleDirectory,
    private readonly settings: CalendarRepository,
    private readonly calendar: CalendarService,
    private readonly bundled: HolidayCalendar,
    private readonly clock: Clock,
  ) {}

  private currentYear(): number {
    return Number(shanghaiParts(this.clock.now()).date.slice(0, 4));
  }

  /** last year, this year, next year, and any later year entered or bundled */
  list(): Promise<{ items: Summary[] }> {
    return this.db.read(async (m) => {
      const from = this.currentYear() - 1;
      const entered = await this.repo.years(m, from);
      const years = new Set<number>([from, from + 1, from + 2, ...entered.map((y) => y.year), ...this.bundled.coveredYears().filter((y) => y >= from)]);
      const views = await Promise.all([...years].sort((a, b) => a - b).map((y) => this.view(m, y)));
      return {
        items: views.map(({ days, ...rest }) => ({
          ...rest,
          holidayCount: days.filter((d) => d.kind === 'holiday').length,
          makeupCount: days.filter((d) => d.kind === 'makeup_workday').length,
        })),
      };
    });
  }

  get(year: number): Promise<StatutoryYearView> {
    return this.db.read((m) => this.view(m, year));
  }

  /**
   * The year the staff console warns about: one with no schedule (neither bundled nor entered) that the longest booking
   * window of any community reaches within STATUTORY_GAP_NOTICE_DAYS, or has already reached. A window is at most 90
   * days, so only this year and next year can qualify.
   */
  gap(now = this.clock.now()): Promise<StatutoryGapView> {
    return this.db.read(async (m) => {
      const today = shanghaiParts(now).date;
      const windowDays = Math.max(exampleSettings('', now).windowDays, (await this.settings.longestWindowDays(m)) ?? 0);
      const schedule = await this.calendar.schedule(m);
      const year = Number(today.slice(0, 4));
      for (const y of [year, year + 1]) {
        if (schedule.source(y) !== 'none') continue;
        const reachesOn = addDays(`${y}-01-01`, -windowDays);
        if (today >= addDays(reachesOn, -STATUTORY_GAP_NOTICE_DAYS)) return { gap: { year: y, reachesOn } };
      }
      return { gap: null };
    });
  }

  async publish(staff: Staff, year: number, input: PublishStatutoryYearInput): Promise<StatutoryYearView> {
    if (year < this.currentYear()) {
      throw new DomainError(ErrorCode.Validation, 'a past year cannot be changed', { issues: [{ path: 'year', message: '已经过去的年份不能再改' }] });
    }
    const problems = statutoryYearProblems(year, input.days);
    if (problems.length) {
      throw new DomainError(ErrorCode.Validation, 'the days do not fit the year', { issues: problems.map((p) => ({ path: `days.${p.index}`, message: p.message })) });
    }
    const row = Object.assign(new StatutoryYearEntity(), { year, sourceNote: input.source, updatedBy: staff.staffId, updatedAt: this.clock.now() });
    const days = input.days.map((d) => Object.assign(new StatutoryDayEntity(), { date: d.date, year, kind: d.kind, name: d.name }));
    // invalidated again after commit: a read between the in-transaction invalidation and the commit may re-cache old days
    return this.db
      .retrying(async (tx) => {
        await this.repo.replaceYear(tx, row, days);
        this.calendar.invalidateSchedule();
        return this.view(tx, year);
      })
      .finally(() => this.calendar.invalidateSchedule());
  }

  private async view(m: EntityManager, year: number): Promise<StatutoryYearView> {
    const entered = await this.repo.year(m, year);
    if (entered) {
      const [days, [by]] = await Promise.all([this.repo.daysOf(m, year), this.people.staffByIds(m, [entered.updatedBy])]);
      return {
        year, source: 'district', sourceNote: entered.sourceNote,
        days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
        updatedAt: entered.updatedAt.toISOString(), updatedByName: by?.displayName ?? null,
      };
    }
    const covered = this.bundled.coversYear(year);
    return { year, source: covered ? 'package' : 'none', sourceNote: null, days: covered ? this.bundled.daysOf(year) : [], updatedAt: null, updatedByName: null };
  }
}
