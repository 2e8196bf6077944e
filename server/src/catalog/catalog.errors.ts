import type { CatalogErrorCode } from '@jianban/shared';

// HTTP status of each error code the catalog module owns; merged into STATUS_OF (exhaustive: a code without a status fails typecheck)
export const CATALOG_STATUS: Record<(typeof CatalogErrorCode)[keyof typeof CatalogErrorCode], number> = {};
