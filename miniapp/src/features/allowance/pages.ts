// the allowance pages (all in subpackages: the main package only links to them)
export const ALLOWANCE_HOME_PAGE = '/subpackages/allowance/pages/index/index';
export const ALLOWANCE_ELDER_PAGE = '/subpackages/allowance/pages/elder/index';
export const ALLOWANCE_CONSENT_PAGE = '/subpackages/allowance/pages/consent/index';
export const ALLOWANCE_ACCOUNT_PAGE = '/subpackages/allowance/pages/account/index';
export const ALLOWANCE_REVIEW_PAGE = '/subpackages/allowance/pages/review/index';
export const ALLOWANCE_STATUS_PAGE = '/subpackages/allowance/pages/status/index';
export const ALLOWANCE_PUBLICITY_PAGE = '/subpackages/allowance/pages/publicity/index';

export const STAFF_ALLOWANCE_QUEUE_PAGE = '/subpackages/staff-allowance/pages/queue/index';
export const STAFF_ALLOWANCE_REVIEWS_PAGE = '/subpackages/staff-allowance/pages/reviews/index';
export const STAFF_ALLOWANCE_DETAIL_PAGE = '/subpackages/staff-allowance/pages/detail/index';
export const STAFF_ALLOWANCE_POLICY_PAGE = '/subpackages/staff-allowance/pages/policy/index';

/** a page url with its query (undefined and empty values left out) */
export function allowanceUrl(page: string, query: Record<string, string | undefined | null> = {}): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}
