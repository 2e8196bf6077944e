import { z } from 'zod';
import { ConfigError } from '../common/config';

// The data-sharing adapter's environment variables (CIVIL_AFFAIRS_SOURCE=data-sharing selects the adapter; that
// variable and the module's other settings live in civil-affairs.config.ts, which spreads this shape into its own).
// Outside production everything defaults to the local peer (scripts/civil-affairs-peer, started by `pnpm start`).

export const DEV_SHARING_URL = 'http://127.0.0.1:3902';
// the local peer's development pair (scripts/civil-affairs-peer/peer.mjs DEV_APP_KEY / DEV_APP_SECRET); public on purpose
export const DEV_SHARING_APP_KEY = 'jianban-dev';
export const DEV_SHARING_APP_SECRET = 'jianban-dev-sharing-secret';

export const DataSharingEnv = z.object({
  CIVIL_AFFAIRS_SHARING_URL: z.string().url().optional(),
  CIVIL_AFFAIRS_SHARING_APP_KEY: z.string().min(1).optional(),
  CIVIL_AFFAIRS_SHARING_APP_SECRET: z.string().min(1).optional(),
  // one HTTP request's deadline
  CIVIL_AFFAIRS_SHARING_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  // ID numbers per batch request: at most what the service allows (the local peer: 100)
  CIVIL_AFFAIRS_SHARING_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  // everything one lookup may take, retries and Retry-After waits included; past it the answer is "unavailable"
  CIVIL_AFFAIRS_SHARING_BUDGET_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
});

export interface DataSharingConfig {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  timeoutMs: number;
  batchSize: number;
  budgetMs: number;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '::1' || host === '0.0.0.0';
}

/**
 * The adapter's settings. `selected`: CIVIL_AFFAIRS_SOURCE is data-sharing — only then are a real service's
 * variables required (production: URL, app key and app secret, never the local peer).
 */
export function dataSharingConfig(
  e: z.output<typeof DataSharingEnv>,
  o: { production: boolean; selected: boolean },
): DataSharingConfig {
  const problems: string[] = [];
  const url = e.CIVIL_AFFAIRS_SHARING_URL;
  const real = url !== undefined && !isLoopback(url);
  if (o.selected && (o.production || real)) {
    const why = o.production ? 'required in production (no default)' : 'required when CIVIL_AFFAIRS_SHARING_URL is not the local peer';
    for (const key of ['CIVIL_AFFAIRS_SHARING_URL', 'CIVIL_AFFAIRS_SHARING_APP_KEY', 'CIVIL_AFFAIRS_SHARING_APP_SECRET'] as const) {
      if (!e[key]) problems.push(`${key}: ${why}`);
    }
    if (o.production && url !== undefined && isLoopback(url)) problems.push('CIVIL_AFFAIRS_SHARING_URL: the local peer cannot be used in production');
    // personal data travels on this link (reliability row G2): TLS only, outside the machine
    else if (real && !url.startsWith('https://')) problems.push('CIVIL_AFFAIRS_SHARING_URL: must be https:// (the answers carry personal data)');
  }
  if (e.CIVIL_AFFAIRS_SHARING_BUDGET_MS < e.CIVIL_AFFAIRS_SHARING_TIMEOUT_MS) {
    problems.push('CIVIL_AFFAIRS_SHARING_BUDGET_MS: must be at least CIVIL_AFFAIRS_SHARING_TIMEOUT_MS (one request must fit in the budget)');
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    baseUrl: (url ?? DEV_SHARING_URL).replace(/\/+$/, ''),
    appKey: e.CIVIL_AFFAIRS_SHARING_APP_KEY ?? DEV_SHARING_APP_KEY,
    appSecret: e.CIVIL_AFFAIRS_SHARING_APP_SECRET ?? DEV_SHARING_APP_SECRET,
    timeoutMs: e.CIVIL_AFFAIRS_SHARING_TIMEOUT_MS,
    batchSize: e.CIVIL_AFFAIRS_SHARING_BATCH_SIZE,
    budgetMs: e.CIVIL_AFFAIRS_SHARING_BUDGET_MS,
  };
}
