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
  // which code the posters carry: 'h5' a QR code of CATALOG_BOARD_APP_URL, 'weapp' a 小程序码 (wxacode.getUnlimited)
  // opening CATALOG_BOARD_WXA_PAGE with the community in its scene
  CATALOG_BOARD_CODE: z.enum(['h5', 'weapp']).default('h5'),
  CATALOG_BOARD_WXA_PAGE: z.string().regex(/^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/).default('pages/index/index'),
  // the mini-program version the 小程序码 opens (release; trial/develop while testing, without WeChat's page check)
  CATALOG_BOARD_WXA_ENV: z.enum(['release', 'trial', 'develop']).default('release'),
});

export interface CatalogConfig {
  searchPerMinute: number;
  reportsPerHour: number;
  indexCheckMs: number;
  noticeFont: { path: string; family: string };
  boardAppUrl: string | null;
  boardCode: { kind: 'h5' } | { kind: 'weapp'; page: string; envVersion: 'release' | 'trial' | 'develop' };
}

export function catalogConfig(e: z.output<typeof CatalogEnv> & { NODE_ENV: string }): CatalogConfig {
  return {
    searchPerMinute: e.CATALOG_SEARCH_RATE_LIMIT,
    reportsPerHour: e.CATALOG_REPORT_RATE_LIMIT,
    indexCheckMs: e.CATALOG_INDEX_CHECK_MS,
    noticeFont: { path: e.CATALOG_NOTICE_FONT ?? DEFAULT_NOTICE_FONT, family: e.CATALOG_NOTICE_FONT_FAMILY },
    boardAppUrl: e.CATALOG_BOARD_APP_URL ?? null,
    boardCode: e.CATALOG_BOARD_CODE === 'weapp' ? { kind: 'weapp', page: e.CATALOG_BOARD_WXA_PAGE, envVersion: e.CATALOG_BOARD_WXA_ENV } : { kind: 'h5' },
  };
}

export const catalogConfigSection: ConfigSection<'catalog', typeof CatalogEnv.shape, CatalogConfig> = { key: 'catalog', env: CatalogEnv, build: catalogConfig };

// the module's settings are AppConfig.catalog
declare module '../common/config' {
  interface AppConfigValues {
    catalog: CatalogConfig;
  }
}
