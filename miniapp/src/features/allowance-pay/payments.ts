// the family's payments view in words: one row per month (已发放 / 待发放 / 发放失败 / 补发), the next payment, a
// suspension; pure (the page only lays these out)
import { allowanceAccountInput, type FamilyPaymentMonthView, type FamilyPaymentsView } from '@jianban/shared';
import { dateText, monthText, yuanText, type Tone } from './format';

export const PAYMENT_STATE_TONE: Record<FamilyPaymentMonthView['state'], Tone> = {
  paid: 'success',
  pending: 'info',
  failed: 'error',
  back_pay: 'soon',
};

/** the mark in front of a month's state, so it is not told by colour alone */
export const PAYMENT_STATE_MARK: Record<FamilyPaymentMonthView['state'], string> = {
  paid: '✓',
  pending: '…',
  failed: '✗',
  back_pay: '+',
};

export interface MonthRow {
  key: string;
  title: string;
  amount: string;
  chip: string;
  tone: Tone;
  lines: string[];
}

/** one month as the family reads it: '2026年3月 · 50元 · ✓ 已发放', then why and what to do */
export function monthRow(m: FamilyPaymentMonthView): MonthRow {
  const lines: string[] = [];
  if (m.backPayText) lines.push(m.backPayText);
  if (m.state === 'paid' && m.paidOn) lines.push(`${dateText(m.paidOn)}发到账户`);
  if (m.failureReason) lines.push(`原因：${m.failureReason}`);
  if (m.whatToDo) lines.push(m.whatToDo);
  return {
    key: `${m.forMonth}-${m.state}-${m.backPayText ?? ''}`,
    title: monthText(m.forMonth),
    amount: yuanText(m.amountCny),
    chip: `${PAYMENT_STATE_MARK[m.state]} ${m.stateText}`,
    tone: PAYMENT_STATE_TONE[m.state],
    lines,
  };
}

/** the facts at the top of the page, as label/value pairs (nothing shown that the server did not send) */
export function summaryRows(v: FamilyPaymentsView): [string, string][] {
  const rows: [string, string][] = [['发放情况', v.statusText]];
  if (v.bracketLabel && v.monthlyCny !== null) rows.push(['档次', `${v.bracketLabel}，每月${yuanText(v.monthlyCny)}`]);
  rows.push(['怎么发', v.periodText]);
  if (v.nextPaymentDate) rows.push(['下次发放', `${dateText(v.nextPaymentDate)}前后`]);
  if (v.account) rows.push(['收款账户', `${v.account.kindText}，尾号${v.account.masked.replace(/\D/g, '').slice(-4)}`]);
  return rows;
}

/** failed months first need the family: how many, and the total */
export function failedSummary(v: FamilyPaymentsView): string | null {
  const failed = v.months.filter((m) => m.state === 'failed');
  if (failed.length === 0) return null;
  const total = failed.reduce((s, m) => s + m.amountCny, 0);
  return `有${failed.length}个月没有发成功（共${yuanText(total)}）。账户改好后，会在下一次发放时一起补发。`;
}

/** the account-fix form → the account to send, or what to fix (same rules as the application's account screen) */
export function buildAccountFix(f: { kind: string; number: string; bankName: string }):
  | { ok: true; account: { kind: 'bank_card' | 'social_security_card' | 'one_card'; number: string; bankName?: string } }
  | { ok: false; errors: Partial<Record<'kind' | 'number' | 'bankName', string>> } {
  const errors: Partial<Record<'kind' | 'number' | 'bankName', string>> = {};
  if (!f.kind) errors.kind = '请选择用哪种卡收钱';
  const bankName = f.bankName.trim();
  const parsed = allowanceAccountInput.safeParse({ kind: f.kind || undefined, number: f.number, ...(bankName ? { bankName } : {}) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'bankName' ? 'bankName' : issue.path[0] === 'kind' ? 'kind' : 'number';
      errors[field] ??= field === 'number' && !f.number.trim() ? '请填写新的卡号' : issue.message;
    }
  }
  if (!parsed.success || errors.kind) return { ok: false, errors };
  return { ok: true, account: parsed.data as { kind: 'bank_card' | 'social_security_card' | 'one_card'; number: string; bankName?: string } };
}
