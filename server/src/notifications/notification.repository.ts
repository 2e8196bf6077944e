import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { InboxMessageEntity } from './entities/inbox-message.entity';
import { NotificationEventEntity } from './entities/notification-event.entity';

@Injectable()
export class NotificationRepository {
  async insertEvent(m: EntityManager, row: NotificationEventEntity): Promise<'created' | 'duplicate'> {
    try {
      await m.insert(NotificationEventEntity, row);
      return 'created';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }

  async insertInbox(m: EntityManager, row: InboxMessageEntity): Promise<void> {
    await m.insert(InboxMessageEntity, row);
  }
}
