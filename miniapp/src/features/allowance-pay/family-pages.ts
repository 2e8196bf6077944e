// the family's payments pages (subpackage), in a file of their own: the main package (消息, 我的) links to them without
// pulling in the staff pages' paths
export const PAY_FAMILY_PAGE = '/subpackages/allowance-pay/pages/payments/index';
export const PAY_INVITATION_PAGE = '/subpackages/allowance-pay/pages/invitation/index';
