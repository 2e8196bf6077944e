import { HolidayCalendar, type StatutoryDay } from './holiday-calendar.port';

export type StatutorySource = 'district' | 'package' | 'none';

/**
 * The statutory calendar in effect: a year the district admin entered (the State Council's notice for that year) is
 * decided by those entries alone — days not listed are ordinary days; any other year comes from the bundled package,
 * and a year neither knows is unknown (null), which the booking rules treat as closed.
 */
export class StatutorySchedule {
  constructor(
    private readonly bundled: HolidayCalendar,
    private readonly entered: ReadonlyMap<number, ReadonlyMap<string, StatutoryDay>>,
  ) {}

  source(year: number): StatutorySource {
    if (this.entered.has(year)) return 'district';
    return this.bundled.coversYear(year) ? 'package' : 'none';
  }

  lookup(date: string): StatutoryDay | null {
    const year = this.entered.get(Number(date.slice(0, 4)));
    if (year) return year.get(date) ?? { kind: 'normal', name: null };
    return this.bundled.lookup(date);
  }
}
