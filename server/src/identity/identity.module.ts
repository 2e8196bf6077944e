import { Module } from '@nestjs/common';
import { OutboxModule } from '../notifications/outbox.module';
import { AccountDirectory } from './account.directory';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FamilyService } from './family.service';
import { H5RefreshCookie } from './h5-refresh-cookie';
import { HousekeepingService } from './housekeeping.service';
import { HttpWechatClient } from './http-wechat.client';
import { AuthController, FamilyController, RegionController } from './identity.controller';
import { AccountRepository, FamilyMemberRepository, RegionRepository, SessionRepository } from './identity.repository';
import { PeopleDirectory } from './people.directory';
import { ProxyDirectory } from './proxy.directory';
import { ProxyRepository } from './proxies.repository';
import { RegionScope } from './region.scope';
import { RegionHoldController } from './region-holds.controller';
import { RegionHoldRepository } from './region-holds.repository';
import { RegionHoldService } from './region-holds.service';
import { SessionService } from './session.service';
import { StaffDirectoryService } from './staff.service';
import { StaffAdminController } from './staff-admin.controller';
import { StaffAdminRepository } from './staff-admin.repository';
import { StaffAdminService } from './staff-admin.service';
import { WechatAuthPort } from './wechat-auth.port';

@Module({
  imports: [OutboxModule],
  controllers: [AuthController, FamilyController, RegionController, StaffAdminController, RegionHoldController],
  providers: [
    AccountDirectory, PeopleDirectory, AuthGuard, H5RefreshCookie, HousekeepingService, AuthService, FamilyService, SessionService, StaffDirectoryService, RegionScope,
    AccountRepository, FamilyMemberRepository, RegionRepository, SessionRepository, StaffAdminService, StaffAdminRepository,
    ProxyRepository, ProxyDirectory, RegionHoldRepository, RegionHoldService,
    { provide: WechatAuthPort, useClass: HttpWechatClient },
  ],
  exports: [AuthGuard, SessionService, RegionScope, AccountDirectory, PeopleDirectory, ProxyDirectory],
})
export class IdentityModule {}
