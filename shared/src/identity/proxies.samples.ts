import type { Sample } from '../route-sample';
import type { proxiesRoutes } from './proxies.schema';

const ID = { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' };
const CODE = { code: 'c2FtcGxlLWludml0YXRpb24tY29kZQ' };

// test-only: the smallest valid input of each proxy route
export const PROXIES_SAMPLES: Record<keyof typeof proxiesRoutes, Sample> = {
  myVerification: { input: {} },
  startRealNameCheck: { input: { name: '王丽', idNumber: '42100319400315001X' } },
  finishRealNameCheck: { input: {}, params: ID },
  checkHousehold: { input: {}, params: ID },
  createProxyInvitation: { input: {}, params: ID },
  previewProxyInvitation: { input: CODE },
  acceptProxyInvitation: { input: CODE },
  listMyProxies: { input: {} },
  revokeMyProxy: { input: {}, params: ID },
  withdrawProxyConsent: { input: {} },
  staffConfirmProxy: { input: { elderIdNumber: '42100319400315001X', elderName: '王建国' }, params: ID },
  staffRevokeProxy: { input: { reason: '老人本人要求撤销' }, params: ID },
  staffVerifyResident: { input: { name: '王丽', idNumber: '42100319400315001X' }, params: ID },
};
