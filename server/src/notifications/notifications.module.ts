import { Module } from '@nestjs/common';
import { NotificationOutbox } from './notification-outbox';
import { NotificationRepository } from './notification.repository';

// outbox, dispatcher, WeChat subscribe messages, inbox. Other modules import this module and call NotificationOutbox.record().
@Module({
  providers: [NotificationOutbox, NotificationRepository],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
