import { z } from 'zod';
import { parseIdNumber } from '../id-number';
import { shanghaiDate } from '../dates';
import { hasNoInvisible, INVISIBLE_MESSAGE, nfkc } from '../text';
import { pageMeta } from '../common.schema';
import { proxyStates, proxyVias, relationships } from './identity.texts';

export * from './identity.texts';

export const staffRoles = ['community_staff', 'street_reviewer', 'district_admin'] as const;
export const staffRole = z.enum(staffRoles);
export const regionLevels = ['district', 'street', 'community'] as const;

export const relationship = z.enum(relationships);

export const personName = z
  .string()
  .overwrite(nfkc)
  .refine(hasNoInvisible, INVISIBLE_MESSAGE)
  .trim()
  .min(2, '姓名至少2个字')
  .max(30, '姓名最多30个字')
  .regex(/^[\u3400-\u9fff\u00b7·A-Za-z\s]+$/u, '姓名只能包含汉字、字母和间隔号');

// the server checks the date against its own clock again; this is the form-side check
export const idNumberInput = z.string().max(40).superRefine((raw, ctx) => {
  const r = parseIdNumber(raw, shanghaiDate(new Date()));
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { problem: r.problem } });
});

export const wechatLoginInput = z.strictObject({ code: z.string().min(1).max(128) });
export const staffLoginInput = z.strictObject({
  // usernames compare case-insensitively on every database
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
// the mini-program sends its refresh token; the H5 build sends none (the server reads its HttpOnly cookie)
export const refreshInput = z.strictObject({ refreshToken: z.string().min(16).max(256).optional() });
export const devWechatCodeInput = z.strictObject({
  // a stable nickname for a test user; the peer maps it to a fixed openid
  user: z.string().regex(/^[a-z0-9_-]{1,32}$/).optional(),
});
export const devWechatCodeView = z.object({ code: z.string() });

export const regionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
});
export type RegionView = z.infer<typeof regionView>;

export const meView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), id: z.string(), displayName: z.string() }),
  z.object({
    kind: z.literal('staff'),
    id: z.string(),
    displayName: z.string(),
    username: z.string(),
    role: staffRole,
    region: regionView,
    // a temporary password (new account or reset) must be replaced before anything else
    mustChangePassword: z.boolean(),
  }),
]);
export type MeView = z.infer<typeof meView>;

export const sessionView = z.object({
  token: z.string(),
  expiresAt: z.string(),
  // absent for the H5 build: it went into an HttpOnly cookie scoped to the refresh route instead
  refreshToken: z.string().optional(),
  refreshExpiresAt: z.string(),
  me: meView,
});
export type SessionView = z.infer<typeof sessionView>;

// what a resident calls themself in the app (WeChat no longer hands out nicknames); shown on 我的 and to staff
export const updateMeInput = z.strictObject({
  displayName: z.string().overwrite(nfkc).trim().refine(hasNoInvisible, INVISIBLE_MESSAGE).min(1, '请填写称呼').max(20, '称呼最多20个字').regex(/^[^<>\u0000-\u001f]+$/u, '称呼里不能有特殊符号'),
});
export type UpdateMeInput = z.infer<typeof updateMeInput>;

export const addFamilyMemberInput = z.strictObject({
  name: personName,
  idNumber: idNumberInput,
  relationship,
  communityCode: z.string().regex(/^\d{6,12}$/, '请选择所在社区'),
});
export type AddFamilyMemberInput = z.infer<typeof addFamilyMemberInput>;


// a family member's standing: whether this account may act for them where it matters (the allowance)
export const proxyVerificationView = z.object({
  state: z.enum(proxyStates),
  via: z.enum(proxyVias).nullable(),
  verifiedAt: z.string().nullable(),
});
export type ProxyVerificationView = z.infer<typeof proxyVerificationView>;

export const familyMemberView = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  relationship,
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  community: regionView,
  createdAt: z.string(),
  verification: proxyVerificationView,
});
export type FamilyMemberView = z.infer<typeof familyMemberView>;
export const familyMemberList = z.object({ items: z.array(familyMemberView), limit: z.number().int() });

// an account acting for an elder, as staff see it: masked, with its verification
export const elderProxyView = z.object({
  // the family-member id (staff confirm or revoke the relation through it)
  id: z.string(),
  accountId: z.string(),
  accountNameMasked: z.string(),
  // the name this account typed for the elder: shown as the family's words, never as the elder's name
  enteredName: z.string(),
  relationship,
  accountVerified: z.boolean(),
  verification: proxyVerificationView,
});
export const elderNameSources = ['registry', 'verified', 'family'] as const;
export const elderView = z.object({
  id: z.string(),
  // the registry's name when the registry has the person; else the name staff or the registry verified; else what a
  // family typed (nameSource 'family': unchecked)
  name: z.string(),
  nameSource: z.enum(elderNameSources),
  proxies: z.array(elderProxyView),
  idNumberMasked: z.string(),
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  community: regionView,
});
export const elderList = z.object({ items: z.array(elderView), ...pageMeta });
export const regionList = z.object({ items: z.array(regionView) });
