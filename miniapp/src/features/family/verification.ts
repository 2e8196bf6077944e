import { PROXY_VIA_TEXT, type FamilyMemberView } from '@jianban/shared';

// the 核验代办 screen (subpackage): pages in the main package link to it without loading its hooks
export const FAMILY_VERIFY_PAGE = '/subpackages/family/pages/verify/index';

/** 已核验 / 未核验 / 已撤销, in plain words: what it means and what to do */
export function verificationText(m: FamilyMemberView): { label: string; tone: 'ok' | 'todo' | 'stopped'; explain: string } {
  const v = m.verification;
  if (v.state === 'verified') return { label: '已核验', tone: 'ok', explain: v.via ? PROXY_VIA_TEXT[v.via] : '' };
  if (v.state === 'revoked') return { label: '已撤销', tone: 'stopped', explain: '老人或工作人员撤销了代办。要恢复，请带老人的身份证到社区服务中心。' };
  return { label: '未核验', tone: 'todo', explain: '预约办事不受影响。替老人申请高龄津贴前，需要先核验。' };
}

export interface WxFace {
  requestFacialVerify?: (o: { verifyId: string; success: () => void; fail: (e: { errMsg?: string }) => void }) => void;
}

/** the face scan itself: WeChat's own screen (weapp only; the H5 build has no camera check) */
export function faceScanAvailable(): boolean {
  const wx = (globalThis as { wx?: WxFace }).wx;
  return process.env.TARO_ENV === 'weapp' && typeof wx?.requestFacialVerify === 'function';
}

