import type { ConsoleLink } from '../staff/console';

/** the catalog pages in the staff 工作台 (filtered by role on 我的) */
export const CATALOG_CONSOLE_LINKS: ConsoleLink[] = [];
