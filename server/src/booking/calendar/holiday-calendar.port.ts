// Statutory holidays and 调休 make-up workdays of mainland China. A port, so the data source (the chinese-days package
// today; an official feed or a table tomorrow) can be replaced without touching the booking rules.
export interface StatutoryDay {
  /** 'holiday' = statutory day off; 'makeup_workday' = 调休 working Saturday/Sunday; 'normal' = ordinary weekday/weekend */
  kind: 'holiday' | 'makeup_workday' | 'normal';
  /** Chinese name of the holiday the day belongs to, e.g. '国庆节' */
  name: string | null;
}

export abstract class HolidayCalendar {
  /** null when the data source does not cover that year (the State Council publishes each year's schedule in ~November) */
  abstract lookup(date: string): StatutoryDay | null;
  abstract coversYear(year: number): boolean;
  /** years the data covers, for health output and documentation */
  abstract coveredYears(): number[];
  /** the holidays and make-up workdays of a covered year, by date (empty for a year it does not cover) */
  abstract daysOf(year: number): { date: string; kind: 'holiday' | 'makeup_workday'; name: string }[];
}
