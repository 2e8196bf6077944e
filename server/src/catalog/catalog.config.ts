import { z } from 'zod';

// the catalog module's environment variables (read only by ../config.ts, which merges every module's section)
export const CatalogEnv = z.object({});

export type CatalogConfig = { [key: string]: unknown };

// once CatalogEnv has fields, type the parameter as z.output<typeof CatalogEnv> & { NODE_ENV: string }
export function catalogConfig(_e: { NODE_ENV: string }): CatalogConfig {
  return {};
}
