import { addMonths, bracketForAge, bracketLabel, ruleAgeInMonth, type BracketRule } from '@jianban/shared';
import type { BracketChangeRule, DecisionKind, PaymentPeriod } from '@jianban/shared';

// pure rules of the ledger: which bracket a month pays, what a registry row means for a recipient, which months a
// roster pays. No I/O; the runs call these per chunk.

export const DISTRICT_PREFIX = '421003';

export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
}
export const monthBefore = (a: string, b: string) => monthIndex(a) < monthIndex(b);
export const nextMonth = (m: string) => addMonths(m, 1);
/** months from..to inclusive ('YYYY-MM'), empty when from > to */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}
export const monthText = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/**
 * the age that decides the bracket of `month`: with 'birthday_month' the higher bracket starts in the month of the 90th
 * (100th) birthday, with 'month_after' in the month after it. A 29 February birthday counts in February.
 */
export function bracketAgeInMonth(birthDate: string, month: string, rule: BracketChangeRule): number {
  return ruleAgeInMonth(birthDate, rule === 'birthday_month' ? month : addMonths(month, -1), 'birthday_month');
}

export function bracketOfMonth<B extends BracketRule>(brackets: readonly B[], birthDate: string, month: string, rule: BracketChangeRule): B | null {
  return bracketForAge(brackets, bracketAgeInMonth(birthDate, month, rule));
}
export { bracketLabel };

/** the roster of a closed month pays (monthly: every month; quarterly: March, June, September, December) */
export function paysInMonth(month: string, period: PaymentPeriod): boolean {
  return period === 'monthly' || Number(month.slice(5, 7)) % 3 === 0;
}
/** the month whose roster will pay `month` */
export function payingMonthOf(month: string, period: PaymentPeriod): string {
  let m = month;
  while (!paysInMonth(m, period)) m = nextMonth(m);
  return m;
}
/** the day the bank pays a roster of `month` (the configured day of the following month) */
export function payDateOf(month: string, payDay: number): string {
  return `${nextMonth(month)}-${String(payDay).padStart(2, '0')}`;
}

/** what the re-verification knows about one recipient (a row of the set-based join, or a batched lookup) */
export interface RecipientFacts {
  status: 'active' | 'suspended' | 'stopped';
  statusReason: string | null;
  birthDate: string;
  /** the registry could not answer for this chunk (data-sharing adapter down) */
  unavailable: boolean;
  /** the person is in the registry extract */
  found: boolean;
  registryName: string | null;
  recipientName: string;
  hukouRegionCode: string | null;
  deathDate: string | null;
  movedOutDate: string | null;
  /** the consent of the recipient's application was withdrawn (allowance_consent.withdrawn_at) */
  consentWithdrawnOn: string | null;
}

export interface Finding {
  kind: DecisionKind;
  /** first month changed; null for flags */
  effectiveMonth: string | null;
}

/**
 * what one recipient's registry facts mean in `month`. Absence of data alone never suspends anyone: a person missing
 * from the extract, or a registry that cannot answer, is a flag for staff.
 */
export function classify(f: RecipientFacts, month: string, bracketRule: BracketChangeRule, brackets: readonly BracketRule[]): Finding[] {
  if (f.unavailable) return [{ kind: 'unavailable', effectiveMonth: null }];
  const out: Finding[] = [];
  if (f.deathDate) {
    if (!(f.status !== 'active' && f.statusReason === 'died')) out.push({ kind: 'died', effectiveMonth: nextMonth(f.deathDate.slice(0, 7)) });
    return out;
  }
  const movedOut = f.movedOutDate ?? (f.found && f.hukouRegionCode && !f.hukouRegionCode.startsWith(DISTRICT_PREFIX) ? `${month}-01` : null);
  if (movedOut) {
    if (!(f.status !== 'active' && f.statusReason === 'moved_out')) out.push({ kind: 'moved_out', effectiveMonth: nextMonth(movedOut.slice(0, 7)) });
    return out;
  }
  if (!f.found) return [{ kind: 'missing', effectiveMonth: null }];
  if (f.status !== 'active' && (f.statusReason === 'died' || f.statusReason === 'moved_out')) {
    // the registry no longer says so: a corrected death record, a returned hukou
    out.push({ kind: 'reinstated', effectiveMonth: null });
  }
  if (f.consentWithdrawnOn) {
    if (f.status === 'active' || out.some((o) => o.kind === 'reinstated')) out.push({ kind: 'consent_withdrawn', effectiveMonth: nextMonth(f.consentWithdrawnOn.slice(0, 7)) });
  }
  if (f.registryName !== null && f.registryName !== f.recipientName) out.push({ kind: 'name_mismatch', effectiveMonth: null });
  const now = bracketOfMonth(brackets, f.birthDate, month, bracketRule);
  const before = bracketOfMonth(brackets, f.birthDate, addMonths(month, -1), bracketRule);
  if (now && before && now.minAge > before.minAge && f.status === 'active') out.push({ kind: 'bracket_up', effectiveMonth: month });
  return out;
}

/** decisions that stop payments (counted against the F5 threshold) */
export const STOPPING: readonly DecisionKind[] = ['died', 'moved_out', 'consent_withdrawn'];
/** decisions that are only flags for staff: nothing changes for the family */
export const FLAGS: readonly DecisionKind[] = ['missing', 'unavailable', 'name_mismatch'];

/** the bank's reason in plain words for the family */
export function plainBankReason(raw: string | null): string {
  const r = (raw ?? '').trim();
  if (/户名|姓名/.test(r)) return '收款账户的户名和老人姓名不一致，请核对';
  if (/销户|注销|冻结|止付|挂失/.test(r)) return '收款账户已不能用（销户、冻结或挂失），请换一个老人本人名下的账户';
  if (/卡号|账号|帐号|不存在|无此/.test(r) || r === '') return '银行卡号有误，请核对';
  return `银行退回：${r.slice(0, 40)}，请核对收款账户`;
}
