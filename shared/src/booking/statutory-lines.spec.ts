import { describe, expect, it } from '@jest/globals';
import { isoWeekday } from '../dates';
import { formatStatutoryLines, parseStatutoryLines, statutoryYearProblems } from './statutory-lines';

describe('statutory schedule lines', () => {
  it('reads single days, ranges (至 / ~ / 到), 放假/上班 words and full-width spaces', () => {
    const { days, errors } = parseStatutoryLines(['2031-01-01 休 元旦', '', '2031-01-22 至 2031-01-24 休 春节', '2031-1-26　班　春节', '2031-10-01~2031-10-02 放假 国庆节', '2031-10-11 上班 国庆节'].join('\n'), 2031);
    expect(errors).toEqual([]);
    expect(days.map((d) => `${d.date}/${d.kind}/${d.name}`)).toEqual([
      '2031-01-01/holiday/元旦',
      '2031-01-22/holiday/春节',
      '2031-01-23/holiday/春节',
      '2031-01-24/holiday/春节',
      '2031-01-26/makeup_workday/春节',
      '2031-10-01/holiday/国庆节',
      '2031-10-02/holiday/国庆节',
      '2031-10-11/makeup_workday/国庆节',
    ]);
  });

  it('names the line of every problem and keeps going', () => {
    const text = ['2031-02-30 休 春节', '明年元旦放一天', '2031-05-01 休', '2032-01-01 休 元旦', '2031-01-02 班 元旦', '2031-03-05 至 2031-03-01 休 某节', '2031-06-01 休 儿童节', '2031-06-01 休 儿童节', '2031-07-01 至 2031-07-31 休 太长'].join('\n');
    const { errors } = parseStatutoryLines(text, 2031);
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
    expect(errors[3].message).toContain('不在 2031 年');
    expect(errors[4].message).toContain('调休上班只会在周六或周日'); // 2031-01-02 is a Thursday
    expect(errors[6].message).toContain('写了两次');
  });

  it('writes days back as the same lines, ranges joined', () => {
    const text = '2031-01-01 休 元旦\n2031-01-22 至 2031-01-24 休 春节\n2031-01-26 班 春节';
    expect(formatStatutoryLines(parseStatutoryLines(text, 2031).days)).toBe(text);
  });

  it('checks a year as a whole (the server runs the same check)', () => {
    expect(isoWeekday('2031-01-04')).toBe(6);
    expect(statutoryYearProblems(2031, [{ date: '2031-01-04', kind: 'makeup_workday', name: '元旦' }])).toEqual([]);
    expect(statutoryYearProblems(2031, [{ date: '2031-01-03', kind: 'makeup_workday', name: '元旦' }])).toHaveLength(1);
  });
});
