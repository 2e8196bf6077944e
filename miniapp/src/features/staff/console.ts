import type { StaffRole } from '@jianban/shared';
import { ALLOWANCE_CONSOLE_LINKS } from '../allowance/console-links';
import { BOOKING_CONSOLE_LINKS } from '../booking/console-links';
import { CATALOG_CONSOLE_LINKS } from '../catalog/console-links';
import { STAFF_ADMIN_CONSOLE_LINKS } from '../staff-admin/console-links';
import { ALLOWANCE_PAY_CONSOLE_LINKS } from '../allowance-pay/console-links';
import { CIVIL_AFFAIRS_CONSOLE_LINKS } from '../civil-affairs/console-links';

/** one entry of the staff 工作台 on 我的; each feature lists its own pages */
export interface ConsoleLink {
  title: string;
  description: string;
  url: string;
  roles: readonly StaffRole[];
}

export const STAFF_CONSOLE: ConsoleLink[] = [...BOOKING_CONSOLE_LINKS, ...ALLOWANCE_CONSOLE_LINKS, ...CATALOG_CONSOLE_LINKS, ...STAFF_ADMIN_CONSOLE_LINKS];
STAFF_CONSOLE.push(...ALLOWANCE_PAY_CONSOLE_LINKS); // issue 12's payment pages (own line: merges stay trivial)
STAFF_CONSOLE.push(...CIVIL_AFFAIRS_CONSOLE_LINKS); // issue 11's registry imports

export function consoleLinksFor(role: StaffRole): ConsoleLink[] {
  return STAFF_CONSOLE.filter((l) => l.roles.includes(role));
}
