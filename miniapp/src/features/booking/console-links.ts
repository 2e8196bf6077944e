import type { ConsoleLink } from '../staff/console';

/** the booking pages in the staff 工作台 (filtered by role on 我的) */
export const BOOKING_CONSOLE_LINKS: ConsoleLink[] = [];
