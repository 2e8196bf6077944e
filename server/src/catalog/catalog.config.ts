import { z } from 'zod';
import type { ConfigSection } from '../common/config';

// the catalog module's environment variables: its ConfigSection (composed by ../config.ts, the app root, the only reader of the environment).
// Every variable is documented in docs/catalog.md.
export const DEFAULT_NOTICE_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export const CatalogEnv = z.object({
  // searches per client IP per minute (B2); the benchmark raises it
  CATALOG_SEARCH_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000_000).default(300),
  // demand reports per resident account per hour (B2)
  CATALOG_REPORT_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(5),
  // how often (ms) a search may compare the in-memory index with the catalog version row; 0 = on every search
  CATALOG_INDEX_CHECK_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  // the CJK font for the notice-board PDF (ttf / otf / ttc / woff); the family name is used for .ttc collections
  CATALOG_NOTICE_FONT: z.string().optional(),
  CATALOG_NOTICE_FONT_FAMILY: z.string().default('NotoSansCJKsc-Regular'),
  // the H5 address the notice-board posters' QR code opens (the resident app); no QR code when unset
  CATALOG_BOARD_APP_URL: z.string().url().optional(),
});

export interface CatalogConfig {
  searchPerMinute: number;
  reportsPerHour: number;
  indexCheckMs: number;
  noticeFont: { path: string; family: string };
  boardAppUrl: string | null;
}

export function catalogConfig(e: z.output<typeof CatalogEnv> & { NODE_ENV: string }): CatalogConfig {
  return {
    searchPerMinute: e.CATALOG_SEARCH_RATE_LIMIT,
    reportsPerHour: e.CATALOG_REPORT_RATE_LIMIT,
    indexCheckMs: e.CATALOG_INDEX_CHECK_MS,
    noticeFont: { path: e.CATALOG_NOTICE_FONT ?? DEFAULT_NOTICE_FONT, family: e.CATALOG_NOTICE_FONT_FAMILY },
    boardAppUrl: e.CATALOG_BOARD_APP_URL ?? null,
  };
}

export const catalogConfigSection: ConfigSection<'catalog', typeof CatalogEnv.shape, CatalogConfig> = { key: 'catalog', env: CatalogEnv, build: catalogConfig };

// the module's settings are AppConfig.catalog
declare module '../common/config' {
  interface AppConfigValues {
    catalog: CatalogConfig;
  }
}
