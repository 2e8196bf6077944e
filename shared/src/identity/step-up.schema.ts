import { z } from 'zod';
import { defineRoute } from '../route';

// staff re-enter their password before a sensitive action (routes marked `stepUp`); the server remembers it on the
// login for a few minutes
export const stepUpInput = z.strictObject({ password: z.string().min(1).max(200) });
export type StepUpInput = z.infer<typeof stepUpInput>;
export const stepUpView = z.object({ until: z.string() }); // ISO instant
export type StepUpView = z.infer<typeof stepUpView>;

export const stepUpRoutes = {
  staffStepUp: defineRoute({
    method: 'POST', path: '/auth/staff/step-up', summary: '工作人员：查看敏感信息前再输一次密码（几分钟内有效）', auth: 'staff',
    roles: ['community_staff', 'street_reviewer', 'district_admin'], input: stepUpInput, output: stepUpView,
  }),
} as const;
