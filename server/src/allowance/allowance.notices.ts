import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { NotificationOutbox } from '../notifications/notification-outbox';
import type { AllowanceEventData } from '../notifications/notification-texts';
import type { ApplicationRow } from './allowance.repository';

type AllowanceType = Extract<NotificationType, `allowance_${string}`>;

/**
 * Status messages to the family through the outbox, in the caller's transaction (E1: the change and its message commit
 * together). After the elder's death is known nothing more is sent except the one careful notice (allowance_closed).
 */
@Injectable()
export class AllowanceNotices {
  constructor(private readonly outbox: NotificationOutbox) {}

  async toFamily(tx: EntityManager, app: ApplicationRow, type: AllowanceType, at: Date, extra: Omit<AllowanceEventData, 'personName'> = {}): Promise<void> {
    void tx; // the outbox joins the open transaction (Db.transaction)
    if (!app.applicantAccountId) return; // applied at the counter: nobody on WeChat to tell
    if (app.deceased && type !== 'allowance_closed') return;
    await this.outbox.record({
      recipient: { kind: 'resident', id: app.applicantAccountId },
      type,
      data: { personName: app.elderName, ...extra },
      idempotencyKey: type === 'allowance_closed' ? `allowance:${app.id}:closed` : `allowance:${app.id}:${type}:${at.getTime()}`,
      link: { kind: 'allowance', id: app.id },
    });
  }

  async toStaff(tx: EntityManager, staffIds: readonly string[], app: ApplicationRow, key: string, extra: Omit<AllowanceEventData, 'personName'>): Promise<void> {
    void tx;
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
