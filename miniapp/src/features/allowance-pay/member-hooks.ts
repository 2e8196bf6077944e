// 我的 → 我代办的家人: what the family page shows under a verified elder (the main package imports only this file,
// member-links.ts and the page paths, so the query keys are spelled out here instead of imported from keys.ts)
import { useQuery } from '@tanstack/react-query';
import { routeRefs, type FamilyMemberView } from '@jianban/shared';
import { call } from '../../services/http';
import { useMeId } from '../../services/session';
import { memberAllowanceLinks, type MemberAllowanceLink } from './member-links';

/** the same keys as keys.ts (payKeys.family / .invitation) */
export function useMemberAllowanceLinks(m: FamilyMemberView): MemberAllowanceLink[] {
  const meId = useMeId();
  const enabled = m.verification.state === 'verified' && meId.startsWith('resident:');
  const payments = useQuery({ queryKey: ['allowance-pay', 'family', meId, m.id], queryFn: () => call(routeRefs.familyPayments, { months: 12 }, { id: m.id }), enabled });
  const invitation = useQuery({ queryKey: ['allowance-pay', 'invitation', meId, m.id], queryFn: () => call(routeRefs.enrolmentInvitation, {}, { id: m.id }), enabled });
  return memberAllowanceLinks(m.id, payments.data, invitation.data);
}
