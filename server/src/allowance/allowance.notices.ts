import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { ProxyDirectory } from '../identity/proxy.directory';
import { NotificationOutbox } from '../notifications/notification-outbox';
import type { AllowanceEventData } from '../notifications/notification-texts';
import type { ApplicationRow } from './allowance.repository';

type AllowanceType = Extract<NotificationType, `allowance_${string}`>;

/**
 * Status messages to the family through the outbox, in the caller's transaction (E1: the change and its message commit
 * together). They reach every account verified to act for the elder. After the elder's death is known nothing more is
 * sent except the one careful notice (allowance_closed), once per account.
 */
@Injectable()
export class AllowanceNotices {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly proxies: ProxyDirectory,
  ) {}

  async toFamily(tx: EntityManager, app: ApplicationRow, type: AllowanceType, at: Date, extra: Omit<AllowanceEventData, 'personName'> = {}): Promise<void> {
    if (app.deceased && type !== 'allowance_closed') return;
    const accounts = await this.proxies.verifiedProxyAccounts(tx, app.elderIdHash);
    for (const accountId of accounts) {
      await this.outbox.record({
        recipient: { kind: 'resident', id: accountId },
        type,
        data: { personName: app.elderName, ...extra },
        idempotencyKey: type === 'allowance_closed' ? `allowance:${app.elderIdHash.slice(0, 32)}:closed:${accountId}` : `allowance:${app.id}:${type}:${at.getTime()}:${accountId}`,
        link: { kind: 'allowance', id: app.id },
      });
    }
  }

  /** the community's task: confirm a death the family reported (inbox only) */
  async deathReported(tx: EntityManager, staffIds: readonly string[], app: ApplicationRow, diedOn: string): Promise<void> {
    void tx;
    for (const id of new Set(staffIds)) {
      await this.outbox.record({
        recipient: { kind: 'staff', id },
        type: 'allowance_death_reported',
        data: { personName: app.elderName, period: diedOn },
        idempotencyKey: `allowance:${app.id}:death_reported:${app.deathReportedAt?.getTime() ?? 0}:${id}`,
        link: { kind: 'allowance', id: app.id },
      });
    }
  }

  async toStaff(tx: EntityManager, staffIds: readonly string[], app: ApplicationRow, key: string, extra: Omit<AllowanceEventData, 'personName'>): Promise<void> {
    void tx; // the outbox joins the open transaction (Db.transaction)
    for (const id of new Set(staffIds)) {
      await this.outbox.record({
        recipient: { kind: 'staff', id },
        type: 'allowance_objection',
        data: { personName: app.elderName, ...extra },
        idempotencyKey: `allowance:${app.id}:${key}:${id}`,
        link: { kind: 'allowance', id: app.id },
      });
    }
  }
}
