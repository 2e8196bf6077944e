import { Module } from '@nestjs/common';
import { CivilAffairsModule } from '../civil-affairs/civil-affairs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ElderListService } from './elders.service';
import { HttpRealNameCheck } from './http-real-name-check';
import { AccountRepository, FamilyMemberRepository } from './identity.repository';
import { IdentityModule } from './identity.module';
import { ProxiesController, RealNameController, StaffProxiesController } from './proxies.controller';
import { ProxyRepository } from './proxies.repository';
import { ProxyService } from './proxy.service';
import { RealNameCheck } from './real-name-check.port';
import { RealNameService } from './real-name.service';
import { RegistryNames } from './registry-names';

// who may act for whom: real-name checks (WeChat 人脸核身 through the shared access token), household matches through
// the civil-affairs registry, staff confirmation, invitations, revocation, and staff's elder list with registry names.
// Separate from IdentityModule because it needs notifications (access token) and civil affairs, which import identity.
// Other modules ask "who may act for whom" through IdentityModule's ProxyDirectory.
@Module({
  imports: [IdentityModule, NotificationsModule, CivilAffairsModule],
  controllers: [RealNameController, ProxiesController, StaffProxiesController],
  providers: [
    ProxyService, RealNameService, ElderListService, RegistryNames, ProxyRepository, AccountRepository, FamilyMemberRepository,
    { provide: RealNameCheck, useClass: HttpRealNameCheck },
  ],
})
export class ProxiesModule {}
