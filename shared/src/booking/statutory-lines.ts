import { addDays, isoWeekday, isRealDate } from '../dates';
import { statutoryDayInput, type StatutoryDayInput, STATUTORY_YEAR_MAX_DAYS } from './booking.schema';

// The staff console lets the district admin type a year's schedule the way the State Council notice reads, one line
// per day or range:   2027-01-01 休 元旦      2027-02-10 至 2027-02-16 休 春节      2027-02-07 班 春节
// 休/放假 = statutory day off, 班/上班 = 调休 working weekend day. This parser is shared so the page shows the same
// errors the server would give, line by line.

export interface StatutoryLineError {
  line: number; // 1-based
  message: string;
}

const LINE = /^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|～|—)\s*(\d{4}-\d{1,2}-\d{1,2}))?\s*(休|放假|班|上班)\s*(.*)$/u;
const MAX_RANGE_DAYS = 15;

function pad(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/**
 * Checks a year's days as a whole: all inside the year, each date once, make-up workdays on a Saturday or Sunday.
 * Returns the problems as (index into days, message).
 */
export function statutoryYearProblems(year: number, days: readonly StatutoryDayInput[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  days.forEach((d, index) => {
    if (!isRealDate(d.date)) out.push({ index, message: `${d.date} 不是真实的日期` });
    else if (Number(d.date.slice(0, 4)) !== year) out.push({ index, message: `${d.date} 不在 ${year} 年` });
    else if (seen.has(d.date)) out.push({ index, message: `${d.date} 写了两次` });
    else if (d.kind === 'makeup_workday' && isoWeekday(d.date) < 6) out.push({ index, message: `${d.date} 是工作日，调休上班只会在周六或周日` });
    seen.add(d.date);
  });
  if (days.length > STATUTORY_YEAR_MAX_DAYS) out.push({ index: STATUTORY_YEAR_MAX_DAYS, message: `一年最多 ${STATUTORY_YEAR_MAX_DAYS} 天` });
  return out;
}

/** parses the typed lines into days (ranges expanded); errors name the line */
export function parseStatutoryLines(text: string, year: number): { days: StatutoryDayInput[]; errors: StatutoryLineError[] } {
  const days: StatutoryDayInput[] = [];
  const lineOfDay: number[] = [];
  const errors: StatutoryLineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.replace(/\u3000/g, ' ').trim();
    if (!s) return;
    const m = LINE.exec(s);
    if (!m) {
      errors.push({ line, message: '看不懂这一行。请写成“2027-01-01 休 元旦”或“2027-02-07 班 春节”' });
      return;
    }
    const from = pad(m[1]);
    const to = m[2] ? pad(m[2]) : from;
    const kind = m[3] === '休' || m[3] === '放假' ? 'holiday' : 'makeup_workday';
    const name = m[4].trim();
    if (!isRealDate(from) || !isRealDate(to)) {
      errors.push({ line, message: '日期不对，请检查月份和日子' });
      return;
    }
    if (to < from) {
      errors.push({ line, message: '结束日期早于开始日期' });
      return;
    }
    const parsedName = statutoryDayInput.shape.name.safeParse(name);
    if (!parsedName.success) {
      errors.push({ line, message: name ? '节日名称最多 20 个字，不能有特殊符号' : '请写上节日名称，如“春节”' });
      return;
    }
    let count = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (++count > MAX_RANGE_DAYS) {
        errors.push({ line, message: `一段最多 ${MAX_RANGE_DAYS} 天` });
        return;
      }
    }
    for (let d = from; d <= to; d = addDays(d, 1)) {
      days.push({ date: d, kind, name: parsedName.data });
      lineOfDay.push(line);
    }
  });
  for (const p of statutoryYearProblems(year, days)) errors.push({ line: lineOfDay[Math.min(p.index, lineOfDay.length - 1)] ?? 0, message: p.message });
  errors.sort((a, b) => a.line - b.line);
  return { days, errors };
}

/** the days written back as lines (ranges joined), for editing a published year */
export function formatStatutoryLines(days: readonly StatutoryDayInput[]): string {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const lines: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].kind === sorted[i].kind && sorted[j + 1].name === sorted[i].name && sorted[j + 1].date === addDays(sorted[j].date, 1)) j++;
    const word = sorted[i].kind === 'holiday' ? '休' : '班';
    lines.push(j > i ? `${sorted[i].date} 至 ${sorted[j].date} ${word} ${sorted[i].name}` : `${sorted[i].date} ${word} ${sorted[i].name}`);
    i = j + 1;
  }
  return lines.join('\n');
}
