import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CivilAffairsModule } from '../civil-affairs/civil-affairs.module';
import { IdentityModule } from '../identity/identity.module';
import { OutboxModule } from '../notifications/outbox.module';
import { AllowanceReviewService } from './allowance-review.service';
import { AllowanceAccess } from './allowance.access';
import { AllowanceChecker } from './allowance.checker';
import { AllowanceController, StaffAllowanceController } from './allowance.controller';
import { AllowanceJob } from './allowance.job';
import { AllowanceNotices } from './allowance.notices';
import { AllowancePolicyService } from './allowance.policy';
import { AllowanceRepository } from './allowance.repository';
import { AllowanceService } from './allowance.service';
import { AllowanceViews } from './allowance.views';

// the senior allowance (issue 11 part 1): application, automatic checks against the registry, staged approval on the
// case kit, 公示 and objections, status messages through the outbox. No route takes a file.
@Module({
  imports: [IdentityModule, OutboxModule, CasesModule, CivilAffairsModule],
  controllers: [AllowanceController, StaffAllowanceController],
  providers: [
    AllowanceService, AllowanceReviewService, AllowancePolicyService, AllowanceChecker, AllowanceAccess, AllowanceNotices, AllowanceViews, AllowanceJob,
    AllowanceRepository,
  ],
  // the ledger (./ledger) reuses the application flow, the access rule and the policy
  exports: [AllowanceService, AllowanceAccess, AllowancePolicyService],
})
export class AllowanceModule {}
