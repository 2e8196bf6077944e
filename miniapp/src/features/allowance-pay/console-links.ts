import type { ConsoleLink } from '../staff/console';

// the payments pages in the staff 工作台 (paths written out: this file is read by the main package, keep it tiny)
export const ALLOWANCE_PAY_CONSOLE_LINKS: ConsoleLink[] = [
  { title: '高龄津贴：每月发放', description: '核算、复核、关账、下载发放名单、导入银行回盘', url: '/subpackages/staff-allowance-pay/pages/months/index', roles: ['district_admin'] },
  { title: '高龄津贴：发放统计', description: '按档次、社区、月份统计，可导出', url: '/subpackages/staff-allowance-pay/pages/figures/index', roles: ['district_admin'] },
  { title: '高龄津贴：发放设置', description: '发放周期、补发上限、升档月份（现为默认值，需确认）', url: '/subpackages/staff-allowance-pay/pages/settings/index', roles: ['district_admin'] },
  { title: '高龄津贴：领取人', description: '社区正在领取、暂停、停发的老人', url: '/subpackages/staff-allowance-pay/pages/recipients/index', roles: ['community_staff', 'district_admin'] },
  { title: '高龄津贴：待办', description: '发放失败、追缴、免申即享要联系的老人', url: '/subpackages/staff-allowance-pay/pages/tasks/index', roles: ['community_staff', 'district_admin'] },
];
