import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { ProxyDirectory } from '../../identity/proxy.directory';
import { NotificationOutbox } from '../../notifications/notification-outbox';
import type { AllowanceEventData } from '../../notifications/notification-texts';
import { AllowancePayTaskEntity } from './ledger.entities';
import { insertIgnore } from './ledger.sql';

export interface TaskInput {
  elder: Elder;
  kind: string;
  key: string;
  text: string;
}

type LedgerType = Extract<NotificationType, 'allowance_paid' | 'allowance_payment_failed' | 'allowance_suspended' | 'allowance_back_pay' | 'allowance_closed' | 'allowance_invited'>;

export interface Elder {
  id: string;
  elderIdHash: string;
  elderName: string;
  elderIdMasked: string;
  communityCode: string;
  applicationId: string | null;
  statusReason?: string | null;
}

/** which messages may spend a subscribe credit (E1/E2 and WeChat's limits): only what needs the family to act or corrects money */
const PUSHED: ReadonlySet<LedgerType> = new Set(['allowance_payment_failed', 'allowance_suspended', 'allowance_back_pay', 'allowance_closed']);

/**
 * The ledger's messages to the family (outbox, in the transaction of the change: E1) and its tasks for community staff.
 * Monthly "paid" notices and invitations go to the inbox only; pushes are kept for a failed payment, a suspension and
 * a correction. After a death only the one careful notice is sent, once per account (the same key as part 1's).
 */
@Injectable()
export class LedgerNotices {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly proxies: ProxyDirectory,
  ) {}

  async toFamily(tx: EntityManager, elder: Elder, type: LedgerType, data: Omit<AllowanceEventData, 'personName'> & { amountYuan?: number }, key: string): Promise<number> {
    if (elder.statusReason === 'died' && type !== 'allowance_closed') return 0;
    const accounts = await this.proxies.verifiedProxyMembers(tx, elder.elderIdHash);
    for (const { accountId, familyMemberId } of accounts) {
      await this.outbox.record({
        recipient: { kind: 'resident', id: accountId },
        type,
        data: { personName: elder.elderName, ...data } as never,
        idempotencyKey: type === 'allowance_closed' ? `allowance:${elder.elderIdHash.slice(0, 32)}:closed:${accountId}` : `ledger:${key}:${accountId}`.slice(0, 190),
        // each account's own family-member id (never another account's): the payments page, or the invitation
        link: { kind: type === 'allowance_invited' ? 'allowance_invitation' : 'allowance_payments', id: familyMemberId },
        ...(PUSHED.has(type) ? {} : { inboxOnly: true as const }),
      });
    }
    return accounts.length;
  }

  /** the verified family accounts of many elders at once */
  accountsOf(tx: EntityManager, elderIdHashes: readonly string[]): Promise<Map<string, string[]>> {
    return this.proxies.verifiedProxyAccountsMany(tx, elderIdHashes);
  }

  /** one task per real-world thing to do (dedupe key), for the elder's community */
  task(tx: EntityManager, elder: Elder, kind: string, key: string, text: string, now: Date): Promise<void> {
    return this.tasks(tx, [{ elder, kind, key, text }], now);
  }

  /** many tasks in bulk statements (a repeated key is skipped by the unique index) */
  async tasks(tx: EntityManager, items: readonly TaskInput[], now: Date): Promise<void> {
    await insertIgnore(tx, AllowancePayTaskEntity, items.map(({ elder, kind, key, text }) => ({
      id: randomUUID(), dedupeKey: key.slice(0, 100), kind, communityCode: elder.communityCode, recipientId: elder.id, candidateId: null, elderName: elder.elderName,
      elderIdMasked: elder.elderIdMasked, text: text.slice(0, 300), status: 'open', createdAt: now, resolvedAt: null, resolution: null, resolvedBy: null,
    })));
  }
}
