import type { ConsoleLink } from '../staff/console';

// the registry pages in the staff 工作台 (paths written out: this file is read by the main package, keep it tiny)
export const CIVIL_AFFAIRS_CONSOLE_LINKS: ConsoleLink[] = [
  { title: '户籍数据导入', description: '上传户籍、死亡、迁出数据，下载校验报告', url: '/subpackages/staff-registry/pages/imports/index', roles: ['district_admin'] },
];
