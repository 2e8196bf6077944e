import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from './db-errors';
import { JobLeaseEntity } from './job-lease.entity';

// the leases of periodic jobs (see ./leased-job.ts): one row per job name
@Injectable()
export class JobLeaseRepository {
  /** takes the lease when it is free, expired or already ours; false when another holder has it */
  async acquire(m: EntityManager, name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(JobLeaseEntity)
      .set({ holder, expiresAt: until })
      .where('name = :name AND (expires_at < :now OR holder = :holder)', { name, now, holder })
      .execute();
    if (r.affected === 1) return true;
    if (await m.findOne(JobLeaseEntity, { where: { name } })) return false;
    try {
      await m.insert(JobLeaseEntity, { name, holder, expiresAt: until });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
}
