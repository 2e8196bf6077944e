import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { AllowanceReviewService } from './allowance-review.service';
import { AllowancePolicyService } from './allowance.policy';
import { AllowanceService } from './allowance.service';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

@Controller()
@UseGuards(AuthGuard)
export class AllowanceController {
  constructor(
    private readonly allowance: AllowanceService,
    private readonly policy: AllowancePolicyService,
  ) {}

  @Endpoint(routes.allowancePolicy)
  getPolicy(@RouteInput(routes.allowancePolicy) _q: ParsedInput<typeof routes.allowancePolicy>) {
    return this.policy.view();
  }

  @Endpoint(routes.applyAllowance)
  apply(@RouteInput(routes.applyAllowance) b: ParsedInput<typeof routes.applyAllowance>, @CurrentUser() c: Resident) {
    return this.allowance.apply(c, b);
  }

  @Endpoint(routes.myAllowanceApplications)
  mine(@RouteInput(routes.myAllowanceApplications) q: ParsedInput<typeof routes.myAllowanceApplications>, @CurrentUser() c: Resident) {
    return this.allowance.mine(c, q.page, q.pageSize);
  }

  @Endpoint(routes.getAllowanceApplication)
  get(@RouteParams(routes.getAllowanceApplication) p: ParsedParams<typeof routes.getAllowanceApplication>, @RouteInput(routes.getAllowanceApplication) _q: ParsedInput<typeof routes.getAllowanceApplication>, @CurrentUser() c: Resident) {
    return this.allowance.get(c, p.id);
  }

  @Endpoint(routes.resubmitAllowanceApplication)
  resubmit(@RouteParams(routes.resubmitAllowanceApplication) p: ParsedParams<typeof routes.resubmitAllowanceApplication>, @RouteInput(routes.resubmitAllowanceApplication) b: ParsedInput<typeof routes.resubmitAllowanceApplication>, @CurrentUser() c: Resident) {
    return this.allowance.resubmit(c, p.id, b);
  }

  @Endpoint(routes.withdrawAllowanceConsent)
  withdraw(@RouteParams(routes.withdrawAllowanceConsent) p: ParsedParams<typeof routes.withdrawAllowanceConsent>, @RouteInput(routes.withdrawAllowanceConsent) b: ParsedInput<typeof routes.withdrawAllowanceConsent>, @CurrentUser() c: Resident) {
    return this.allowance.withdrawConsent(c, p.id, b);
  }

  @Endpoint(routes.reportAllowanceDeath)
  reportDeath(@RouteParams(routes.reportAllowanceDeath) p: ParsedParams<typeof routes.reportAllowanceDeath>, @RouteInput(routes.reportAllowanceDeath) b: ParsedInput<typeof routes.reportAllowanceDeath>, @CurrentUser() c: Resident) {
    return this.allowance.reportDeath(c, p.id, b);
  }

  @Endpoint(routes.allowancePublicity)
  publicity(@RouteParams(routes.allowancePublicity) p: ParsedParams<typeof routes.allowancePublicity>, @RouteInput(routes.allowancePublicity) q: ParsedInput<typeof routes.allowancePublicity>) {
    return this.allowance.publicity(p.code, q.page, q.pageSize);
  }

  @Endpoint(routes.raiseAllowanceObjection)
  object(@RouteParams(routes.raiseAllowanceObjection) p: ParsedParams<typeof routes.raiseAllowanceObjection>, @RouteInput(routes.raiseAllowanceObjection) b: ParsedInput<typeof routes.raiseAllowanceObjection>, @CurrentUser() c: Resident) {
    return this.allowance.raiseObjection(c, p.id, b.reason);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class StaffAllowanceController {
  constructor(
    private readonly review: AllowanceReviewService,
    private readonly policy: AllowancePolicyService,
  ) {}

  @Endpoint(routes.staffAllowanceQueue)
  queue(@RouteParams(routes.staffAllowanceQueue) p: ParsedParams<typeof routes.staffAllowanceQueue>, @RouteInput(routes.staffAllowanceQueue) q: ParsedInput<typeof routes.staffAllowanceQueue>, @CurrentUser() s: Staff) {
    return this.review.queue(s, p.code, q.view, q.page, q.pageSize);
  }

  @Endpoint(routes.staffAllowanceReviews)
  reviews(@RouteParams(routes.staffAllowanceReviews) p: ParsedParams<typeof routes.staffAllowanceReviews>, @RouteInput(routes.staffAllowanceReviews) q: ParsedInput<typeof routes.staffAllowanceReviews>, @CurrentUser() s: Staff) {
    return this.review.reviews(s, p.code, q.stage, q.page, q.pageSize);
  }

  @Endpoint(routes.staffGetAllowanceApplication)
  get(@RouteParams(routes.staffGetAllowanceApplication) p: ParsedParams<typeof routes.staffGetAllowanceApplication>, @RouteInput(routes.staffGetAllowanceApplication) _q: ParsedInput<typeof routes.staffGetAllowanceApplication>, @CurrentUser() s: Staff) {
    return this.review.detail(s, p.id);
  }

  @Endpoint(routes.staffTakeAllowanceApplication)
  take(@RouteParams(routes.staffTakeAllowanceApplication) p: ParsedParams<typeof routes.staffTakeAllowanceApplication>, @RouteInput(routes.staffTakeAllowanceApplication) _b: ParsedInput<typeof routes.staffTakeAllowanceApplication>, @CurrentUser() s: Staff) {
    return this.review.take(s, p.id);
  }

  @Endpoint(routes.staffDecideAllowance)
  decide(@RouteParams(routes.staffDecideAllowance) p: ParsedParams<typeof routes.staffDecideAllowance>, @RouteInput(routes.staffDecideAllowance) b: ParsedInput<typeof routes.staffDecideAllowance>, @CurrentUser() s: Staff) {
    return this.review.decide(s, p.id, b);
  }

  @Endpoint(routes.staffRevealAllowanceField)
  reveal(@RouteParams(routes.staffRevealAllowanceField) p: ParsedParams<typeof routes.staffRevealAllowanceField>, @RouteInput(routes.staffRevealAllowanceField) b: ParsedInput<typeof routes.staffRevealAllowanceField>, @CurrentUser() s: Staff) {
    return this.review.reveal(s, p.id, b.field, b.reason);
  }

  @Endpoint(routes.staffResolveAllowanceObjection)
  resolve(@RouteParams(routes.staffResolveAllowanceObjection) p: ParsedParams<typeof routes.staffResolveAllowanceObjection>, @RouteInput(routes.staffResolveAllowanceObjection) b: ParsedInput<typeof routes.staffResolveAllowanceObjection>, @CurrentUser() s: Staff) {
    return this.review.resolveObjection(s, p.id, b.resolution);
  }

  @Endpoint(routes.staffCounterApplyAllowance)
  counter(@RouteParams(routes.staffCounterApplyAllowance) p: ParsedParams<typeof routes.staffCounterApplyAllowance>, @RouteInput(routes.staffCounterApplyAllowance) b: ParsedInput<typeof routes.staffCounterApplyAllowance>, @CurrentUser() s: Staff) {
    return this.review.counterApply(s, p.code, b);
  }

  @Endpoint(routes.staffConfirmAllowanceDeath)
  confirmDeath(@RouteParams(routes.staffConfirmAllowanceDeath) p: ParsedParams<typeof routes.staffConfirmAllowanceDeath>, @RouteInput(routes.staffConfirmAllowanceDeath) b: ParsedInput<typeof routes.staffConfirmAllowanceDeath>, @CurrentUser() s: Staff) {
    return this.review.confirmDeath(s, p.id, b);
  }

  @Endpoint(routes.staffPrintAllowancePublicity)
  printPublicity(@RouteParams(routes.staffPrintAllowancePublicity) p: ParsedParams<typeof routes.staffPrintAllowancePublicity>, @RouteInput(routes.staffPrintAllowancePublicity) _q: ParsedInput<typeof routes.staffPrintAllowancePublicity>, @CurrentUser() s: Staff) {
    return this.review.printPublicity(s, p.code);
  }

  @Endpoint(routes.staffUpdateAllowancePolicy)
  updatePolicy(@RouteInput(routes.staffUpdateAllowancePolicy) b: ParsedInput<typeof routes.staffUpdateAllowancePolicy>, @CurrentUser() s: Staff) {
    return this.policy.update(s.staffId, b);
  }
}
