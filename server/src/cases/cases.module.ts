import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseKit } from './case-kit.service';
import { CaseRepository } from './case.repository';

// the case kit: ownership (首问负责), case log, hand-over, overdue flags, log views — see README.md. Modules import
// CasesModule and inject CaseKit; the repository and entities stay inside.
@Module({
  imports: [IdentityModule, NotificationsModule],
  providers: [CaseKit, CaseRepository],
  exports: [CaseKit],
})
export class CasesModule {}
