import { Module } from '@nestjs/common';
import { CivilAffairsModule } from '../../civil-affairs/civil-affairs.module';
import { IdentityModule } from '../../identity/identity.module';
import { OutboxModule } from '../../notifications/outbox.module';
import { AllowanceModule } from '../allowance.module';
import { LedgerCommunityController, LedgerDistrictController, LedgerFamilyController } from './ledger.controller';
import { LedgerDesk } from './ledger.desk';
import { LedgerFiles } from './ledger.files';
import { LedgerJob } from './ledger.job';
import { LedgerMonths } from './ledger.months';
import { LedgerNotices } from './ledger.notices';
import { LedgerReverify } from './ledger.reverify';
import { LedgerRuns } from './ledger.runs';
import { PaymentSettingsService } from './ledger.settings';

// the senior allowance's ledger (issue 12 part 2): recipients, monthly entitlements, rosters and bank returns,
// re-verification against the registry, 免申即享 candidates. Runs are chunked under leases so instances share them.
@Module({
  imports: [IdentityModule, OutboxModule, CivilAffairsModule, AllowanceModule],
  controllers: [LedgerFamilyController, LedgerDistrictController, LedgerCommunityController],
  providers: [PaymentSettingsService, LedgerRuns, LedgerMonths, LedgerFiles, LedgerReverify, LedgerNotices, LedgerDesk, LedgerJob],
  exports: [LedgerMonths, LedgerReverify, LedgerFiles],
})
export class LedgerModule {}
