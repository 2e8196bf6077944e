import { z } from 'zod';
import type { ConfigSection } from '../common/config';
import { DataSharingEnv, dataSharingConfig, type DataSharingConfig } from './data-sharing.config';

// the civil-affairs module's environment variables: its ConfigSection (composed by ../config.ts, the app root, the only
// reader of the environment). Which adapter answers CivilAffairsRegistry: the district's imported copy (default) or a
// data-sharing service over HTTP.
export const CivilAffairsEnv = z.object({
  CIVIL_AFFAIRS_SOURCE: z.enum(['district-copy', 'data-sharing']).default('district-copy'),
  // rows per staged / published statement of an import, and ID numbers per lookup statement
  CIVIL_AFFAIRS_IMPORT_CHUNK: z.coerce.number().int().min(10).max(5000).default(1000),
  CIVIL_AFFAIRS_LOOKUP_CHUNK: z.coerce.number().int().min(1).max(2000).default(500),
  // the data-sharing adapter's own variables (data-sharing.config.ts)
  ...DataSharingEnv.shape,
});

export interface CivilAffairsConfig {
  source: 'district-copy' | 'data-sharing';
  importChunk: number;
  lookupChunk: number;
  /** the data-sharing service (used when source is data-sharing) */
  sharing: DataSharingConfig;
}

export function civilAffairsConfig(e: z.output<typeof CivilAffairsEnv> & { NODE_ENV: string }): CivilAffairsConfig {
  const sharing = dataSharingConfig(e, { production: e.NODE_ENV === 'production', selected: e.CIVIL_AFFAIRS_SOURCE === 'data-sharing' });
  return { source: e.CIVIL_AFFAIRS_SOURCE, importChunk: e.CIVIL_AFFAIRS_IMPORT_CHUNK, lookupChunk: e.CIVIL_AFFAIRS_LOOKUP_CHUNK, sharing };
}

export const civilAffairsConfigSection: ConfigSection<'civilAffairs', typeof CivilAffairsEnv.shape, CivilAffairsConfig> = {
  key: 'civilAffairs', env: CivilAffairsEnv, build: civilAffairsConfig,
};

// the module's settings are AppConfig.civilAffairs
declare module '../common/config' {
  interface AppConfigValues {
    civilAffairs: CivilAffairsConfig;
  }
}
