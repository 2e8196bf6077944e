import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/identity.module';
import { AllowanceAccess } from '../allowance.access';
import { AllowancePolicyService } from '../allowance.policy';
import { AllowanceRepository } from '../allowance.repository';
import { PaymentSettingsService } from '../ledger/ledger.settings';
import { PayviewController } from './payview.controller';
import { PayviewRepository } from './payview.repository';
import { PayviewService } from './payview.service';

// issue 12 items 6 and 7: the family's payments view and the district figures, read from the ledger's tables
@Module({
  imports: [IdentityModule],
  controllers: [PayviewController],
  providers: [PayviewService, PayviewRepository, AllowanceAccess, AllowancePolicyService, AllowanceRepository, PaymentSettingsService],
})
export class PayviewModule {}
