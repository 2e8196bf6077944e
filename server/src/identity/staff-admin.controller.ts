import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from './auth.guard';
import { CurrentUser, type Caller } from './caller';
import { StaffAdminService } from './staff-admin.service';

type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
export class StaffAdminController {
  constructor(private readonly staff: StaffAdminService) {}

  @Endpoint(routes.listStaffAccounts)
  list(@RouteInput(routes.listStaffAccounts) q: ParsedInput<typeof routes.listStaffAccounts>, @CurrentUser() caller: Staff) {
    return this.staff.list(caller, q);
  }

  @Endpoint(routes.getStaffAccount)
  detail(@RouteParams(routes.getStaffAccount) p: ParsedParams<typeof routes.getStaffAccount>, @RouteInput(routes.getStaffAccount) _q: ParsedInput<typeof routes.getStaffAccount>, @CurrentUser() caller: Staff) {
    return this.staff.detail(caller, p.id);
  }

  @Endpoint(routes.createStaffAccount)
  create(@RouteInput(routes.createStaffAccount) body: ParsedInput<typeof routes.createStaffAccount>, @CurrentUser() caller: Staff) {
    return this.staff.create(caller, body);
  }

  @Endpoint(routes.updateStaffAccount)
  update(@RouteParams(routes.updateStaffAccount) p: ParsedParams<typeof routes.updateStaffAccount>, @RouteInput(routes.updateStaffAccount) body: ParsedInput<typeof routes.updateStaffAccount>, @CurrentUser() caller: Staff) {
    return this.staff.update(caller, p.id, body);
  }

  @Endpoint(routes.setStaffAccountActive)
  setActive(@RouteParams(routes.setStaffAccountActive) p: ParsedParams<typeof routes.setStaffAccountActive>, @RouteInput(routes.setStaffAccountActive) body: ParsedInput<typeof routes.setStaffAccountActive>, @CurrentUser() caller: Staff) {
    return this.staff.setActive(caller, p.id, body.active);
  }

  @Endpoint(routes.resetStaffPassword)
  reset(@RouteParams(routes.resetStaffPassword) p: ParsedParams<typeof routes.resetStaffPassword>, @RouteInput(routes.resetStaffPassword) _body: ParsedInput<typeof routes.resetStaffPassword>, @CurrentUser() caller: Staff) {
    return this.staff.resetPassword(caller, p.id);
  }

  @Endpoint(routes.changeOwnPassword)
  async changeOwnPassword(@RouteInput(routes.changeOwnPassword) body: ParsedInput<typeof routes.changeOwnPassword>, @CurrentUser() caller: Staff) {
    await this.staff.changeOwnPassword(caller, body);
    return { ok: true as const };
  }
}
