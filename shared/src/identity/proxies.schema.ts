// who may act for whom: a resident's own real-name check (WeChat 人脸核身 or staff at the counter), and the family
// members an account acts for becoming verified proxies (same household in the registry, staff confirmation at the
// centre, or the elder's own confirmation of an invitation); revocation by the elder or staff
import { z } from 'zod';
import { defineRoute, noInput } from '../route';
import { idParams } from '../common.schema';
import { cleanText } from '../text';
import { idNumberInput, personName, proxyVerificationView } from './identity.schema';

export const realNameMethods = ['face', 'counter'] as const;
// the account holder's own identity; the name and ID number are masked
export const myVerificationView = z.object({
  verified: z.boolean(),
  method: z.enum(realNameMethods).nullable(),
  nameMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type MyVerificationView = z.infer<typeof myVerificationView>;

export const startRealNameInput = z.strictObject({ name: personName, idNumber: idNumberInput });
export type StartRealNameInput = z.infer<typeof startRealNameInput>;
// the mini-program hands verifyId to wx.requestFacialVerify, then asks for the result of checkId
export const realNameStartView = z.object({ checkId: z.string(), verifyId: z.string(), expiresAt: z.string() });

// the page the elder opens from the shared invitation
export const PROXY_INVITATION_PAGE = '/subpackages/family/pages/invite/index';

export const invitationView = z.object({
  code: z.string(),
  // the page the elder opens from the shared link
  path: z.string(),
  expiresAt: z.string(),
});
export const invitationCodeInput = z.strictObject({ code: z.string().trim().regex(/^[A-Za-z0-9_-]{16,64}$/, '邀请码不对，请让家人重新发送') });
// what the elder sees before confirming: who asks to act for whom (names masked)
export const invitationPreview = z.object({
  inviterName: z.string(),
  relationship: z.string(),
  elderNameMasked: z.string(),
  expiresAt: z.string(),
});

// the accounts acting for the signed-in elder (their own verified identity), for revoking
export const myProxyView = z.object({
  id: z.string(),
  accountName: z.string(),
  relationship: z.string(),
  verification: proxyVerificationView,
});
export const myProxyList = z.object({ items: z.array(myProxyView) });

export const staffConfirmProxyInput = z.strictObject({
  // typed from the elder's ID card at the counter: it must be the person the family member stands for
  elderIdNumber: idNumberInput,
  elderName: personName,
});
export const staffRevokeProxyInput = z.strictObject({ reason: cleanText().min(2, '请写明原因').max(200, '原因最多200个字') });
export const staffVerifyResidentInput = z.strictObject({ name: personName, idNumber: idNumberInput });
export const staffProxyResult = z.object({ id: z.string(), verification: proxyVerificationView });
const okView = z.object({ ok: z.literal(true) });

export const proxiesRoutes = {
  myVerification: defineRoute({ method: 'GET', path: '/me/verification', summary: '我的实名核验状态（脱敏）', auth: 'resident', input: noInput, output: myVerificationView }),
  startRealNameCheck: defineRoute({ method: 'POST', path: '/me/real-name-checks', summary: '本人刷脸核验：开始（返回微信人脸核身会话）', auth: 'resident', status: 201, input: startRealNameInput, output: realNameStartView }),
  finishRealNameCheck: defineRoute({ method: 'POST', path: '/me/real-name-checks/:id/result', summary: '本人刷脸核验：查询结果', auth: 'resident', input: noInput, params: idParams, output: myVerificationView }),
  checkHousehold: defineRoute({ method: 'POST', path: '/family-members/:id/household-check', summary: '用户籍登记核对是否同一户，核对上即为已核验', auth: 'resident', input: noInput, params: idParams, output: staffProxyResult }),
  createProxyInvitation: defineRoute({ method: 'POST', path: '/family-members/:id/invitations', summary: '请老人在自己微信里确认：生成一次性邀请', auth: 'resident', status: 201, input: noInput, params: idParams, output: invitationView }),
  previewProxyInvitation: defineRoute({ method: 'POST', path: '/proxy-invitations/preview', summary: '老人查看邀请（谁想为谁代办）', auth: 'resident', input: invitationCodeInput, output: invitationPreview }),
  acceptProxyInvitation: defineRoute({ method: 'POST', path: '/proxy-invitations/accept', summary: '老人（或已核验的家人）确认邀请', auth: 'resident', input: invitationCodeInput, output: okView }),
  listMyProxies: defineRoute({ method: 'GET', path: '/me/proxies', summary: '为我代办的家人（老人本人查看）', auth: 'resident', input: noInput, output: myProxyList }),
  revokeMyProxy: defineRoute({ method: 'POST', path: '/me/proxies/:id/revoke', summary: '老人撤销某位家人的代办', auth: 'resident', input: noInput, params: idParams, output: okView }),
  withdrawProxyConsent: defineRoute({ method: 'POST', path: '/me/proxies/withdraw-consent', summary: '老人撤回同意：所有家人的代办一并撤销', auth: 'resident', input: noInput, output: okView }),
  staffConfirmProxy: defineRoute({ method: 'POST', path: '/staff/proxies/:id/confirm', summary: '工作人员：看过老人身份证后确认代办关系', auth: 'staff', roles: ['community_staff', 'street_reviewer', 'district_admin'], input: staffConfirmProxyInput, params: idParams, output: staffProxyResult }),
  staffRevokeProxy: defineRoute({ method: 'POST', path: '/staff/proxies/:id/revoke', summary: '工作人员：撤销代办关系', auth: 'staff', roles: ['community_staff', 'street_reviewer', 'district_admin'], input: staffRevokeProxyInput, params: idParams, output: staffProxyResult }),
  staffVerifyResident: defineRoute({ method: 'POST', path: '/staff/residents/:id/verify', summary: '工作人员：窗口核验居民本人身份（看过身份证）', auth: 'staff', roles: ['community_staff', 'street_reviewer', 'district_admin'], input: staffVerifyResidentInput, params: idParams, output: okView }),
} as const;

// 王*国, 王*, 欧阳**华: the first and last character stay (a single character stays as it is)
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
