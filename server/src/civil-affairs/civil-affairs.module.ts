import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import type { Logger } from 'pino';
import { AppConfig, ConfigError } from '../common/config';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { PiiCipher } from '../common/pii-cipher';
import { CivilAffairsRegistry } from './civil-affairs.port';
import { DistrictCopyRegistry } from './district-copy.adapter';
import { RegistryImportRepository } from './import/registry-import.repository';
import { RegistryImportService } from './import/registry-import.service';
import { RegistryImportsDesk } from './import/registry-imports.desk';
import { RegistryImportsController } from './registry-imports.controller';
import { HttpRegistryAdapter } from './http-registry.adapter';
import { RegistryRepository } from './registry.repository';

// the civil-affairs registry behind its port; config (CIVIL_AFFAIRS_SOURCE) picks the adapter. No business rules here.
// Also the district copy's imports: the registry:import CLI and district staff's list of imports with their reports.
@Module({
  imports: [IdentityModule],
  controllers: [RegistryImportsController],
  providers: [
    RegistryRepository, RegistryImportRepository, RegistryImportService, RegistryImportsDesk,
    {
      provide: CivilAffairsRegistry,
      inject: [AppConfig, Db, PiiCipher, RegistryRepository, PINO],
      useFactory: (config: AppConfig, db: Db, cipher: PiiCipher, people: RegistryRepository, log: Logger): CivilAffairsRegistry => {
        if (config.civilAffairs.source === 'district-copy') return new DistrictCopyRegistry(db, cipher, people, config);
        if (config.civilAffairs.source === 'data-sharing') return new HttpRegistryAdapter(config.civilAffairs.sharing, log.child({ module: 'civil-affairs' }));
        throw new ConfigError(`CIVIL_AFFAIRS_SOURCE=${config.civilAffairs.source}: no adapter for it in this build`);
      },
    },
  ],
  exports: [CivilAffairsRegistry],
})
export class CivilAffairsModule {}
