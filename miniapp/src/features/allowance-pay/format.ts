// plain-Chinese formatting for the payments pages (money in 元, months, chips); pure, unit-tested without Taro

export type Tone = 'info' | 'error' | 'success' | 'soon';

/** 50 → '50元', 50.5 → '50.50元', 1234 → '1,234元' (amounts in 元, as the contract sends them) */
export function yuanText(cny: number): string {
  const whole = Number.isInteger(cny);
  const text = whole ? String(cny) : cny.toFixed(2);
  const [int, dec] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${dec ? `.${dec}` : ''}元`;
}

/** '2027-01' → '2027年1月' */
export function monthText(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** '2027-01-15' → '2027年1月15日' */
export function dateText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** the month after 'YYYY-MM' */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** the month before 'YYYY-MM' */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** the last `count` months up to and including `month`, newest first */
export function recentMonths(month: string, count: number): string[] {
  const out: string[] = [];
  let cur = month;
  for (let i = 0; i < count; i++) {
    out.push(cur);
    cur = previousMonth(cur);
  }
  return out;
}
