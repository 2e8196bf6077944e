import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../../common/route.decorators';
import { AuthGuard } from '../../identity/auth.guard';
import { CurrentUser, type Caller } from '../../identity/caller';
import { PayviewService } from './payview.service';

type Resident = Extract<Caller, { kind: 'resident' }>;

@Controller()
@UseGuards(AuthGuard)
export class PayviewController {
  constructor(private readonly payview: PayviewService) {}

  @Endpoint(routes.familyPayments)
  familyPayments(@RouteParams(routes.familyPayments) p: ParsedParams<typeof routes.familyPayments>, @RouteInput(routes.familyPayments) q: ParsedInput<typeof routes.familyPayments>, @CurrentUser() c: Resident) {
    return this.payview.familyPayments(c, p.id, q.months);
  }

  @Endpoint(routes.districtPayFigures)
  figures(@RouteInput(routes.districtPayFigures) q: ParsedInput<typeof routes.districtPayFigures>) {
    return this.payview.districtFigures(q.from, q.to);
  }

  @Endpoint(routes.exportDistrictPayFigures)
  exportFigures(@RouteInput(routes.exportDistrictPayFigures) q: ParsedInput<typeof routes.exportDistrictPayFigures>) {
    return this.payview.exportDistrictFigures(q.from, q.to);
  }
}
