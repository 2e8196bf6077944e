import { Injectable } from '@nestjs/common';
import { Db } from '../common/db';
import { AppConfig } from '../config';

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
  ) {}

  async check() {
    const started = performance.now();
    let ok = true;
    try {
      await this.db.read((m) => m.query('SELECT 1'));
    } catch {
      ok = false;
    }
    return {
      status: ok ? ('ok' as const) : ('degraded' as const),
      db: { driver: this.db.dialect, ok, latencyMs: Math.round((performance.now() - started) * 100) / 100 },
      version: this.config.version,
      time: new Date().toISOString(),
    };
  }
}
