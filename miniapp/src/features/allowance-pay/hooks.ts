import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  routeRefs,
  type ConfirmEnrolmentInput,
  type LedgerFileInput,
  type PayTaskView,
  type UpdatePaymentSettingsInput,
} from '@jianban/shared';
import { call } from '../../services/http';
import { useMeId } from '../../services/session';
import { payKeys } from './keys';

export const PAY_PAGE_SIZE = 20;
const isResident = (meId: string) => meId.startsWith('resident:');
const isStaff = (meId: string) => meId.startsWith('staff:');

// ---- families ----

export function useFamilyPayments(memberId: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.family(meId, memberId),
    queryFn: () => call(routeRefs.familyPayments, { months: 12 }, { id: memberId }),
    enabled: isResident(meId) && !!memberId,
  });
}

export function useUpdatePaymentAccount(memberId: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  return useMutation({
    mutationFn: (account: { kind: 'bank_card' | 'social_security_card' | 'one_card'; number: string; bankName?: string }) =>
      call(routeRefs.updatePaymentAccount, { account }, { id: memberId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: payKeys.family(meId, memberId) }),
  });
}

export function useEnrolmentInvitation(memberId: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.invitation(meId, memberId),
    queryFn: () => call(routeRefs.enrolmentInvitation, {}, { id: memberId }),
    enabled: isResident(meId) && !!memberId,
  });
}

export function useConfirmEnrolment(memberId: string) {
  return useMutation({ mutationFn: (input: ConfirmEnrolmentInput) => call(routeRefs.confirmEnrolment, input, { id: memberId }) });
}

// ---- district ----

export function usePaymentSettings() {
  const meId = useMeId();
  return useQuery({ queryKey: payKeys.settings(meId), queryFn: () => call(routeRefs.paymentSettings, {}), enabled: isStaff(meId) });
}

export function useUpdatePaymentSettings() {
  const qc = useQueryClient();
  const meId = useMeId();
  return useMutation({
    mutationFn: (input: UpdatePaymentSettingsInput) => call(routeRefs.updatePaymentSettings, input),
    onSuccess: (v) => qc.setQueryData(payKeys.settings(meId), v),
  });
}

export function useLedgerMonths() {
  const meId = useMeId();
  return useQuery({ queryKey: payKeys.months(meId), queryFn: () => call(routeRefs.ledgerMonths, {}), enabled: isStaff(meId), staleTime: 0 });
}

export function useLedgerMonth(month: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.month(meId, month),
    queryFn: () => call(routeRefs.ledgerMonth, {}, { month }),
    enabled: isStaff(meId) && !!month,
    staleTime: 0,
    // a run works in chunks (possibly on several instances): look again while one is going
    refetchInterval: (q) => (q.state.data?.entitlementRun?.status === 'running' || q.state.data?.reverification?.status === 'running' ? 2_000 : false),
  });
}

function useMonthSettle(month: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  return () => {
    void qc.invalidateQueries({ queryKey: payKeys.month(meId, month) });
    void qc.invalidateQueries({ queryKey: payKeys.months(meId) });
  };
}

export function useStartEntitlementRun(month: string) {
  const settle = useMonthSettle(month);
  return useMutation({ mutationFn: () => call(routeRefs.startEntitlementRun, {}, { month }), onSuccess: settle });
}

export function useCloseMonth(month: string) {
  const settle = useMonthSettle(month);
  return useMutation({ mutationFn: (note: string) => call(routeRefs.closeLedgerMonth, note ? { note } : {}, { month }), onSuccess: settle });
}

export function useImportBankReturn(month: string) {
  const settle = useMonthSettle(month);
  return useMutation({ mutationFn: (file: LedgerFileInput) => call(routeRefs.importBankReturn, file, { month }), onSuccess: settle });
}

export function useStartReverification(month: string) {
  const settle = useMonthSettle(month);
  return useMutation({ mutationFn: () => call(routeRefs.startReverification, {}, { month }), onSuccess: settle });
}

export function useApproveReverification(month: string) {
  const settle = useMonthSettle(month);
  return useMutation({ mutationFn: (reason: string) => call(routeRefs.approveReverification, { reason }, { month }), onSuccess: settle });
}

export function useReverificationDecisions(month: string, page: number, enabled: boolean) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.decisions(meId, month, page),
    queryFn: () => call(routeRefs.reverificationDecisions, { page, pageSize: PAY_PAGE_SIZE }, { month }),
    enabled: isStaff(meId) && !!month && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useResolveOverpayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; outcome: 'recovered' | 'waived'; note: string }) => call(routeRefs.resolveOverpayment, { outcome: v.outcome, note: v.note }, { id: v.id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['allowance-pay', 'recipient'] }),
  });
}

export function useDistrictFigures(from: string, to: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.figures(meId, from, to),
    queryFn: () => call(routeRefs.districtPayFigures, { from, to }),
    enabled: isStaff(meId) && from <= to,
    placeholderData: keepPreviousData,
  });
}

// ---- community ----

export type TaskTab = PayTaskView['kind'] | 'all';

export function useCommunityPayTasks(code: string | null, kind: TaskTab, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.tasks(meId, code ?? '', kind, page),
    queryFn: () => call(routeRefs.communityPayTasks, { status: 'open', page, pageSize: PAY_PAGE_SIZE, ...(kind === 'all' ? {} : { kind }) }, { code: code as string }),
    enabled: !!code && isStaff(meId) && kind !== 'candidate',
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useResolvePayTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; resolution: string }) => call(routeRefs.resolvePayTask, { resolution: v.resolution }, { id: v.id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['allowance-pay', 'tasks'] }),
  });
}

export function useEnrolmentCandidates(code: string | null, page: number, enabled: boolean) {
  const meId = useMeId();
  return useQuery({
    queryKey: payKeys.candidates(meId, code ?? '', page),
    queryFn: () => call(routeRefs.enrolmentCandidates, { status: 'open', page, pageSize: PAY_PAGE_SIZE }, { code: code as string }),
    enabled: !!code && isStaff(meId) && enabled,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useUpdateCandidate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: 'contacted' | 'declined'; note: string }) => call(routeRefs.updateEnrolmentCandidate, { status: v.status, note: v.note }, { id: v.id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['allowance-pay', 'candidates'] }),
  });
}

export function useStaffRecipient(id: string) {
  const meId = useMeId();
  return useQuery({ queryKey: payKeys.recipient(meId, id), queryFn: () => call(routeRefs.staffPaymentRecipient, {}, { id }), enabled: isStaff(meId) && !!id });
}

export type RecipientTab = 'all' | 'active' | 'suspended' | 'stopped';

export function useStaffRecipients(code: string | null, status: RecipientTab, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: ['allowance-pay', 'recipients', meId, code ?? '', status, page],
    queryFn: () => call(routeRefs.staffPaymentRecipients, { page, pageSize: PAY_PAGE_SIZE, ...(status === 'all' ? {} : { status }) }, { code: code as string }),
    enabled: !!code && isStaff(meId),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useStaffUpdatePaymentAccount(id: string) {
  const qc = useQueryClient();
  const meId = useMeId();
  return useMutation({
    mutationFn: (v: { account: { kind: 'bank_card' | 'social_security_card' | 'one_card'; number: string; bankName?: string }; reason: string }) =>
      call(routeRefs.staffUpdatePaymentAccount, v, { id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: payKeys.recipient(meId, id) }),
  });
}

/** the district imports the payment roll of people already receiving the allowance (page 导入在册名单) */
export function useImportPaymentRoll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: LedgerFileInput) => call(routeRefs.importPaymentRoll, file),
    // newly imported recipients show in every staff list of the ledger
    onSuccess: () => qc.invalidateQueries({ queryKey: ['allowance-pay'] }),
  });
}
