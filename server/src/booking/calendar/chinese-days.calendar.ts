import { Injectable } from '@nestjs/common';
import { HolidayCalendar, type StatutoryDay } from './holiday-calendar.port';

// chinese-days ships one JSON with three maps keyed by 'YYYY-MM-DD' (value 'English,中文,days'):
// holidays (days off), workdays (调休 working weekend days) and inLieuDays. A year is "covered" only if the package has
// holiday entries for it; for any other year getDayDetail() silently answers plain weekday/weekend, which would open
// 元旦 or 春节 for booking — so this adapter refuses to answer instead (lookup → null).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };

const chineseName = (v: string | undefined): string | null => {
  if (!v) return null;
  const parts = v.split(',');
  return parts[1] ?? parts[0] ?? null;
};

@Injectable()
export class ChineseDaysCalendar extends HolidayCalendar {
  private readonly years: Set<number>;

  constructor() {
    super();
    this.years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  }

  coversYear(year: number): boolean {
    return this.years.has(year);
  }

  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  daysOf(year: number): { date: string; kind: 'holiday' | 'makeup_workday'; name: string }[] {
    if (!this.coversYear(year)) return [];
    const prefix = `${year}-`;
    const pick = (map: Record<string, string>, kind: 'holiday' | 'makeup_workday') =>
      Object.keys(map).filter((d) => d.startsWith(prefix)).map((date) => ({ date, kind, name: chineseName(map[date]) ?? '' }));
    return [...pick(data.holidays, 'holiday'), ...pick(data.workdays, 'makeup_workday')].sort((a, b) => a.date.localeCompare(b.date));
  }

  lookup(date: string): StatutoryDay | null {
    if (!this.coversYear(Number(date.slice(0, 4)))) return null;
    if (data.holidays[date] !== undefined) return { kind: 'holiday', name: chineseName(data.holidays[date]) };
    if (data.workdays[date] !== undefined) return { kind: 'makeup_workday', name: chineseName(data.workdays[date]) };
    return { kind: 'normal', name: null };
  }
}
