import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ChangeOwnPasswordInput, type CreateStaffInput, type StaffAccountsQuery, type UpdateStaffInput } from '@jianban/shared';
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
  list(@RouteInput(routes.listStaffAccounts) q: StaffAccountsQuery, @CurrentUser() caller: Staff) {
    return this.staff.list(caller, q);
  }

  @Endpoint(routes.getStaffAccount)
  detail(@RouteParams(routes.getStaffAccount) p: { id: string }, @RouteInput(routes.getStaffAccount) _q: object, @CurrentUser() caller: Staff) {
    return this.staff.detail(caller, p.id);
  }

  @Endpoint(routes.createStaffAccount)
  create(@RouteInput(routes.createStaffAccount) body: CreateStaffInput, @CurrentUser() caller: Staff) {
    return this.staff.create(caller, body);
  }

  @Endpoint(routes.updateStaffAccount)
  update(@RouteParams(routes.updateStaffAccount) p: { id: string }, @RouteInput(routes.updateStaffAccount) body: UpdateStaffInput, @CurrentUser() caller: Staff) {
    return this.staff.update(caller, p.id, body);
  }

  @Endpoint(routes.setStaffAccountActive)
  setActive(@RouteParams(routes.setStaffAccountActive) p: { id: string }, @RouteInput(routes.setStaffAccountActive) body: { active: boolean }, @CurrentUser() caller: Staff) {
    return this.staff.setActive(caller, p.id, body.active);
  }

  @Endpoint(routes.resetStaffPassword)
  reset(@RouteParams(routes.resetStaffPassword) p: { id: string }, @RouteInput(routes.resetStaffPassword) _body: object, @CurrentUser() caller: Staff) {
    return this.staff.resetPassword(caller, p.id);
  }

  @Endpoint(routes.changeOwnPassword)
  async changeOwnPassword(@RouteInput(routes.changeOwnPassword) body: ChangeOwnPasswordInput, @CurrentUser() caller: Staff) {
    await this.staff.changeOwnPassword(caller, body);
    return { ok: true as const };
  }
}
