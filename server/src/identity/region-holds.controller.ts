import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from './auth.guard';
import { CurrentUser, type Caller } from './caller';
import { RegionHoldService } from './region-holds.service';

type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
export class RegionHoldController {
  constructor(private readonly holds: RegionHoldService) {}

  @Endpoint(routes.listRegionHolds)
  list(@RouteInput(routes.listRegionHolds) _q: ParsedInput<typeof routes.listRegionHolds>) {
    return this.holds.list();
  }

  @Endpoint(routes.assignRegionHold)
  assign(@RouteParams(routes.assignRegionHold) p: ParsedParams<typeof routes.assignRegionHold>, @RouteInput(routes.assignRegionHold) body: ParsedInput<typeof routes.assignRegionHold>, @CurrentUser() caller: Staff) {
    return this.holds.assign(caller, p.heldCode, body.regionCode);
  }
}
