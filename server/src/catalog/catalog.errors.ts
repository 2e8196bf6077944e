import type { CatalogErrorCode } from '@jianban/shared';

// HTTP status of each error code the catalog module owns; merged into STATUS_OF (exhaustive: a code without a status fails typecheck)
export const CATALOG_STATUS: Record<(typeof CatalogErrorCode)[keyof typeof CatalogErrorCode], number> = {
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
};
