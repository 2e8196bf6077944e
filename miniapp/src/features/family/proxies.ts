import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routeRefs, type StartRealNameInput } from '@jianban/shared';
import { call } from '../../services/http';
import { useSession } from '../../services/session';
import { familyKeys, staffKeys } from './keys';
import type { WxFace } from './verification';

export { faceScanAvailable, FAMILY_VERIFY_PAGE } from './verification';


export const verificationKeys = {
  all: ['verification'] as const,
  mine: (meId: string) => ['verification', 'mine', meId] as const,
};

export function useMyVerification() {
  const { me } = useSession();
  const meId = me?.kind === 'resident' ? me.id : '';
  return useQuery({ queryKey: verificationKeys.mine(meId), queryFn: () => call(routeRefs.myVerification, {}), enabled: !!meId });
}

function scanFace(verifyId: string): Promise<void> {
  const wx = (globalThis as { wx?: WxFace }).wx;
  return new Promise((resolve, reject) => {
    if (!wx?.requestFacialVerify) return reject(new Error('face check needs WeChat'));
    wx.requestFacialVerify({ verifyId, success: () => resolve(), fail: (e) => reject(new Error(e.errMsg ?? 'face check failed')) });
  });
}

/** start → WeChat's face scan → the server asks WeChat for the real result */
export function useFaceCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: StartRealNameInput) => {
      const started = await call(routeRefs.startRealNameCheck, input);
      await scanFace(started.verifyId);
      return call(routeRefs.finishRealNameCheck, {}, { id: started.checkId });
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: verificationKeys.all });
      void qc.invalidateQueries({ queryKey: familyKeys.all });
    },
  });
}

export function useHouseholdCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => call(routeRefs.checkHousehold, {}, { id: memberId }),
    onSettled: () => qc.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

export function useCreateInvitation() {
  return useMutation({ mutationFn: (memberId: string) => call(routeRefs.createProxyInvitation, {}, { id: memberId }) });
}

export function useInvitationPreview(code: string) {
  return useQuery({ queryKey: ['invitation', code], queryFn: () => call(routeRefs.previewProxyInvitation, { code }), enabled: !!code, retry: false });
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: (code: string) => call(routeRefs.acceptProxyInvitation, { code }) });
}

export function useStaffConfirmProxy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; elderIdNumber: string; elderName: string }) =>
      call(routeRefs.staffConfirmProxy, { elderIdNumber: a.elderIdNumber, elderName: a.elderName }, { id: a.id }),
    onSettled: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
