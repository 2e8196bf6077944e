import { z } from 'zod';
import type { ConfigSection } from '../../common/config';

// the allowance ledger's environment variables (composed by ../../config.ts)
export const LedgerEnv = z.object({
  // seconds between ticks of the ledger job on each instance (resume runs, start the month's run on schedule); 0 = off (tests)
  LEDGER_JOB_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  // from this day of each month the job starts the month's entitlement run if the district has not (0 = only the district starts it)
  LEDGER_ENTITLE_DAY: z.coerce.number().int().min(0).max(28).default(0),
  // recipients per primary-key chunk of a run (a run has at most 256 chunks)
  LEDGER_CHUNK_ROWS: z.coerce.number().int().min(10).max(100000).default(2000),
  // how long an instance holds a chunk of a run; a crashed instance's chunk is redone by another after it
  LEDGER_CHUNK_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
  // chunks one instance works at once in an entitlement run (MariaDB; SQLite has one writer and works one). The
  // entitlement run builds every row in Node, on the processes that serve bookings: on the 2-core machine measured, 2
  // beside the booking load took booking p99 to 1.8–2.2× its baseline, 1 to 1.45×
  LEDGER_RUN_WORKERS: z.coerce.number().int().min(1).max(8).default(1),
  // chunks one instance works at once in a re-verification: its classify phase is a join the database runs, and 2 let
  // it read two chunks on two cores (1.66× → 1.15× the bare join on 1,000,000 people / 200,000 recipients)
  LEDGER_REVERIFY_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
});

export interface LedgerConfig {
  jobPollSeconds: number;
  entitleDay: number;
  chunkRows: number;
  chunkLeaseSeconds: number;
  runWorkers: number;
  reverifyWorkers: number;
}

export const ledgerConfigSection: ConfigSection<'ledger', typeof LedgerEnv.shape, LedgerConfig> = {
  key: 'ledger',
  env: LedgerEnv,
  build: (e) => ({ jobPollSeconds: e.LEDGER_JOB_POLL_SECONDS, entitleDay: e.LEDGER_ENTITLE_DAY, chunkRows: e.LEDGER_CHUNK_ROWS, chunkLeaseSeconds: e.LEDGER_CHUNK_LEASE_SECONDS, runWorkers: e.LEDGER_RUN_WORKERS, reverifyWorkers: e.LEDGER_REVERIFY_WORKERS }),
};

declare module '../../common/config' {
  interface AppConfigValues {
    ledger: LedgerConfig;
  }
}
