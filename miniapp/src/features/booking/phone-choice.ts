// the optional phone on the booking confirm page (issue 14 item 11): pure, tested without Taro
import { contactPhone } from '@jianban/shared';

export interface PhoneChoice {
  phone: string;
  consent: boolean;
}

/** what the booking sends for a typed phone: nothing when empty, else the number with consent; or the reason it cannot */
export function readPhoneChoice(c: PhoneChoice): { ok: true; input: { contactPhone?: string; phoneConsent?: true } } | { ok: false; error: string } {
  if (!c.phone.trim()) return { ok: true, input: {} };
  const parsed = contactPhone.safeParse(c.phone);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? '手机号不对' };
  if (!c.consent) return { ok: false, error: '留电话前，请先点下面的开关，同意工作人员用这个电话联系您' };
  return { ok: true, input: { contactPhone: parsed.data, phoneConsent: true } };
}
