import {
  addMonths, ALLOWANCE_ACCOUNT_KIND_TEXT, FAMILY_PAYMENT_STATE_TEXT, PAYMENT_PERIOD_TEXT, RECIPIENT_STATUS_TEXT,
  type FamilyPaymentMonthView, type FamilyPaymentsView, type PaymentPeriod, type RecipientStatus,
} from '@jianban/shared';
import type { EntitlementRow, RecipientRow } from './payview.repository';

// what the family reads about payments: plain words, no codes; the family never sees a full number

/** '2026-03' → '2026年3月' */
export const monthWords = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
};

export const FAILED_WHAT_TO_DO = '收款账户要在老人本人名下。可以在本页改正，也可以到社区服务中心办理；改好后，会在下一次发放时补发。';

// why payments stopped, and what the family can do (the registry is the source; a wrong record can be corrected)
const SUSPENSION_TEXT: Record<string, { reason: string; whatToDo: string }> = {
  died: {
    reason: '户籍记录显示老人已经去世，津贴从去世的下个月起停发',
    whatToDo: '我们深表哀悼。如果记录有误，请带老人本人到社区服务中心说明，核实后会补发停发的月份。',
  },
  moved_out: {
    reason: '户籍记录显示老人的户口已经迁出荆州区，从下个月起不再由荆州区发放',
    whatToDo: '请到新户籍所在地申请高龄津贴。如果户口没有迁出，请到社区服务中心说明，核实后会补发。',
  },
  consent_withdrawn: {
    reason: '您撤回了使用老人信息的同意，从下个月起停发',
    whatToDo: '如果想继续领取，请重新申请。',
  },
};
const OTHER_SUSPENSION = { reason: '发放暂停了', whatToDo: '请到社区服务中心问明原因。' };

export function suspensionOf(r: RecipientRow, familyText: string | null): FamilyPaymentsView['suspension'] {
  if (r.status === 'active') return null;
  const known = SUSPENSION_TEXT[r.statusReason ?? ''] ?? OTHER_SUSPENSION;
  return { since: r.stoppedFrom ?? addMonths(r.updatedAt.toISOString().slice(0, 7), 1), reason: familyText ?? known.reason, whatToDo: known.whatToDo };
}

export function statusWords(r: RecipientRow | null): string {
  if (!r) return '还没有开始发放';
  return RECIPIENT_STATUS_TEXT[r.status as RecipientStatus] ?? '暂停发放';
}

export function periodWords(period: PaymentPeriod): string {
  return PAYMENT_PERIOD_TEXT[period] ?? PAYMENT_PERIOD_TEXT.monthly;
}

export function accountOf(r: RecipientRow): FamilyPaymentsView['account'] {
  const kind = r.accountKind as keyof typeof ALLOWANCE_ACCOUNT_KIND_TEXT;
  return { kindText: ALLOWANCE_ACCOUNT_KIND_TEXT[kind] ?? '收款账户', masked: `**** **** ${r.accountLast4}` };
}

/** one line as the family reads it: back-pay says which month it is for; a failure gives the bank's reason and what to do */
export function familyMonth(e: EntitlementRow): FamilyPaymentMonthView {
  const backPay = e.kind === 'back_pay';
  const state: FamilyPaymentMonthView['state'] = e.state === 'paid' ? 'paid' : e.state === 'failed' ? 'failed' : backPay ? 'back_pay' : 'pending';
  return {
    forMonth: e.forMonth,
    amountCny: e.amountCny,
    state,
    stateText: FAMILY_PAYMENT_STATE_TEXT[state],
    backPayText: backPay ? `补发${monthWords(e.forMonth)}的津贴，随${monthWords(e.payMonth)}的一起发` : null,
    failureReason: state === 'failed' ? (e.failureReason ?? '银行没有发成功') : null,
    whatToDo: state === 'failed' ? FAILED_WHAT_TO_DO : null,
    paidOn: state === 'paid' ? e.paidOn : null,
  };
}
