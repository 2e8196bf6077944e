import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { CommonModule } from './common/common.module';
import { ErrorsFilter } from './common/errors.filter';
import { AppConfig } from './common/config';
import { dataSourceOptions } from './database/data-source';
import { LocalWechatPeerModule } from './dev/local-wechat-peer.module';
import { BookingModule } from './booking/booking.module';
import { CasesModule } from './cases/cases.module';
import { AllowanceModule } from './allowance/allowance.module';
import { LedgerModule } from './allowance/ledger/ledger.module';
import { CatalogModule } from './catalog/catalog.module';
import { CivilAffairsModule } from './civil-affairs/civil-affairs.module';
import { IdentityModule } from './identity/identity.module';
import { ProxiesModule } from './identity/proxies.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PayviewModule } from './allowance/payview/payview.module';
import { HealthService } from './system/health.service';
import { DocsController, SystemController } from './system/system.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, log: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config, log),
        // migrations ran before (createApp), on an admin data source without the serving limits
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.db, 'serve'), retryAttempts: 3, retryDelay: 1000 }),
        IdentityModule,
        CatalogModule,
        NotificationsModule,
        BookingModule,
        CivilAffairsModule,
        CasesModule,
        AllowanceModule,
        ProxiesModule,
        LedgerModule,
        PayviewModule,
        // development-only calls to the local WeChat peer (dev login code, template registration): never in production
        ...(config.env === 'production' ? [] : [LocalWechatPeerModule]),
      ],
      // the API document is a setting (API_DOCS), off by default in production
      controllers: config.apiDocs ? [SystemController, DocsController] : [SystemController],
      providers: [HealthService, { provide: APP_FILTER, useClass: ErrorsFilter }],
    };
  }
}
