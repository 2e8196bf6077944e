import type { StaffRole } from '@jianban/shared';

export const STAFF_ROLE_TEXT: Record<StaffRole, string> = {
  community_staff: '社区工作人员',
  street_reviewer: '街道审核人员',
  district_admin: '区级管理员',
};
