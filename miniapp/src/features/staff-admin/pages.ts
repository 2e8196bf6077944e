// the staff-account pages (subpackage staff-admin)
export const STAFF_ACCOUNTS_PAGE = '/subpackages/staff-admin/pages/accounts/index';
export const STAFF_ACCOUNT_PAGE = '/subpackages/staff-admin/pages/account/index';
export const STAFF_ACCOUNT_EDIT_PAGE = '/subpackages/staff-admin/pages/edit/index';
export const STAFF_PASSWORD_PAGE = '/subpackages/staff-admin/pages/password/index';
export const REGION_HOLDS_PAGE = '/subpackages/staff-admin/pages/region-holds/index';
