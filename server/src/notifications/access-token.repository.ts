import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isRetryableConflict, isUniqueViolation } from '../common/db-errors';
import { WechatAccessTokenEntity } from './entities/wechat-access-token.entity';

// the shared access token row (one per app id) and its refresh lease
@Injectable()
export class AccessTokenRepository {
  find(m: EntityManager, appId: string): Promise<WechatAccessTokenEntity | null> {
    return m.findOne(WechatAccessTokenEntity, { where: { appId } });
  }

  // the right to fetch a new token: one instance at a time (the lease runs out if its holder dies)
  async acquireLease(m: EntityManager, appId: string, lease: string, now: Date, until: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(WechatAccessTokenEntity)
      .set({ refreshLease: lease, refreshLeaseUntil: until })
      .where('app_id = :appId AND (refresh_lease IS NULL OR refresh_lease_until < :now)', { appId, now })
      .execute();
    if (r.affected === 1) return true;
    try {
      await m.insert(WechatAccessTokenEntity, { appId, tokenEnc: null, expiresAt: null, refreshLease: lease, refreshLeaseUntil: until, updatedAt: now });
      return true;
    } catch (err) {
      // another instance created the row first (or InnoDB picked this insert as a deadlock victim): not ours this time
      if (isUniqueViolation(err) || isRetryableConflict(err)) return false;
      throw err;
    }
  }

  async store(m: EntityManager, appId: string, lease: string, tokenEnc: string, expiresAt: Date, now: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(WechatAccessTokenEntity)
      .set({ tokenEnc, expiresAt, refreshLease: null, refreshLeaseUntil: null, updatedAt: now })
      .where('app_id = :appId AND refresh_lease = :lease', { appId, lease })
      .execute();
    return r.affected === 1;
  }

  async release(m: EntityManager, appId: string, lease: string): Promise<void> {
    await m
      .createQueryBuilder()
      .update(WechatAccessTokenEntity)
      .set({ refreshLease: null, refreshLeaseUntil: null })
      .where('app_id = :appId AND refresh_lease = :lease', { appId, lease })
      .execute();
  }
}
