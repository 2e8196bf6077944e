// staff accounts for the whole district: the district admin creates, re-assigns, deactivates and resets them;
// street reviewers read their street's staff; every change is audited
import { z } from 'zod';
import { defineRoute, noInput } from '../route';
import { idParams, MAX_PAGE_SIZE, pageMeta } from '../common.schema';
import { personName, regionView, staffRole } from './identity.schema';

export const STAFF_ROLE_TEXT: Record<z.infer<typeof staffRole>, string> = {
  community_staff: '社区工作人员',
  street_reviewer: '街道审核人员',
  district_admin: '区级管理员',
};
// each role works at one level of the region tree
export const STAFF_ROLE_LEVEL = { community_staff: 'community', street_reviewer: 'street', district_admin: 'district' } as const;

export const staffUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名用3到32位小写字母、数字、点、下划线或短横线，以字母开头');

// a password a staff member sets for themself: long enough to resist guessing, not the username
export const STAFF_PASSWORD_MIN = 10;
export const staffNewPassword = z
  .string()
  .min(STAFF_PASSWORD_MIN, `新密码至少${STAFF_PASSWORD_MIN}位`)
  .max(128, '新密码最多128位')
  .refine((v) => /\S/.test(v) && new Set(v).size >= 4, '新密码太简单了，请换一个');

export const staffAccountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRole,
  region: regionView,
  active: z.boolean(),
  // the staff member still has to replace a temporary password
  mustChangePassword: z.boolean(),
  wechatBound: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffAccountView = z.infer<typeof staffAccountView>;

export const staffAccountsQuery = z.strictObject({
  q: z.string().trim().max(32).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type StaffAccountsQuery = z.infer<typeof staffAccountsQuery>;
export const staffAccountList = z.object({ items: z.array(staffAccountView), ...pageMeta });

const regionCode = z.string().regex(/^\d{6,12}$/, '请选择工作的地方');
export const createStaffInput = z.strictObject({
  username: staffUsername,
  displayName: personName,
  role: staffRole,
  regionCode,
});
export type CreateStaffInput = z.infer<typeof createStaffInput>;

export const updateStaffInput = z
  .strictObject({ displayName: personName.optional(), role: staffRole.optional(), regionCode: regionCode.optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), '没有要改的内容');
export type UpdateStaffInput = z.infer<typeof updateStaffInput>;

export const setStaffActiveInput = z.strictObject({ active: z.boolean() });

// shown once to the district admin, who hands it over in person; the staff member must replace it at first login
export const staffWithPasswordView = z.object({ account: staffAccountView, temporaryPassword: z.string() });

export const staffAuditActions = ['create', 'update', 'deactivate', 'activate', 'reset_password', 'change_password'] as const;
export const STAFF_AUDIT_TEXT: Record<(typeof staffAuditActions)[number], string> = {
  create: '建立账号',
  update: '修改',
  deactivate: '停用',
  activate: '重新启用',
  reset_password: '重置密码',
  change_password: '本人改了密码',
};
export const staffAuditView = z.object({
  at: z.string(),
  action: z.enum(staffAuditActions),
  // who did it: a name, never an id
  actorName: z.string(),
  // what changed, written out (e.g. "岗位：社区工作人员 → 街道审核人员")
  changes: z.array(z.string()),
});
export const staffAccountDetail = z.object({ account: staffAccountView, audit: z.array(staffAuditView) });
export type StaffAccountDetail = z.infer<typeof staffAccountDetail>;

export const changeOwnPasswordInput = z.strictObject({
  currentPassword: z.string().min(1, '请填写现在的密码').max(256),
  newPassword: staffNewPassword,
});
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordInput>;

const admin = ['district_admin'] as const;
const readers = ['street_reviewer', 'district_admin'] as const;
const ok = z.object({ ok: z.literal(true) });

export const staffAdminRoutes = {
  listStaffAccounts: defineRoute({ method: 'GET', path: '/staff/accounts', summary: '工作人员账号：区管理员看全区，街道审核人员看本街道', auth: 'staff', roles: readers, input: staffAccountsQuery, output: staffAccountList }),
  getStaffAccount: defineRoute({ method: 'GET', path: '/staff/accounts/:id', summary: '一个工作人员账号和它的变更记录', auth: 'staff', roles: readers, input: noInput, params: idParams, output: staffAccountDetail }),
  createStaffAccount: defineRoute({ method: 'POST', path: '/staff/accounts', summary: '区管理员：新建工作人员账号（给出一次性临时密码）', auth: 'staff', roles: admin, status: 201, input: createStaffInput, output: staffWithPasswordView }),
  updateStaffAccount: defineRoute({ method: 'PATCH', path: '/staff/accounts/:id', summary: '区管理员：改工作人员的姓名、岗位或负责的地方', auth: 'staff', roles: admin, input: updateStaffInput, params: idParams, output: staffAccountView }),
  setStaffAccountActive: defineRoute({ method: 'POST', path: '/staff/accounts/:id/active', summary: '区管理员：停用或重新启用工作人员账号', auth: 'staff', roles: admin, input: setStaffActiveInput, params: idParams, output: staffAccountView }),
  resetStaffPassword: defineRoute({ method: 'POST', path: '/staff/accounts/:id/password-reset', summary: '区管理员：重置工作人员密码（一次性临时密码，下次登录须改）', auth: 'staff', roles: admin, input: noInput, params: idParams, output: staffWithPasswordView }),
  changeOwnPassword: defineRoute({ method: 'POST', path: '/auth/staff/password', summary: '工作人员：改自己的密码', auth: 'staff', whileTemporaryPassword: true, roles: ['community_staff', 'street_reviewer', 'district_admin'], input: changeOwnPasswordInput, output: ok }),
} as const;
