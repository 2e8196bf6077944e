// the booking pages (all in subpackages)
export const BOOKING_START_PAGE = '/subpackages/booking/pages/start/index';
export const BOOKING_PERSON_PAGE = '/subpackages/booking/pages/person/index';
export const BOOKING_SLOT_PAGE = '/subpackages/booking/pages/slot/index';
export const BOOKING_CONFIRM_PAGE = '/subpackages/booking/pages/confirm/index';
export const BOOKING_PASS_PAGE = '/subpackages/booking/pages/detail/index';
export const MY_BOOKINGS_PAGE = '/subpackages/booking/pages/mine/index';

export const STAFF_DAY_PAGE = '/subpackages/staff-booking/pages/day/index';
export const STAFF_QUEUE_PAGE = '/subpackages/staff-booking/pages/queue/index';
export const STAFF_DETAIL_PAGE = '/subpackages/staff-booking/pages/detail/index';
export const STAFF_SCAN_PAGE = '/subpackages/staff-booking/pages/scan/index';
export const STAFF_WALKIN_PAGE = '/subpackages/staff-booking/pages/walk-in/index';
export const STAFF_FLAGGED_PAGE = '/subpackages/staff-booking/pages/flagged/index';
export const STAFF_EXPORT_PAGE = '/subpackages/staff-booking/pages/export/index';
export const STAFF_HOLIDAYS_PAGE = '/subpackages/staff-booking/pages/holidays/index';
export const STAFF_SETTINGS_PAGE = '/subpackages/staff-booking/pages/settings/index';
export const STAFF_CLOSURES_PAGE = '/subpackages/staff-booking/pages/closures/index';
export const STAFF_SERVICE_ITEMS_PAGE = '/subpackages/staff-booking/pages/service-items/index';

/** a page url with its query (undefined and empty values left out) */
export function pageUrl(page: string, query: Record<string, string | number | undefined | null> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}
