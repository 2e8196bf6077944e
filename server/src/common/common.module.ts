import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppConfig } from './config';
import { Clock, ShiftedClock, SystemClock } from './clock';
import { Db } from './db';
import { JobLeaseRepository } from './job-lease.repository';
import { PINO } from './logger';
import { PiiCipher } from './pii-cipher';
import { RateLimiter, RateLimitRepository } from './rate-limiter';

@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig, log: Logger): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: PINO, useValue: log },
        config.clockOffsetMs ? { provide: Clock, useValue: new ShiftedClock(config.clockOffsetMs) } : { provide: Clock, useClass: SystemClock },
        { provide: Db, useFactory: (ds: DataSource) => new Db(ds, config.db.driver === 'mariadb' ? config.db.conflictRetryMs : 0), inject: [DataSource] },
        PiiCipher, RateLimiter, RateLimitRepository, JobLeaseRepository,
      ],
      exports: [AppConfig, PINO, Clock, Db, PiiCipher, RateLimiter, RateLimitRepository, JobLeaseRepository],
    };
  }
}
