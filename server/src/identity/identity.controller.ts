import { Controller, Ip, UseGuards, UseInterceptors } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CurrentUser, type Caller } from './caller';
import { FamilyService } from './family.service';
import { H5RefreshCookie } from './h5-refresh-cookie';
import { SessionService } from './session.service';
import { StaffDirectoryService } from './staff.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
@UseInterceptors(H5RefreshCookie)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Endpoint(routes.wechatLogin)
  wechatLogin(@RouteInput(routes.wechatLogin) body: ParsedInput<typeof routes.wechatLogin>, @Ip() ip: string) {
    return this.auth.wechatLogin(body.code, ip);
  }

  @Endpoint(routes.staffLogin)
  staffLogin(@RouteInput(routes.staffLogin) body: ParsedInput<typeof routes.staffLogin>, @Ip() ip: string) {
    return this.auth.staffLogin(body.username, body.password, ip);
  }

  @Endpoint(routes.refreshSession)
  refresh(@RouteInput(routes.refreshSession) body: ParsedInput<typeof routes.refreshSession>) {
    return this.sessions.refresh(body.refreshToken);
  }

  @Endpoint(routes.logout)
  async logout(@RouteInput(routes.logout) _body: ParsedInput<typeof routes.logout>, @CurrentUser() caller: Caller) {
    await this.sessions.revoke(caller);
    return { ok: true as const };
  }

  @Endpoint(routes.devWechatCode)
  async devWechatCode(@RouteInput(routes.devWechatCode) body: ParsedInput<typeof routes.devWechatCode>, @Ip() ip: string) {
    return { code: await this.auth.devCode(body.user, ip) };
  }

  @Endpoint(routes.updateMe)
  updateMe(@RouteInput(routes.updateMe) body: ParsedInput<typeof routes.updateMe>, @CurrentUser() caller: Resident) {
    return this.auth.rename(caller, body.displayName);
  }

  @Endpoint(routes.staffStepUp)
  stepUp(@RouteInput(routes.staffStepUp) body: ParsedInput<typeof routes.staffStepUp>, @CurrentUser() caller: Staff) {
    return this.auth.stepUp(caller, body.password);
  }

  @Endpoint(routes.me)
  me(@RouteInput(routes.me) _q: ParsedInput<typeof routes.me>, @CurrentUser() caller: Caller) {
    return this.auth.me(caller);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class FamilyController {
  constructor(private readonly family: FamilyService) {}

  @Endpoint(routes.listFamilyMembers)
  list(@RouteInput(routes.listFamilyMembers) _q: ParsedInput<typeof routes.listFamilyMembers>, @CurrentUser() caller: Resident) {
    return this.family.list(caller);
  }

  @Endpoint(routes.addFamilyMember)
  add(@RouteInput(routes.addFamilyMember) body: ParsedInput<typeof routes.addFamilyMember>, @CurrentUser() caller: Resident) {
    return this.family.add(caller, body);
  }

  @Endpoint(routes.removeFamilyMember)
  async remove(@RouteParams(routes.removeFamilyMember) p: ParsedParams<typeof routes.removeFamilyMember>, @RouteInput(routes.removeFamilyMember) _q: ParsedInput<typeof routes.removeFamilyMember>, @CurrentUser() caller: Resident) {
    await this.family.remove(caller, p.id);
    return { ok: true as const };
  }
}

@Controller()
@UseGuards(AuthGuard)
export class RegionController {
  constructor(
    private readonly staff: StaffDirectoryService,
    private readonly auth: AuthService,
  ) {}

  @Endpoint(routes.regions)
  regions(@RouteInput(routes.regions) _q: ParsedInput<typeof routes.regions>) {
    return this.staff.listRegions();
  }

  @Endpoint(routes.bindStaffWechat)
  bindWechat(@RouteInput(routes.bindStaffWechat) body: ParsedInput<typeof routes.bindStaffWechat>, @CurrentUser() caller: Staff) {
    return this.auth.bindStaffWechat(caller.staffId, body.code);
  }
}
