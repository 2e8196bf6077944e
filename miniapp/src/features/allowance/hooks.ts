import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  routeRefs,
  type AllowanceApplicationDetailView,
  type ApplyAllowanceInput,
  type DecideAllowanceInput,
  type ResubmitAllowanceInput,
  type StaffAllowanceDetailView,
  type UpdateAllowancePolicyInput,
} from '@jianban/shared';
import { call } from '../../services/http';
import { useMeId } from '../../services/session';
import { allowanceKeys } from './keys';

export const ALLOWANCE_PAGE_SIZE = 20;
export type StaffQueueView = 'waiting' | 'mine' | 'publicity' | 'objections' | 'all';
export type ReviewStage = 'street_review' | 'district_review';

const isResident = (meId: string) => meId.startsWith('resident:');
const isStaff = (meId: string) => meId.startsWith('staff:');

// ---- residents ----

export function useAllowancePolicy() {
  return useQuery({ queryKey: allowanceKeys.policy, queryFn: () => call(routeRefs.allowancePolicy, {}), staleTime: 10 * 60_000 });
}

export function useMyAllowanceApplications(page = 1) {
  const meId = useMeId();
  return useQuery({
    queryKey: allowanceKeys.mine(meId, page),
    queryFn: () => call(routeRefs.myAllowanceApplications, { page, pageSize: ALLOWANCE_PAGE_SIZE }),
    enabled: isResident(meId),
    placeholderData: keepPreviousData,
  });
}

export function useAllowanceApplication(id: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: allowanceKeys.one(meId, id),
    queryFn: () => call(routeRefs.getAllowanceApplication, {}, { id }),
    enabled: isResident(meId) && !!id,
    // the automatic checks finish shortly after submitting: look again while they run
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'checking' || q.state.data.status === 'waiting') ? 3_000 : false),
  });
}

function useSettleApplication() {
  const qc = useQueryClient();
  const meId = useMeId();
  return (a: AllowanceApplicationDetailView) => {
    qc.setQueryData(allowanceKeys.one(meId, a.id), a);
    void qc.invalidateQueries({ queryKey: ['allowance', 'mine'] });
  };
}

export function useApplyAllowance() {
  const settle = useSettleApplication();
  return useMutation({ mutationFn: (input: ApplyAllowanceInput) => call(routeRefs.applyAllowance, input), onSuccess: settle });
}

export function useResubmitAllowance() {
  const settle = useSettleApplication();
  return useMutation({
    mutationFn: (v: { id: string; input: ResubmitAllowanceInput }) => call(routeRefs.resubmitAllowanceApplication, v.input, { id: v.id }),
    onSuccess: settle,
  });
}

/** withdraw the separate consent: before approval the application stops, after it payments stop from next month */
export function useWithdrawAllowanceConsent() {
  const settle = useSettleApplication();
  return useMutation({ mutationFn: (id: string) => call(routeRefs.withdrawAllowanceConsent, { confirmed: true }, { id }), onSuccess: settle });
}

/** a verified proxy reports the elder's death (the date); the community confirms it */
export function useReportAllowanceDeath() {
  const settle = useSettleApplication();
  return useMutation({ mutationFn: (v: { id: string; diedOn: string }) => call(routeRefs.reportAllowanceDeath, { diedOn: v.diedOn }, { id: v.id }), onSuccess: settle });
}

export function usePublicity(code: string, page = 1) {
  return useQuery({
    queryKey: allowanceKeys.publicity(code, page),
    queryFn: () => call(routeRefs.allowancePublicity, { page, pageSize: ALLOWANCE_PAGE_SIZE }, { code }),
    enabled: !!code,
    placeholderData: keepPreviousData,
  });
}

export function useRaiseObjection() {
  return useMutation({ mutationFn: (v: { id: string; reason: string }) => call(routeRefs.raiseAllowanceObjection, { reason: v.reason }, { id: v.id }) });
}

// ---- staff ----

export function useStaffAllowanceQueue(code: string | null, view: StaffQueueView, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: allowanceKeys.queue(meId, code ?? '', view, page),
    queryFn: () => call(routeRefs.staffAllowanceQueue, { view, page, pageSize: ALLOWANCE_PAGE_SIZE }, { code: code as string }),
    enabled: !!code && isStaff(meId),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useStaffAllowanceReviews(regionCode: string | null, stage: ReviewStage, page: number) {
  const meId = useMeId();
  return useQuery({
    queryKey: allowanceKeys.reviews(meId, regionCode ?? '', stage, page),
    queryFn: () => call(routeRefs.staffAllowanceReviews, { stage, page, pageSize: ALLOWANCE_PAGE_SIZE }, { code: regionCode as string }),
    enabled: !!regionCode && isStaff(meId),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useStaffAllowanceApplication(id: string) {
  const meId = useMeId();
  return useQuery({
    queryKey: allowanceKeys.staffOne(meId, id),
    queryFn: () => call(routeRefs.staffGetAllowanceApplication, {}, { id }),
    enabled: !!id && isStaff(meId),
  });
}

/** after a staff action: the answer is the new state of the application */
function useStaffSettle() {
  const qc = useQueryClient();
  const meId = useMeId();
  return (a: StaffAllowanceDetailView) => {
    qc.setQueryData(allowanceKeys.staffOne(meId, a.id), a);
    void qc.invalidateQueries({ queryKey: ['allowance', 'queue'] });
    void qc.invalidateQueries({ queryKey: ['allowance', 'reviews'] });
  };
}

export function useTakeAllowance() {
  const settle = useStaffSettle();
  return useMutation({ mutationFn: (id: string) => call(routeRefs.staffTakeAllowanceApplication, {}, { id }), onSuccess: settle });
}

export function useDecideAllowance() {
  const settle = useStaffSettle();
  return useMutation({ mutationFn: (v: { id: string; input: DecideAllowanceInput }) => call(routeRefs.staffDecideAllowance, v.input, { id: v.id }), onSuccess: settle });
}

export function useResolveObjection() {
  const settle = useStaffSettle();
  return useMutation({ mutationFn: (v: { id: string; resolution: string }) => call(routeRefs.staffResolveAllowanceObjection, { resolution: v.resolution }, { id: v.id }), onSuccess: settle });
}

export function useConfirmAllowanceDeath() {
  const settle = useStaffSettle();
  return useMutation({ mutationFn: (v: { id: string; confirmed: boolean; note?: string }) => call(routeRefs.staffConfirmAllowanceDeath, { confirmed: v.confirmed, ...(v.note ? { note: v.note } : {}) }, { id: v.id }), onSuccess: settle });
}

export function useRevealAllowanceField() {
  return useMutation({
    mutationFn: (v: { id: string; field: 'idNumber' | 'account'; reason: string }) => call(routeRefs.staffRevealAllowanceField, { field: v.field, reason: v.reason }, { id: v.id }),
  });
}

export function useUpdateAllowancePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAllowancePolicyInput) => call(routeRefs.staffUpdateAllowancePolicy, input),
    onSuccess: (p) => qc.setQueryData(allowanceKeys.policy, p),
  });
}
