// error codes owned by the catalog module; merged into ErrorCode in ../errors.ts
export const CatalogErrorCode = {
  ItemNotFound: 'CATALOG_ITEM_NOT_FOUND', // 404: no such item (or a community item outside the caller's scope)
  CommunityNotFound: 'CATALOG_COMMUNITY_NOT_FOUND', // 404: unknown community code (or outside the caller's scope)
  VersionConflict: 'CATALOG_VERSION_CONFLICT', // 409: someone saved a newer version; reload and edit again
  ProposalRequired: 'CATALOG_PROPOSAL_REQUIRED', // 403: community staff cannot edit district items, they propose a change
  ProposalNotFound: 'CATALOG_PROPOSAL_NOT_FOUND', // 404
  ProposalDecided: 'CATALOG_PROPOSAL_DECIDED', // 409: the proposal was already accepted or rejected
  ProposalEmpty: 'CATALOG_PROPOSAL_EMPTY', // 400: a change that changes nothing
  ItemNameTaken: 'CATALOG_ITEM_NAME_TAKEN', // 409: the community already has an item with that name
  DemandReportNotFound: 'CATALOG_DEMAND_REPORT_NOT_FOUND', // 404
  DemandItemIssuable: 'CATALOG_DEMAND_ITEM_ISSUABLE', // 422: the item is on the should-issue list, asking for it is fine
  DemandDateInFuture: 'CATALOG_DEMAND_DATE_IN_FUTURE', // 422: happenedOn is after today (Asia/Shanghai)
  WorkListVersionConflict: 'CATALOG_WORK_LIST_VERSION_CONFLICT', // 409
  NoticeFontMissing: 'CATALOG_NOTICE_FONT_MISSING', // 503: the CJK font for the notice-board PDF is not installed
} as const;
