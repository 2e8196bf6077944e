import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { insertRow } from '../common/rows';
import { IdempotencyEntity } from './entities/idempotency.entity';

// a resident's create request, answered once per idempotency key: the key's row carries the response
@Injectable()
export class IdempotencyRepository {
  findIdempotency(m: EntityManager, accountId: string, idemKey: string) {
    return m.findOne(IdempotencyEntity, { where: { accountId, idemKey } });
  }
  /** 'duplicate' when another request with this key got there first (on MariaDB it waits until that one commits) */
  async insertIdempotency(m: EntityManager, row: IdempotencyEntity): Promise<'inserted' | 'duplicate'> {
    try {
      await insertRow(m, IdempotencyEntity, row);
      return 'inserted';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }
  async completeIdempotency(m: EntityManager, id: string, patch: Partial<IdempotencyEntity>) {
    await m.createQueryBuilder().update(IdempotencyEntity).set(patch).where('id = :id', { id }).execute();
  }
  async purgeIdempotency(m: EntityManager, before: Date): Promise<number> {
    return (await m.delete(IdempotencyEntity, { expiresAt: LessThan(before) })).affected ?? 0;
  }
}
