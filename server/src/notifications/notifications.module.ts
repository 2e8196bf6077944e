import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { AccessTokenRepository } from './access-token.repository';
import { AccessTokenService } from './access-token.service';
import { WxaCodeService } from './wxa-code.service';
import { CreditRepository } from './credit.repository';
import { DispatchRepository } from './dispatch.repository';
import { HttpWechatMessageClient } from './http-wechat-message.client';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { NotificationDispatcher } from './notification-dispatcher';
import { OutboxModule } from './outbox.module';
import { NotificationRepository } from './notification.repository';
import { InboxController, SubscriptionController } from './notifications.controller';
import { SubscriptionService } from './subscription.service';
import { TemplateRegistry } from './template-registry';
import { WechatMessagePort } from './wechat-message.port';

// outbox, dispatcher, WeChat subscribe messages, inbox. Other modules import this module and call NotificationOutbox.record().
@Module({
  imports: [IdentityModule, OutboxModule],
  controllers: [InboxController, SubscriptionController],
  providers: [
    NotificationRepository, InboxRepository, InboxService, CreditRepository, SubscriptionService, TemplateRegistry,
    DispatchRepository, NotificationDispatcher, AccessTokenRepository, AccessTokenService, WxaCodeService,
    { provide: WechatMessagePort, useClass: HttpWechatMessageClient },
  ],
  // the access token is shared with identity's real-name check (WeChat 人脸核身 uses the same token)
  exports: [OutboxModule, AccessTokenService, WxaCodeService],
})
export class NotificationsModule {}
