import type { SearchServiceId } from '@jianban/shared';
import { ALLOWANCE_HOME_PAGE } from '../allowance/pages';

// where the catalog pages live (subpackages: the main package only links to them)
export const CATALOG_PAGES = {
  item: '/subpackages/catalog/pages/item/index',
  report: '/subpackages/catalog/pages/report/index',
  myReports: '/subpackages/catalog/pages/my-reports/index',
  workLists: '/subpackages/catalog/pages/work-lists/index',
  staffItems: '/subpackages/staff-catalog/pages/items/index',
  staffEdit: '/subpackages/staff-catalog/pages/edit/index',
  staffNew: '/subpackages/staff-catalog/pages/new/index',
  staffProposals: '/subpackages/staff-catalog/pages/proposals/index',
  staffReports: '/subpackages/staff-catalog/pages/reports/index',
  staffBoard: '/subpackages/staff-catalog/pages/board/index',
  staffWorkLists: '/subpackages/staff-catalog/pages/work-lists/index',
  staffServiceWords: '/subpackages/staff-catalog/pages/service-words/index',
  staffDepartments: '/subpackages/staff-catalog/pages/departments/index',
} as const;

// built by the booking feature; ?catalogCode=… says what the visit is for
export const BOOKING_START = '/subpackages/booking/pages/start/index';

// each service a search can answer with has its own page (the existing one where it exists)
export const SERVICE_PAGES: Record<SearchServiceId, string> = {
  allowance: ALLOWANCE_HOME_PAGE,
  booking: BOOKING_START,
  'demand-report': '/subpackages/catalog/pages/report/index',
  'work-lists': '/subpackages/catalog/pages/work-lists/index',
};

function query(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function pageUrl(page: keyof typeof CATALOG_PAGES, params: Record<string, string | undefined> = {}): string {
  return CATALOG_PAGES[page] + query(params);
}

export function itemUrl(code: string, community?: string): string {
  return pageUrl('item', { code, community });
}

export function bookingUrl(code: string): string {
  return BOOKING_START + query({ catalogCode: code });
}

/** a page parameter as given in the URL (Taro hands them over still encoded on some platforms) */
export function param(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
