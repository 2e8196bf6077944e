import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { NotificationCreditEntity } from './entities/notification-credit.entity';

// subscription credits per (account, template); every change is one atomic statement, the same SQL on both engines
@Injectable()
export class CreditRepository {
  // +1 up to `cap`; answers false when the account already holds `cap`
  async grant(m: EntityManager, accountId: string, templateId: string, cap: number, at: Date): Promise<boolean> {
    for (let i = 0; i < 3; i++) {
      const r = await m
        .createQueryBuilder()
        .update(NotificationCreditEntity)
        .set({ credits: () => 'credits + 1', updatedAt: at })
        .where('account_id = :accountId AND template_id = :templateId AND credits < :cap', { accountId, templateId, cap })
        .execute();
      if (r.affected === 1) return true;
      try {
        await m.insert(NotificationCreditEntity, { accountId, templateId, credits: 1, updatedAt: at });
        return true;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // the row exists: it is at the cap (or was just created by a concurrent report: try the update again)
        const row = await m.findOne(NotificationCreditEntity, { where: { accountId, templateId } });
        if (row && row.credits >= cap) return false;
      }
    }
    return false;
  }

  // takes one credit; false when there is none
  async take(m: EntityManager, accountId: string, templateId: string, at: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(NotificationCreditEntity)
      .set({ credits: () => 'credits - 1', updatedAt: at })
      .where('account_id = :accountId AND template_id = :templateId AND credits > 0', { accountId, templateId })
      .execute();
    return r.affected === 1;
  }

  // gives back a credit that WeChat did not use (capped like a grant)
  async refund(m: EntityManager, accountId: string, templateId: string, cap: number, at: Date): Promise<void> {
    await this.grant(m, accountId, templateId, cap, at);
  }

  // WeChat says the user has no credit left for this template (43101)
  async clear(m: EntityManager, accountId: string, templateId: string, at: Date): Promise<void> {
    await m.update(NotificationCreditEntity, { accountId, templateId }, { credits: 0, updatedAt: at });
  }

  async forAccount(m: EntityManager, accountId: string, templateIds: string[]): Promise<Map<string, number>> {
    if (!templateIds.length) return new Map();
    const rows = await m.find(NotificationCreditEntity, { where: { accountId, templateId: In(templateIds) } });
    return new Map(rows.map((r) => [r.templateId, r.credits]));
  }
}
