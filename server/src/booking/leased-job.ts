import { randomUUID } from 'node:crypto';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { AppConfig } from '../config';
import { BookingRepository } from './booking.repository';

/**
 * A periodic booking job run by one server instance at a time: every BOOKING_JOB_POLL_SECONDS (0 = off) each instance
 * tries to take the job's row in booking_job_lease; the holder runs `work`. A failed run is logged and retried next tick.
 */
export abstract class LeasedJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly holder = randomUUID();
  protected abstract readonly leaseName: string;

  constructor(
    protected readonly db: Db,
    protected readonly repo: BookingRepository,
    protected readonly clock: Clock,
    protected readonly config: AppConfig,
    protected readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.booking.jobPollSeconds;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.log.warn({ err, event: 'booking_job_failed', job: this.leaseName }, 'booking job failed'));
    }, every * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** runs the job now if this instance holds (or takes) the lease; returns what `work` counted, 0 without the lease */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const leaseSeconds = Math.max(30, this.config.booking.jobPollSeconds);
    const leased = await this.db.transaction((tx) => this.repo.acquireLease(tx, this.leaseName, this.holder, now, new Date(now.getTime() + leaseSeconds * 1000)));
    return leased ? this.work(now) : 0;
  }

  protected abstract work(now: Date): Promise<number>;
}
