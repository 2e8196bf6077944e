import { Global, Module } from '@nestjs/common';
import { DevLoginCodes, LocalPeerLoginCodes } from '../identity/dev-login-codes';
import { LocalPeerTemplates, PeerTemplates } from '../notifications/peer-templates';

// development and tests only: the calls to the local WeChat peer that the real WeChat has no counterpart for (a login
// code for the dev login route, template registration). The app root imports this module only outside production, so
// a production server holds no client for them; AuthService and NotificationDispatcher take them as optional.
@Global()
@Module({
  providers: [
    { provide: DevLoginCodes, useClass: LocalPeerLoginCodes },
    { provide: PeerTemplates, useClass: LocalPeerTemplates },
  ],
  exports: [DevLoginCodes, PeerTemplates],
})
export class LocalWechatPeerModule {}
