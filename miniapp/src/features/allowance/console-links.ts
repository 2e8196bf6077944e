import type { ConsoleLink } from '../staff/console';
import { STAFF_ALLOWANCE_POLICY_PAGE, STAFF_ALLOWANCE_QUEUE_PAGE, STAFF_ALLOWANCE_REVIEWS_PAGE } from './pages';

/** the allowance pages in the staff 工作台 (filtered by role on 我的) */
export const ALLOWANCE_CONSOLE_LINKS: ConsoleLink[] = [
  { title: '高龄津贴：社区初审', description: '等我处理、我负责的、公示中、有异议的申请', url: STAFF_ALLOWANCE_QUEUE_PAGE, roles: ['community_staff', 'district_admin'] },
  { title: '高龄津贴：街道审核', description: '公示结束、等街道审核的申请', url: STAFF_ALLOWANCE_REVIEWS_PAGE, roles: ['street_reviewer'] },
  { title: '高龄津贴：区里审批', description: '街道审核通过、等区民政局审批的申请', url: STAFF_ALLOWANCE_REVIEWS_PAGE, roles: ['district_admin'] },
  { title: '高龄津贴：档次和金额', description: '各年龄段每月多少钱、年龄规则、生效日期（现为默认值，需确认）', url: STAFF_ALLOWANCE_POLICY_PAGE, roles: ['district_admin'] },
];
