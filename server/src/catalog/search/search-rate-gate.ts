import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import type { Logger } from 'pino';
import { AppConfig } from '../../common/config';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import { PINO } from '../../common/logger';
import { RateLimitRepository } from '../../common/rate-limiter';

const WINDOW_SECONDS = 60;
const FLUSH_MS = 1000;
const MAX_TRACKED = 10_000;

interface Window {
  start: number;
  global: number; // the shared count as of this instance's last write
  pending: number; // counted here, not yet written
  inflight: number; // being written
  lastFlush: number;
}

/**
 * B2 for search, per client IP, without a database write on every search. The count lives in the shared
 * rate_limit_bucket row (written through common's RateLimitRepository, n hits at a time); each instance writes its hits in batches (the first hit of a window at once, then every
 * `batch` hits or every second) and decides on (shared count at its last write + its own unwritten hits).
 * With k instances a client can exceed the limit by at most k × batch within a window (batch = limit / 20, ≥ 1).
 */
@Injectable()
export class SearchRateGate {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly db: Db,
    private readonly repo: RateLimitRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async pass(ip: string): Promise<void> {
    const limit = this.config.catalog.searchPerMinute;
    const nowMs = this.clock.now().getTime();
    const nowSec = Math.floor(nowMs / 1000);
    const start = nowSec - (nowSec % WINDOW_SECONDS);
    const key = `catalog-search:${ip}`.slice(0, 191);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      w = { start, global: 0, pending: 0, inflight: 0, lastFlush: 0 };
      this.track(key, w, start);
    }
    if (w.global + w.inflight + w.pending >= limit) {
      const retryAfter = String(Math.max(1, start + WINDOW_SECONDS - nowSec));
      throw new DomainError(ErrorCode.RateLimited, 'rate limit catalog-search exceeded', { retryAfterSeconds: Number(retryAfter) }, { 'retry-after': retryAfter });
    }
    w.pending++;
    const batch = Math.max(1, Math.floor(limit / 20));
    if (w.lastFlush === 0) await this.flush(key, w, nowMs); // first hit of the window: learn the shared count now
    else if (w.pending >= batch || nowMs - w.lastFlush >= FLUSH_MS) void this.flush(key, w, nowMs);
  }

  private async flush(key: string, w: Window, nowMs: number): Promise<void> {
    const n = w.pending;
    w.pending = 0;
    w.inflight += n;
    w.lastFlush = nowMs;
    try {
      const counter = await this.db.retrying((tx) => this.repo.hit(tx, key, w.start, WINDOW_SECONDS, n));
      // this window's shared count (a row another instance already moved on counts toward its newer window)
      const total = counter.windowStart === w.start ? counter.hits : Number.MAX_SAFE_INTEGER;
      w.global = Math.max(w.global, total);
      w.inflight -= n;
    } catch (err) {
      w.inflight -= n;
      w.pending += n;
      this.log.warn({ err: (err as Error).message }, 'search rate counter not written');
    }
  }

  private track(key: string, w: Window, start: number) {
    if (this.windows.size >= MAX_TRACKED) for (const [k, old] of this.windows) if (old.start < start) this.windows.delete(k);
    this.windows.set(key, w);
  }
}
