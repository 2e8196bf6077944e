import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, ConfigError } from '../common/config';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { PiiCipher } from '../common/pii-cipher';
import { CivilAffairsRegistry } from './civil-affairs.port';
import { DistrictCopyRegistry } from './district-copy.adapter';
import { HttpRegistryAdapter } from './http-registry.adapter';
import { RegistryRepository } from './registry.repository';

// the civil-affairs registry behind its port; config (CIVIL_AFFAIRS_SOURCE) picks the adapter. No business rules here.
@Module({
  providers: [
    RegistryRepository,
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
