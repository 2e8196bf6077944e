// pure rules of the allowance, shared by the server's checks and the mini-program's hints

export type AgeRule = 'birthday_month' | 'calendar_year';

export interface BracketRule {
  minAge: number;
  maxAge: number | null;
  monthlyCny: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
};
const fromIndex = (i: number) => `${Math.floor(i / 12)}-${pad2((i % 12) + 1)}`;

/** 'YYYY-MM' plus n months (n may be negative) */
export function addMonths(month: string, n: number): string {
  return fromIndex(monthIndex(month) + n);
}
export function laterMonth(a: string, b: string): string {
  return monthIndex(a) >= monthIndex(b) ? a : b;
}
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** the age the rule counts for a whole month: birthday_month — reached by the end of that month; calendar_year — reached in that year */
export function ruleAgeInMonth(birthDate: string, month: string, rule: AgeRule): number {
  const [by, bm] = birthDate.split('-').map(Number);
  const [y, m] = month.split('-').map(Number);
  if (rule === 'calendar_year') return y - by;
  return m >= bm ? y - by : y - by - 1;
}

/** the first month the rule counts the person as `age` (80 for the allowance); 29 February counts in February */
export function firstMonthAtAge(birthDate: string, age: number, rule: AgeRule): string {
  const [by, bm] = birthDate.split('-').map(Number);
  return rule === 'calendar_year' ? `${by + age}-01` : `${by + age}-${pad2(bm)}`;
}

/** may an application be made in `month`: the rule is met, or will be within `preRegistrationMonths` */
export function meetsAgeRule(input: { birthDate: string; month: string; rule: AgeRule; minAge: number; preRegistrationMonths: number }): boolean {
  const first = firstMonthAtAge(input.birthDate, input.minAge, input.rule);
  return monthIndex(first) <= monthIndex(input.month) + input.preRegistrationMonths;
}

/** the bracket that holds `age`, or null (below the lowest) */
export function bracketForAge<B extends BracketRule>(brackets: readonly B[], age: number): B | null {
  return brackets.find((b) => age >= b.minAge && (b.maxAge === null || age <= b.maxAge)) ?? null;
}

export function bracketLabel(b: BracketRule): string {
  return b.maxAge === null ? `${b.minAge}岁及以上` : `${b.minAge}—${b.maxAge}岁`;
}

/** the first paid month: the later of the month after district approval and the first month the age rule is met */
export function firstPaidMonth(approvedOn: string, eligibleFrom: string): string {
  return laterMonth(addMonths(monthOf(approvedOn), 1), eligibleFrom);
}

// the public list masks names with maskPersonName (identity/proxies.schema): 王*国

/** bank / 一卡通 / 社保卡 account for display: last 4 digits only */
export function maskAccountNumber(raw: string): string {
  const v = raw.replace(/\s+/g, '');
  if (v.length <= 4) return '*'.repeat(v.length);
  return `**** **** ${v.slice(-4)}`;
}

/** brackets as the district enters them: sorted, contiguous from the first, only the last open-ended */
export function bracketProblem(brackets: readonly BracketRule[]): string | null {
  const sorted = [...brackets].sort((a, b) => a.minAge - b.minAge);
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i];
    const last = i === sorted.length - 1;
    if (b.maxAge !== null && b.maxAge < b.minAge) return `${b.minAge}岁起的档次上限小于下限`;
    if (!last && b.maxAge === null) return '只有最高的档次可以不设上限';
    if (last && b.maxAge !== null) return '最高的档次不能设上限';
    if (!last && sorted[i + 1].minAge !== (b.maxAge as number) + 1) return `${b.maxAge}岁之后的档次不连续`;
  }
  return null;
}
