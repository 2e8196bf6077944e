// the payments pages (issue 12), all in their own subpackages: the main package only links to them
export { PAY_FAMILY_PAGE, PAY_INVITATION_PAGE } from './family-pages';

export const STAFF_PAY_MONTHS_PAGE = '/subpackages/staff-allowance-pay/pages/months/index';
export const STAFF_PAY_FIGURES_PAGE = '/subpackages/staff-allowance-pay/pages/figures/index';
export const STAFF_PAY_TASKS_PAGE = '/subpackages/staff-allowance-pay/pages/tasks/index';
export const STAFF_PAY_SETTINGS_PAGE = '/subpackages/staff-allowance-pay/pages/settings/index';
export const STAFF_PAY_RECIPIENT_PAGE = '/subpackages/staff-allowance-pay/pages/recipient/index';
export const STAFF_PAY_RECIPIENTS_PAGE = '/subpackages/staff-allowance-pay/pages/recipients/index';
