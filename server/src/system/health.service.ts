import { Injectable } from '@nestjs/common';
import { Db } from '../common/db';

@Injectable()
export class HealthService {
  constructor(private readonly db: Db) {}

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
      version: process.env.npm_package_version ?? '0.1.0',
      time: new Date().toISOString(),
    };
  }
}
