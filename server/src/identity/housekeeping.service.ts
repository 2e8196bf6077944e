import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { RateLimiter } from '../common/rate-limiter';
import { SessionRepository } from './identity.repository';

const EVERY_MS = 10 * 60_000;

// deletes ended sessions and stale rate-limit counters; every instance may run it, the deletes are idempotent
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly sessions: SessionRepository,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.run().catch((err) => this.log.warn({ err }, 'housekeeping failed')), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async run(): Promise<{ sessions: number; counters: number }> {
    const dayAgo = new Date(this.clock.now().getTime() - 86400_000);
    const sessions = await this.db.transaction((tx) => this.sessions.purgeEnded(tx, dayAgo));
    const counters = await this.limiter.purgeOld();
    return { sessions, counters };
  }
}
