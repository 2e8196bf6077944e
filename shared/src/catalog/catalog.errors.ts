// error codes owned by the catalog module; merged into ErrorCode in ../errors.ts
export const CatalogErrorCode = {
  ItemNotFound: 'CATALOG_ITEM_NOT_FOUND', // no such item (or a community item outside the caller's scope)
  CommunityNotFound: 'CATALOG_COMMUNITY_NOT_FOUND', // unknown community code (or outside the caller's scope)
  VersionConflict: 'CATALOG_VERSION_CONFLICT', // someone saved a newer version; reload and edit again
  ProposalRequired: 'CATALOG_PROPOSAL_REQUIRED', // community staff cannot edit district items, they propose a change
  ProposalNotFound: 'CATALOG_PROPOSAL_NOT_FOUND',
  ProposalDecided: 'CATALOG_PROPOSAL_DECIDED', // the proposal was already accepted or rejected
  ProposalEmpty: 'CATALOG_PROPOSAL_EMPTY', // a change that changes nothing
  ItemNameTaken: 'CATALOG_ITEM_NAME_TAKEN', // the community already has an item with that name
  DemandReportNotFound: 'CATALOG_DEMAND_REPORT_NOT_FOUND',
  DemandItemIssuable: 'CATALOG_DEMAND_ITEM_ISSUABLE', // the item is on the should-issue list, asking for it is fine
  DemandDateInFuture: 'CATALOG_DEMAND_DATE_IN_FUTURE', // happenedOn is after today (Asia/Shanghai)
  WorkListVersionConflict: 'CATALOG_WORK_LIST_VERSION_CONFLICT',
  NoticeFontMissing: 'CATALOG_NOTICE_FONT_MISSING', // the CJK font for the notice-board PDF is not installed
} as const;

// the HTTP status of each code above, as data (exhaustive: a code without a status, or a status without a code, fails typecheck)
export const CatalogErrorStatus = {
  CATALOG_ITEM_NOT_FOUND: 404,
  CATALOG_COMMUNITY_NOT_FOUND: 404,
  CATALOG_VERSION_CONFLICT: 409,
  CATALOG_PROPOSAL_REQUIRED: 403,
  CATALOG_PROPOSAL_NOT_FOUND: 404,
  CATALOG_PROPOSAL_DECIDED: 409,
  CATALOG_PROPOSAL_EMPTY: 400,
  CATALOG_ITEM_NAME_TAKEN: 409,
  CATALOG_DEMAND_REPORT_NOT_FOUND: 404,
  CATALOG_DEMAND_ITEM_ISSUABLE: 422,
  CATALOG_DEMAND_DATE_IN_FUTURE: 422,
  CATALOG_WORK_LIST_VERSION_CONFLICT: 409,
  CATALOG_NOTICE_FONT_MISSING: 503,
} as const satisfies Record<(typeof CatalogErrorCode)[keyof typeof CatalogErrorCode], number>;
