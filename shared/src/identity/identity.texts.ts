// Family relationships and proxy standings with their Chinese texts, without zod: the mini-program's first screens
// (我的, the family list) show these, and importing them from the schema module would bring zod into the main package.
export const relationships = ['self', 'parent', 'spouse', 'grandparent', 'parent_in_law', 'other'] as const;
export const RELATIONSHIP_TEXT: Record<(typeof relationships)[number], string> = {
  self: '本人',
  parent: '父母',
  spouse: '配偶',
  grandparent: '祖父母/外祖父母',
  parent_in_law: '岳父母/公婆',
  other: '其他亲属',
};

export const proxyStates = ['unverified', 'verified', 'revoked'] as const;
export const proxyVias = ['household', 'staff', 'invitation'] as const;
export const PROXY_STATE_TEXT: Record<(typeof proxyStates)[number], string> = { unverified: '未核验', verified: '已核验', revoked: '已撤销' };
export const PROXY_VIA_TEXT: Record<(typeof proxyVias)[number], string> = {
  household: '户籍登记在同一户',
  staff: '社区服务中心核验',
  invitation: '老人在自己微信里确认',
};
