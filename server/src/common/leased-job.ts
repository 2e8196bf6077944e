import { randomUUID } from 'node:crypto';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from './clock';
import { Db } from './db';
import { JobLeaseRepository } from './job-lease.repository';

export interface LeasedJobOptions {
  /** seconds between ticks (0 = no timer: tests call runOnce); the lease lasts max(30 s, this) */
  pollSeconds: number;
  /** who runs it, for the log: a failed run is logged as `<owner>_job_failed` */
  owner: string;
}

/**
 * A periodic job run by one server instance at a time: every `pollSeconds` (0 = off) each instance tries to take the
 * job's lease row (JobLeaseRepository); the holder runs `work`. A failed run is logged and retried next tick.
 * Knows no module: any module's job extends it.
 */
export abstract class LeasedJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly holder = randomUUID();
  protected abstract readonly leaseName: string;

  constructor(
    protected readonly db: Db,
    private readonly leases: JobLeaseRepository,
    protected readonly clock: Clock,
    protected readonly log: Logger,
    private readonly options: LeasedJobOptions,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.options.pollSeconds;
    if (every <= 0) return;
    const { owner } = this.options;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.log.warn({ err, event: `${owner}_job_failed`, job: this.leaseName }, `${owner} job failed`));
    }, every * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** runs the job now if this instance holds (or takes) the lease; returns what `work` counted, 0 without the lease */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const leaseSeconds = Math.max(30, this.options.pollSeconds);
    const leased = await this.db.transaction((tx) => this.leases.acquire(tx, this.leaseName, this.holder, now, new Date(now.getTime() + leaseSeconds * 1000)));
    return leased ? this.work(now) : 0;
  }

  protected abstract work(now: Date): Promise<number>;
}
