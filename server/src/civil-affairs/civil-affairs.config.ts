import { z } from 'zod';
import type { ConfigSection } from '../common/config';
import { DataSharingEnv, dataSharingConfig, type DataSharingConfig } from './data-sharing.config';

// the civil-affairs module's environment variables: its ConfigSection (composed by ../config.ts, the app root, the only
// reader of the environment). Which adapter answers CivilAffairsRegistry: the district's imported copy (default) or a
// data-sharing service over HTTP.
export const CivilAffairsEnv = z.object({
  CIVIL_AFFAIRS_SOURCE: z.enum(['district-copy', 'data-sharing']).default('district-copy'),
  // rows per staged / published statement of an import, and ID numbers per lookup statement
  CIVIL_AFFAIRS_IMPORT_CHUNK: z.coerce.number().int().min(10).max(3000).default(2000),
  CIVIL_AFFAIRS_LOOKUP_CHUNK: z.coerce.number().int().min(1).max(2000).default(500),
  // F5: a death or move-out file that would newly mark more than this share of the roster (and more than the minimum
  // number of people) is held until a person approves it; a wrong or short extract cannot mark thousands on its own
  CIVIL_AFFAIRS_IMPORT_HOLD_SHARE: z.coerce.number().min(0).max(1).default(0.05),
  CIVIL_AFFAIRS_IMPORT_HOLD_MIN: z.coerce.number().int().min(0).default(50),
  // the data-sharing adapter's own variables (data-sharing.config.ts)
  ...DataSharingEnv.shape,
});

export interface CivilAffairsConfig {
  source: 'district-copy' | 'data-sharing';
  importChunk: number;
  lookupChunk: number;
  hold: { share: number; min: number };
  /** the data-sharing service (used when source is data-sharing) */
  sharing: DataSharingConfig;
}

export function civilAffairsConfig(e: z.output<typeof CivilAffairsEnv> & { NODE_ENV: string }): CivilAffairsConfig {
  const sharing = dataSharingConfig(e, { production: e.NODE_ENV === 'production', selected: e.CIVIL_AFFAIRS_SOURCE === 'data-sharing' });
  return {
    source: e.CIVIL_AFFAIRS_SOURCE, importChunk: e.CIVIL_AFFAIRS_IMPORT_CHUNK, lookupChunk: e.CIVIL_AFFAIRS_LOOKUP_CHUNK,
    hold: { share: e.CIVIL_AFFAIRS_IMPORT_HOLD_SHARE, min: e.CIVIL_AFFAIRS_IMPORT_HOLD_MIN },
    sharing,
  };
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
