import { Injectable } from '@nestjs/common';
import { Db } from '../common/db';
import { AppConfig } from '../common/config';

const PROBE_MS = 1000;

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
  ) {}

  async check() {
    const started = performance.now();
    let ok = true;
    // answered within PROBE_MS whatever the database does (a half-open connection, a full pool): a load balancer
    // asking every second sees the outage, and the recovery, within a second
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.read((m) => m.query('SELECT 1')),
        new Promise((_, fail) => (timer = setTimeout(() => fail(new Error('health probe timed out')), PROBE_MS))),
      ]);
    } catch {
      ok = false;
    } finally {
      clearTimeout(timer);
    }
    return {
      status: ok ? ('ok' as const) : ('degraded' as const),
      db: { driver: this.db.dialect, ok, latencyMs: Math.round((performance.now() - started) * 100) / 100 },
      version: this.config.version,
      time: new Date().toISOString(),
    };
  }
}
