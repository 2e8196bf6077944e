import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { NotificationLink, NotificationType } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { INBOX_TEXT, type NotificationDataOf } from './notification-texts';
import { NotificationRepository } from './notification.repository';

export interface NotificationEvent<T extends NotificationType = NotificationType> {
  recipient: { kind: 'resident' | 'staff'; id: string };
  type: T;
  data: NotificationDataOf[T];
  // one key per real-world event (e.g. `booking:<id>:confirmed`); recording it again does nothing
  idempotencyKey: string;
  link?: NotificationLink;
  // earliest push time (e.g. a reminder); the inbox message is written now
  notBefore?: Date;
  // never pushed (no subscribe credit spent): routine news such as a monthly "paid" notice goes to the inbox only
  inboxOnly?: true;
}

/**
 * The one API other modules use to notify someone. Call it inside the service transaction that makes the change
 * (Db.transaction joins it): the event and its inbox message commit or roll back with the change itself.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly db: Db,
    private readonly repo: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  record<T extends NotificationType>(event: NotificationEvent<T>): Promise<'recorded' | 'duplicate'> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const id = randomUUID();
      const outcome = await this.repo.insertEvent(tx, {
        id,
        idempotencyKey: event.idempotencyKey,
        recipientKind: event.recipient.kind,
        recipientId: event.recipient.id,
        type: event.type,
        dataJson: JSON.stringify(event.data),
        linkKind: event.link?.kind ?? null,
        linkId: event.link?.id ?? null,
        // staff read their messages in the console: inbox only
        pushState: event.recipient.kind === 'resident' && !event.inboxOnly ? 'pending' : 'no_template',
        templateId: null,
        creditHeld: 0,
        attempts: 0,
        nextAttemptAt: event.notBefore ?? now,
        claimToken: null,
        claimExpiresAt: null,
        lastError: null,
        sentAt: null,
        createdAt: now,
      });
      if (outcome === 'duplicate') return outcome;
      const text = (INBOX_TEXT[event.type] as (d: NotificationDataOf[T]) => { title: string; body: string })(event.data);
      await this.repo.insertInbox(tx, {
        id: randomUUID(),
        eventId: id,
        recipientKind: event.recipient.kind,
        recipientId: event.recipient.id,
        type: event.type,
        title: text.title.slice(0, 64),
        body: text.body.slice(0, 500),
        linkKind: event.link?.kind ?? null,
        linkId: event.link?.id ?? null,
        readAt: null,
        createdAt: now,
      });
      return 'recorded';
    });
  }
}
