import type { ConsoleLink } from '../staff/console';
import {
  STAFF_CLOSURES_PAGE,
  STAFF_DAY_PAGE,
  STAFF_EXPORT_PAGE,
  STAFF_FLAGGED_PAGE,
  STAFF_HOLIDAYS_PAGE,
  STAFF_QUEUE_PAGE,
  STAFF_SCAN_PAGE,
  STAFF_SERVICE_ITEMS_PAGE,
  STAFF_SETTINGS_PAGE,
  STAFF_WALKIN_PAGE,
} from './pages';

const DESK = ['community_staff', 'street_reviewer', 'district_admin'] as const;

/** the booking pages in the staff 工作台 (filtered by role on 我的) */
export const BOOKING_CONSOLE_LINKS: ConsoleLink[] = [
  { title: '待确认的预约', description: '所有日子里还没确认的预约，和我负责的、转给我的', url: STAFF_QUEUE_PAGE, roles: DESK },
  { title: '今天的预约', description: '确认、签到、办结；看办理记录', url: STAFF_DAY_PAGE, roles: DESK },
  { title: '签到', description: '扫居民的预约码，或输入预约码', url: STAFF_SCAN_PAGE, roles: DESK },
  { title: '现场登记', description: '没预约直接来的居民，登记后占用同一时段名额', url: STAFF_WALKIN_PAGE, roles: DESK },
  { title: '超时提醒', description: '太久没人确认、或过了时间还没办结的预约', url: STAFF_FLAGGED_PAGE, roles: DESK },
  { title: '开放时间和窗口', description: '每周几点开门、每个时段多长、几个综合服务岗、能提前几天约、社区负责人', url: STAFF_SETTINGS_PAGE, roles: DESK },
  { title: '临时闭馆', description: '社区活动、停电等某一天不开门：设好后居民约不了这天', url: STAFF_CLOSURES_PAGE, roles: DESK },
  { title: '服务事项', description: '居民能约哪些事、大约多久、要带什么材料；新增、修改或停用', url: STAFF_SERVICE_ITEMS_PAGE, roles: DESK },
  { title: '节假日安排', description: '法定节假日和调休上班日；新一年的安排由区管理员录入后才能约', url: STAFF_HOLIDAYS_PAGE, roles: DESK },
  { title: '导出预约', description: '把某天或某月的预约导出成表格（Excel）', url: STAFF_EXPORT_PAGE, roles: DESK },
];
