import { Module } from '@nestjs/common';
import { NotificationOutbox } from './notification-outbox';
import { NotificationRepository } from './notification.repository';

// the outbox alone, without the inbox routes: identity records events (a revoked login) and NotificationsModule itself
// depends on IdentityModule for its guard, so identity imports this instead of NotificationsModule
@Module({
  providers: [NotificationOutbox, NotificationRepository],
  exports: [NotificationOutbox],
})
export class OutboxModule {}
