// The four-screen application as pure functions (tested without Taro): what each screen checks before the next one,
// and the one request the last screen sends. The account number and phone never go into a page URL.
import {
  ALLOWANCE_CONSENT_VERSION,
  allowanceAccountInput,
  applyAllowanceInput,
  mobilePhone,
  resubmitAllowanceInput,
  type ApplyAllowanceInput,
  type ResubmitAllowanceInput,
} from '@jianban/shared';

export type AccountKind = ApplyAllowanceInput['account']['kind'];
export type ConsentBasis = ApplyAllowanceInput['consent']['basis'];

export interface ApplyDraft {
  familyMemberId: string;
  elderName: string;
  basis: ConsentBasis | '';
  agreed: boolean;
  accountKind: AccountKind | '';
  accountNumber: string;
  bankName: string;
  phone: string;
}

export const EMPTY_DRAFT: ApplyDraft = { familyMemberId: '', elderName: '', basis: '', agreed: false, accountKind: '', accountNumber: '', bankName: '', phone: '' };

// who agrees, in plain words (the proxy's authorisation is confirmed by staff, never by the app)
export const CONSENT_BASIS_OPTIONS: readonly { value: ConsentBasis; label: string }[] = [
  { value: 'elder_self', label: '老人自己看过，同意办理' },
  { value: 'proxy_entrusted', label: '老人委托我替他（她）办理' },
  { value: 'guardian', label: '我是老人的监护人' },
];

export const ACCOUNT_KIND_OPTIONS: readonly { value: AccountKind; label: string }[] = [
  { value: 'bank_card', label: '银行卡或存折' },
  { value: 'social_security_card', label: '社保卡' },
  { value: 'one_card', label: '惠民惠农一卡通' },
];

export type Step = 'elder' | 'consent' | 'account';
export type StepCheck<T> = { ok: true; value: T } | { ok: false; step: Step; errors: Partial<Record<string, string>> };

export function checkElder(d: ApplyDraft): StepCheck<string> {
  return d.familyMemberId ? { ok: true, value: d.familyMemberId } : { ok: false, step: 'elder', errors: { elder: '请选择为哪位老人申请' } };
}

/** the consent screen: who agrees, and the agreement itself — nothing is sent without it */
export function checkConsent(d: ApplyDraft): StepCheck<ApplyAllowanceInput['consent']> {
  const errors: Record<string, string> = {};
  if (!d.basis) errors.basis = '请选择是谁同意';
  if (!d.agreed) errors.agreed = '请先读完上面的说明，并点“我已读懂，同意”';
  if (!d.basis || !d.agreed) return { ok: false, step: 'consent', errors };
  return { ok: true, value: { version: ALLOWANCE_CONSENT_VERSION, agreed: true, basis: d.basis } };
}

export function checkAccount(d: ApplyDraft): StepCheck<{ account: ApplyAllowanceInput['account']; phone: string }> {
  const errors: Record<string, string> = {};
  const bankName = d.bankName.trim();
  const account = allowanceAccountInput.safeParse({ kind: d.accountKind || undefined, number: d.accountNumber, ...(bankName ? { bankName } : {}) });
  const phone = mobilePhone.safeParse(d.phone);
  if (!d.accountKind) errors.accountKind = '请选择用哪种卡收钱';
  if (!account.success) {
    for (const issue of account.error.issues) {
      const field = issue.path[0] === 'bankName' ? 'bankName' : issue.path[0] === 'kind' ? 'accountKind' : 'accountNumber';
      if (field === 'accountKind' && errors.accountKind) continue;
      errors[field] ??= field === 'accountNumber' && !d.accountNumber.trim() ? '请填写卡号' : issue.message;
    }
  }
  if (!phone.success) errors.phone = d.phone.trim() ? (phone.error.issues[0]?.message ?? '请填写11位手机号') : '请填写联系电话';
  if (!account.success || !phone.success) return { ok: false, step: 'account', errors };
  return { ok: true, value: { account: account.data, phone: phone.data } };
}

/** the request of the last screen, or the first screen that still needs something */
export function buildApplyInput(d: ApplyDraft, idempotencyKey: string): { ok: true; input: ApplyAllowanceInput } | { ok: false; step: Step; errors: Partial<Record<string, string>> } {
  const elder = checkElder(d);
  if (!elder.ok) return elder;
  const consent = checkConsent(d);
  if (!consent.ok) return consent;
  const account = checkAccount(d);
  if (!account.ok) return account;
  const input = applyAllowanceInput.parse({ familyMemberId: elder.value, consent: consent.value, account: account.value.account, phone: account.value.phone, idempotencyKey });
  return { ok: true, input };
}

/** an account number as shown anywhere in the app: only the last four digits, said the way banks say it (尾号5678) */
export function maskAccount(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 8) return '尾号****';
  return `尾号${digits.slice(-4)}`;
}

/** the server's masked account (**** **** 5678) said the same way as on the review screen: 尾号5678 */
export function lastFourText(masked: string): string {
  const m = /(\d{4})\s*$/.exec(masked);
  return m ? `尾号${m[1]}` : masked;
}

/** a phone number as shown: 138****5678 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length !== 11) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// ---- correct and resubmit (after a failed check, or when staff asked for more) ----

export interface ResubmitForm {
  elderName: string;
  accountKind: AccountKind | '';
  accountNumber: string;
  bankName: string;
  phone: string;
  note: string;
}
export const EMPTY_RESUBMIT: ResubmitForm = { elderName: '', accountKind: '', accountNumber: '', bankName: '', phone: '', note: '' };

/** only what was filled in changes; a new account needs its kind and number together */
export function buildResubmit(f: ResubmitForm): { ok: true; input: ResubmitAllowanceInput } | { ok: false; errors: Partial<Record<string, string>> } {
  const errors: Record<string, string> = {};
  const raw: Record<string, unknown> = {};
  if (f.elderName.trim()) raw.elderName = f.elderName.trim();
  if (f.accountKind || f.accountNumber.trim()) {
    if (!f.accountKind) errors.accountKind = '请选择用哪种卡收钱';
    if (!f.accountNumber.trim()) errors.accountNumber = '请填写卡号';
    raw.account = { kind: f.accountKind || undefined, number: f.accountNumber, ...(f.bankName.trim() ? { bankName: f.bankName.trim() } : {}) };
  }
  if (f.phone.trim()) raw.phone = f.phone;
  if (f.note.trim()) raw.note = f.note.trim();
  if (Object.keys(raw).length === 0) return { ok: false, errors: { form: '请改正或补充至少一项，再重新提交' } };
  const parsed = resubmitAllowanceInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, sub] = issue.path;
      const field = top === 'account' ? (sub === 'kind' ? 'accountKind' : sub === 'bankName' ? 'bankName' : 'accountNumber') : String(top);
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}
