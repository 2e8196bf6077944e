import type { CatalogErrorCode } from '@jianban/shared';

/** plain-Chinese messages for the catalog module's error codes (exhaustive) */
export const CATALOG_MESSAGES: Record<(typeof CatalogErrorCode)[keyof typeof CatalogErrorCode], string> = {
  CATALOG_ITEM_NOT_FOUND: '没有找到这个证明事项，请回到清单重新选择',
  CATALOG_COMMUNITY_NOT_FOUND: '没有找到这个社区，请重新选择',
  CATALOG_VERSION_CONFLICT: '这个事项刚被别人改过了，请刷新后再修改',
  CATALOG_PROPOSAL_REQUIRED: '区里的事项请用“提出修改建议”，由区管理员审核',
  CATALOG_PROPOSAL_NOT_FOUND: '没有找到这条修改建议',
  CATALOG_PROPOSAL_DECIDED: '这条修改建议已经处理过了',
  CATALOG_PROPOSAL_EMPTY: '没有改动任何内容，请修改后再提交',
  CATALOG_ITEM_NAME_TAKEN: '本社区已经有同名的事项了',
  CATALOG_DEMAND_REPORT_NOT_FOUND: '没有找到这条反映',
  CATALOG_DEMAND_ITEM_ISSUABLE: '这个证明社区可以开具，不需要反映。可以直接到社区办理',
  CATALOG_DEMAND_DATE_IN_FUTURE: '日期不能晚于今天，请重新选择',
  CATALOG_WORK_LIST_VERSION_CONFLICT: '这张清单刚被别人改过了，请刷新后再修改',
  CATALOG_NOTICE_FONT_MISSING: '服务器缺少中文字体，暂时不能生成公示牌，请联系技术人员',
};
