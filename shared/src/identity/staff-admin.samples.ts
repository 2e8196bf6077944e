import type { Sample } from '../route-sample';
import type { staffAdminRoutes } from './staff-admin.schema';

const ID = { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' };

// test-only: the smallest valid input of each staff-account route
export const STAFF_ADMIN_SAMPLES: Record<keyof typeof staffAdminRoutes, Sample> = {
  listStaffAccounts: { input: {} },
  getStaffAccount: { input: {}, params: ID },
  createStaffAccount: { input: { username: 'wangli', displayName: '王丽', role: 'community_staff', regionCode: '421003003003' } },
  updateStaffAccount: { input: { displayName: '王丽' }, params: ID },
  setStaffAccountActive: { input: { active: false }, params: ID },
  resetStaffPassword: { input: {}, params: ID },
  changeOwnPassword: { input: { currentPassword: 'x', newPassword: 'plum-tree-by-the-gate' } },
};
