import type { ConsoleLink } from '../staff/console';
import { CATALOG_PAGES } from './urls';

/** the catalog pages in the staff 工作台 (filtered by role on 我的) */
export const CATALOG_CONSOLE_LINKS: ConsoleLink[] = [
  {
    title: '证明事项清单',
    description: '查看和修改两张清单里的事项，看修改记录',
    url: CATALOG_PAGES.staffItems,
    roles: ['district_admin', 'community_staff', 'street_reviewer'],
  },
  {
    title: '修改建议',
    description: '社区和街道提的修改建议：采纳或退回',
    url: CATALOG_PAGES.staffProposals,
    roles: ['district_admin'],
  },
  {
    title: '我提的修改建议',
    description: '看区里有没有采纳',
    url: CATALOG_PAGES.staffProposals,
    roles: ['community_staff', 'street_reviewer'],
  },
  {
    title: '居民反映',
    description: '有人要居民开社区不再开具的证明：核实和处理',
    url: CATALOG_PAGES.staffReports,
    roles: ['district_admin'],
  },
  {
    title: '修改工作清单',
    description: '主责清单、协助清单、负面清单：录入荆州区正式公布的内容',
    url: CATALOG_PAGES.staffWorkLists,
    roles: ['district_admin'],
  },
  {
    title: '下载门口公示牌',
    description: '两张清单和替代途径，打印后贴在社区门口',
    url: CATALOG_PAGES.staffBoard,
    roles: ['district_admin', 'street_reviewer', 'community_staff'],
  },
  {
    title: '搜索里的服务用词',
    description: '居民说到哪些词会看到高龄津贴、预约办事等服务；区管理员可以修改',
    url: CATALOG_PAGES.staffServiceWords,
    roles: ['district_admin', 'community_staff', 'street_reviewer'],
  },
  {
    title: '部门名录',
    description: '替代途径指向的部门：填写地址、电话、办公时间，核对后标明',
    url: CATALOG_PAGES.staffDepartments,
    roles: ['district_admin'],
  },
];
