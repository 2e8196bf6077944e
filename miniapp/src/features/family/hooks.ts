import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type AddFamilyMemberInput } from '@jianban/shared';
import { call } from '../../services/http';
import { useSession } from '../../services/session';
import { familyKeys, regionKeys, staffKeys } from './keys';

export function useFamilyMembers() {
  const { me } = useSession();
  const meId = me?.kind === 'resident' ? me.id : '';
  return useQuery({
    queryKey: familyKeys.list(meId),
    queryFn: () => call(routeRefs.listFamilyMembers, {}),
    enabled: !!meId,
  });
}

export function useAddFamilyMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddFamilyMemberInput) => call(routeRefs.addFamilyMember, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

export function useRemoveFamilyMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(routeRefs.removeFamilyMember, {}, { id }),
    // also after a failure: NOT_FOUND means it is already gone, and the list should show that
    onSettled: () => qc.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

export function useRegions() {
  return useQuery({
    queryKey: regionKeys.all,
    queryFn: () => call(routeRefs.regions, {}),
    staleTime: 60 * 60_000,
  });
}

export function useCommunityElders(communityCode: string | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: staffKeys.elders(communityCode ?? '', page, pageSize),
    queryFn: () => call(routeRefs.communityElders, { page, pageSize }, { code: communityCode as string }),
    enabled: !!communityCode,
    // keep the current page on screen while the next one loads (the list does not jump to "正在读取")
    placeholderData: keepPreviousData,
  });
}
