// staff accounts: what the staff-admin pages send to the API
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type ChangeOwnPasswordInput, type CreateStaffInput, type StaffAccountsQuery, type UpdateStaffInput } from '@jianban/shared';
import { call } from '../../services/http';
import { replaceMe, useMeId } from '../../services/session';

const keys = {
  all: ['staff-admin'] as const,
  list: (meId: string, q: StaffAccountsQuery) => ['staff-admin', meId, 'list', q] as const,
  one: (meId: string, id: string) => ['staff-admin', meId, 'one', id] as const,
};

export function useStaffAccounts(q: StaffAccountsQuery) {
  const meId = useMeId();
  return useQuery({ queryKey: keys.list(meId, q), queryFn: () => call(routeRefs.listStaffAccounts, q), enabled: !!meId, placeholderData: keepPreviousData });
}

export function useStaffAccount(id: string) {
  const meId = useMeId();
  return useQuery({ queryKey: keys.one(meId, id), queryFn: () => call(routeRefs.getStaffAccount, {}, { id }), enabled: !!meId && !!id });
}

function useChange<I, O>(send: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSettled: () => qc.invalidateQueries({ queryKey: keys.all }) });
}

export const useCreateStaff = () => useChange((input: CreateStaffInput) => call(routeRefs.createStaffAccount, input));
export const useUpdateStaff = (id: string) => useChange((input: UpdateStaffInput) => call(routeRefs.updateStaffAccount, input, { id }));
export const useSetStaffActive = (id: string) => useChange((active: boolean) => call(routeRefs.setStaffAccountActive, { active }, { id }));
export const useResetStaffPassword = (id: string) => useChange(() => call(routeRefs.resetStaffPassword, {}, { id }));

/** replaces the signed-in staff member's own password, then reads who they are again (the temporary-password mark is gone) */
export async function changeOwnPassword(input: ChangeOwnPasswordInput): Promise<void> {
  await call(routeRefs.changeOwnPassword, input);
  replaceMe(await call(routeRefs.me, {}));
}
