import { z } from 'zod';
import type { ConfigSection } from '../common/config';

// the allowance module's environment variables (composed by ../config.ts)
export const AllowanceEnv = z.object({
  // seconds between runs of the allowance job (retry waiting checks, end 公示); 0 = no timer (tests call runOnce)
  ALLOWANCE_JOB_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  // first wait before re-running checks the registry could not answer; doubles per attempt up to 6 hours
  ALLOWANCE_RETRY_SECONDS: z.coerce.number().int().min(1).max(86400).default(300),
});

export interface AllowanceConfig {
  jobPollSeconds: number;
  retrySeconds: number;
}

export const allowanceConfigSection: ConfigSection<'allowance', typeof AllowanceEnv.shape, AllowanceConfig> = {
  key: 'allowance',
  env: AllowanceEnv,
  build: (e) => ({ jobPollSeconds: e.ALLOWANCE_JOB_POLL_SECONDS, retrySeconds: e.ALLOWANCE_RETRY_SECONDS }),
};

declare module '../common/config' {
  interface AppConfigValues {
    allowance: AllowanceConfig;
  }
}
