import type { CatalogErrorCode } from '@jianban/shared';

/** plain-Chinese messages for the catalog module's error codes (exhaustive) */
export const CATALOG_MESSAGES: Record<(typeof CatalogErrorCode)[keyof typeof CatalogErrorCode], string> = {};
