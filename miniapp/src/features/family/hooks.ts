import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes, type AddFamilyMemberInput } from '@jianban/shared';
import { call } from '../../services/http';
import { useSession } from '../../services/session';
import { familyKeys, regionKeys, staffKeys } from './keys';

export function useFamilyMembers() {
  const { me } = useSession();
  const meId = me?.kind === 'resident' ? me.id : '';
  return useQuery({
    queryKey: familyKeys.list(meId),
    queryFn: () => call(routes.listFamilyMembers, {}),
    enabled: !!meId,
  });
}

export function useAddFamilyMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddFamilyMemberInput) => call(routes.addFamilyMember, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

export function useRegions() {
  return useQuery({
    queryKey: regionKeys.all,
    queryFn: () => call(routes.regions, {}),
    staleTime: 60 * 60_000,
  });
}

export function useCommunityElders(communityCode: string | null) {
  return useQuery({
    queryKey: staffKeys.elders(communityCode ?? ''),
    queryFn: () => call(routes.communityElders, {}, { code: communityCode as string }),
    enabled: !!communityCode,
  });
}
