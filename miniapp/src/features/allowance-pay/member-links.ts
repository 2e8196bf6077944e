// the links under an elder on 我的 → 我代办的家人 (pure; the main package imports only this and the page paths)
import { PAY_FAMILY_PAGE, PAY_INVITATION_PAGE } from './family-pages';

export interface MemberAllowanceLink {
  label: string;
  url: string;
}

const withMember = (page: string, memberId: string) => `${page}?memberId=${encodeURIComponent(memberId)}`;

/**
 * 每月发放 when the elder is (or was) a recipient — payments, suspension or stop all show there; the invitation while
 * one is open (免申即享). Nothing while the answers are not there yet, or for a member the account cannot act for.
 */
export function memberAllowanceLinks(
  memberId: string,
  payments: { status: string | null } | undefined,
  invitation: { invitation: unknown } | undefined,
): MemberAllowanceLink[] {
  const out: MemberAllowanceLink[] = [];
  if (payments?.status) out.push({ label: '高龄津贴：每月发放', url: withMember(PAY_FAMILY_PAGE, memberId) });
  if (invitation?.invitation) out.push({ label: '高龄津贴：去确认领取', url: withMember(PAY_INVITATION_PAGE, memberId) });
  return out;
}
