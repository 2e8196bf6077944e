import type { ConsoleLink } from '../staff/console';
import { STAFF_DAY_PAGE, STAFF_EXPORT_PAGE, STAFF_FLAGGED_PAGE, STAFF_HOLIDAYS_PAGE, STAFF_SCAN_PAGE, STAFF_WALKIN_PAGE } from './pages';

const DESK = ['community_staff', 'street_reviewer', 'district_admin'] as const;

/** the booking pages in the staff 工作台 (filtered by role on 我的) */
export const BOOKING_CONSOLE_LINKS: ConsoleLink[] = [
  { title: '今天的预约', description: '确认、签到、办结；看办理记录', url: STAFF_DAY_PAGE, roles: DESK },
  { title: '签到', description: '扫居民的预约码，或输入预约码', url: STAFF_SCAN_PAGE, roles: DESK },
  { title: '现场登记', description: '没预约直接来的居民，登记后占用同一时段名额', url: STAFF_WALKIN_PAGE, roles: DESK },
  { title: '超时提醒', description: '太久没人确认、或过了时间还没办结的预约', url: STAFF_FLAGGED_PAGE, roles: DESK },
  { title: '节假日安排', description: '法定节假日和调休上班日；新一年的安排由区管理员录入后才能约', url: STAFF_HOLIDAYS_PAGE, roles: DESK },
  { title: '导出预约', description: '把某天或某月的预约导出成表格（Excel）', url: STAFF_EXPORT_PAGE, roles: DESK },
];
