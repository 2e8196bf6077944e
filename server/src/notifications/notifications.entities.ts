import { InboxMessageEntity } from './entities/inbox-message.entity';
import { NotificationAttemptEntity } from './entities/notification-attempt.entity';
import { NotificationCreditEntity } from './entities/notification-credit.entity';
import { NotificationEventEntity } from './entities/notification-event.entity';
import { WechatAccessTokenEntity } from './entities/wechat-access-token.entity';

// the notifications module's TypeORM entities; registered in database/entities.ts
export const NOTIFICATIONS_ENTITIES: Function[] = [
  NotificationEventEntity, InboxMessageEntity, NotificationCreditEntity, NotificationAttemptEntity, WechatAccessTokenEntity,
];
