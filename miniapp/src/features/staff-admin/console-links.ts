import type { ConsoleLink } from '../staff/console';
import { STAFF_ACCOUNTS_PAGE, STAFF_PASSWORD_PAGE } from './pages';

/** the staff-account pages in the staff 工作台 (filtered by role on 我的) */
export const STAFF_ADMIN_CONSOLE_LINKS: ConsoleLink[] = [
  { title: '工作人员账号', description: '新建、调岗、停用账号，重置密码；看每次改动的记录', url: STAFF_ACCOUNTS_PAGE, roles: ['district_admin'] },
  { title: '本街道的工作人员', description: '本街道和各社区工作人员的账号', url: STAFF_ACCOUNTS_PAGE, roles: ['street_reviewer'] },
  { title: '改我的密码', description: '换一个只有自己知道的密码', url: STAFF_PASSWORD_PAGE, roles: ['community_staff', 'street_reviewer', 'district_admin'] },
];
