import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { Clock } from './clock';
import type { Db } from './db';
import { JobLeaseRepository } from './job-lease.repository';
import { LeasedJob } from './leased-job';

// the lease table, in memory: the same rule as the repository's conditional UPDATE / INSERT
class MemoryLeases extends JobLeaseRepository {
  readonly rows = new Map<string, { holder: string; expiresAt: Date }>();
  async acquire(_m: EntityManager, name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const row = this.rows.get(name);
    if (row && row.expiresAt >= now && row.holder !== holder) return false;
    this.rows.set(name, { holder, expiresAt: until });
    return true;
  }
}

class StepClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
}

const db = { transaction: (fn: (m: EntityManager) => Promise<unknown>) => fn({} as EntityManager) } as unknown as Db;
const log = { warn: () => undefined } as unknown as Logger;

// a job of no module: counts its runs
class CountingJob extends LeasedJob {
  runs = 0;
  constructor(
    leases: JobLeaseRepository,
    clock: Clock,
    protected readonly leaseName: string,
  ) {
    super(db, leases, clock, log, { pollSeconds: 0, owner: 'test' });
  }
  protected async work(): Promise<number> {
    this.runs += 1;
    return 1;
  }
}

describe('LeasedJob (common)', () => {
  it('runs on one instance per lease: the other instance gets 0 until the lease expires', async () => {
    const leases = new MemoryLeases();
    const clock = new StepClock(new Date('2025-06-01T00:00:00Z'));
    const one = new CountingJob(leases, clock, 'job-a');
    const two = new CountingJob(leases, clock, 'job-a');

    expect(await one.runOnce()).toBe(1);
    expect(await two.runOnce()).toBe(0); // held by one
    expect(await one.runOnce()).toBe(1); // the holder renews
    clock.at = new Date(clock.at.getTime() + 29_000);
    expect(await two.runOnce()).toBe(0); // lease is max(30 s, poll): still held
    clock.at = new Date(clock.at.getTime() + 32_000);
    expect(await two.runOnce()).toBe(1); // expired: taken over
    expect(await one.runOnce()).toBe(0);
    expect([one.runs, two.runs]).toEqual([2, 1]);
  });

  it('keeps leases of different jobs apart', async () => {
    const leases = new MemoryLeases();
    const clock = new StepClock(new Date('2025-06-01T00:00:00Z'));
    expect(await new CountingJob(leases, clock, 'job-a').runOnce()).toBe(1);
    expect(await new CountingJob(leases, clock, 'job-b').runOnce()).toBe(1);
  });
});
