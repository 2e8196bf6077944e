import { InboxMessageEntity } from './entities/inbox-message.entity';
import { NotificationEventEntity } from './entities/notification-event.entity';

// the notifications module's TypeORM entities; registered in database/entities.ts
export const NOTIFICATIONS_ENTITIES: Function[] = [NotificationEventEntity, InboxMessageEntity];
