import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../../common/config';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { JobLeaseRepository } from '../../common/job-lease.repository';
import { PINO } from '../../common/logger';
import { LedgerMonths } from './ledger.months';
import { LedgerReverify } from './ledger.reverify';
import { sql } from './ledger.sql';

/**
 * The ledger's clockwork on every instance: each tick it works the free chunks of any running run (chunk leases let
 * several instances share one run; a crashed instance's chunks are redone after their lease) and, from the configured
 * day of the month, starts the month's entitlement run once (the job lease and the unique (kind, month) run key).
 */
@Injectable()
export class LedgerJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly db: Db,
    private readonly leases: JobLeaseRepository,
    private readonly clock: Clock,
    private readonly months: LedgerMonths,
    private readonly reverify: LedgerReverify,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.ledger.jobPollSeconds;
    if (every <= 0) return;
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.log.warn({ err, event: 'ledger_job_failed' }, 'ledger job failed')), every * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    try {
      await this.schedule();
      let worked = 0;
      const running: { id: string; kind: string }[] = await this.db.read((m) => sql(m, `SELECT id, kind FROM allowance_ledger_run WHERE status = 'running'`));
      for (const r of running) worked += r.kind === 'entitle' ? await this.months.driveEntitlements(r.id) : await this.reverify.drive(r.id);
      return worked;
    } finally {
      this.busy = false;
    }
  }

  private async schedule(): Promise<void> {
    const day = this.config.ledger.entitleDay;
    const today = this.clock.today();
    if (day === 0 || Number(today.slice(8, 10)) < day) return;
    const month = today.slice(0, 7);
    const now = this.clock.now();
    const mine = await this.db.retrying((tx) => this.leases.acquire(tx, `ledger-schedule:${month}`, 'schedule', now, new Date(now.getTime() + 3_600_000)));
    if (!mine) return;
    const known: unknown[] = await this.db.read((m) => sql(m, `SELECT id FROM allowance_ledger_run WHERE kind = 'entitle' AND month = ?`, [month]));
    if (!known.length && !(await this.db.read((m) => this.months.isClosed(m, month)))) await this.months.startEntitlements(month, { kind: 'schedule', id: 'schedule', name: '定时任务' });
  }
}
