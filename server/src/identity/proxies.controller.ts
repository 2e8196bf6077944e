import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from './auth.guard';
import { CurrentUser, type Caller } from './caller';
import { ElderListService } from './elders.service';
import { ProxyService } from './proxy.service';
import { RealNameService } from './real-name.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
export class RealNameController {
  constructor(private readonly realName: RealNameService) {}

  @Endpoint(routes.myVerification)
  mine(@RouteInput(routes.myVerification) _q: ParsedInput<typeof routes.myVerification>, @CurrentUser() caller: Resident) {
    return this.realName.mine(caller);
  }

  @Endpoint(routes.startRealNameCheck)
  start(@RouteInput(routes.startRealNameCheck) body: ParsedInput<typeof routes.startRealNameCheck>, @CurrentUser() caller: Resident) {
    return this.realName.start(caller, body);
  }

  @Endpoint(routes.finishRealNameCheck)
  finish(@RouteParams(routes.finishRealNameCheck) p: ParsedParams<typeof routes.finishRealNameCheck>, @RouteInput(routes.finishRealNameCheck) _b: ParsedInput<typeof routes.finishRealNameCheck>, @CurrentUser() caller: Resident) {
    return this.realName.finish(caller, p.id);
  }

  @Endpoint(routes.staffVerifyResident)
  verifyAtCounter(@RouteParams(routes.staffVerifyResident) p: ParsedParams<typeof routes.staffVerifyResident>, @RouteInput(routes.staffVerifyResident) body: ParsedInput<typeof routes.staffVerifyResident>, @CurrentUser() caller: Staff) {
    return this.realName.verifyAtCounter(caller, p.id, body);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class ProxiesController {
  constructor(private readonly proxies: ProxyService) {}

  @Endpoint(routes.checkHousehold)
  household(@RouteParams(routes.checkHousehold) p: ParsedParams<typeof routes.checkHousehold>, @RouteInput(routes.checkHousehold) _b: ParsedInput<typeof routes.checkHousehold>, @CurrentUser() caller: Resident) {
    return this.proxies.checkHousehold(caller, p.id);
  }

  @Endpoint(routes.createProxyInvitation)
  invite(@RouteParams(routes.createProxyInvitation) p: ParsedParams<typeof routes.createProxyInvitation>, @RouteInput(routes.createProxyInvitation) _b: ParsedInput<typeof routes.createProxyInvitation>, @CurrentUser() caller: Resident) {
    return this.proxies.createInvitation(caller, p.id);
  }

  @Endpoint(routes.previewProxyInvitation)
  preview(@RouteInput(routes.previewProxyInvitation) body: ParsedInput<typeof routes.previewProxyInvitation>, @CurrentUser() caller: Resident) {
    return this.proxies.previewInvitation(caller, body.code);
  }

  @Endpoint(routes.acceptProxyInvitation)
  accept(@RouteInput(routes.acceptProxyInvitation) body: ParsedInput<typeof routes.acceptProxyInvitation>, @CurrentUser() caller: Resident) {
    return this.proxies.acceptInvitation(caller, body.code);
  }

  @Endpoint(routes.listMyProxies)
  mine(@RouteInput(routes.listMyProxies) _q: ParsedInput<typeof routes.listMyProxies>, @CurrentUser() caller: Resident) {
    return this.proxies.myProxies(caller);
  }

  @Endpoint(routes.revokeMyProxy)
  revoke(@RouteParams(routes.revokeMyProxy) p: ParsedParams<typeof routes.revokeMyProxy>, @RouteInput(routes.revokeMyProxy) _b: ParsedInput<typeof routes.revokeMyProxy>, @CurrentUser() caller: Resident) {
    return this.proxies.revokeByElder(caller, p.id);
  }

  @Endpoint(routes.withdrawProxyConsent)
  withdraw(@RouteInput(routes.withdrawProxyConsent) _b: ParsedInput<typeof routes.withdrawProxyConsent>, @CurrentUser() caller: Resident) {
    return this.proxies.withdrawConsent(caller);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class StaffProxiesController {
  constructor(
    private readonly proxies: ProxyService,
    private readonly elders: ElderListService,
  ) {}

  @Endpoint(routes.communityElders)
  list(@RouteParams(routes.communityElders) p: ParsedParams<typeof routes.communityElders>, @RouteInput(routes.communityElders) q: ParsedInput<typeof routes.communityElders>, @CurrentUser() caller: Staff) {
    return this.elders.communityElders(caller, p.code, q);
  }

  @Endpoint(routes.staffConfirmProxy)
  confirm(@RouteParams(routes.staffConfirmProxy) p: ParsedParams<typeof routes.staffConfirmProxy>, @RouteInput(routes.staffConfirmProxy) body: ParsedInput<typeof routes.staffConfirmProxy>, @CurrentUser() caller: Staff) {
    return this.proxies.confirmByStaff(caller, p.id, body);
  }

  @Endpoint(routes.staffRevokeProxy)
  revoke(@RouteParams(routes.staffRevokeProxy) p: ParsedParams<typeof routes.staffRevokeProxy>, @RouteInput(routes.staffRevokeProxy) body: ParsedInput<typeof routes.staffRevokeProxy>, @CurrentUser() caller: Staff) {
    return this.proxies.revokeByStaff(caller, p.id, body.reason);
  }
}
