import { DynamicModule, Global, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { limitStatementTime } from '../database/data-source';
import type { Logger } from 'pino';
import { AppConfig } from '../config';
import { Clock, ShiftedClock, SystemClock } from './clock';
import { Db } from './db';
import { PINO } from './logger';
import { PiiCipher } from './pii-cipher';
import { RateLimiter, RateLimitRepository } from './rate-limiter';

@Injectable()
class StatementTimeLimit implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}
  onApplicationBootstrap() {
    limitStatementTime(this.ds, this.config.db);
  }
}

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
        Db, PiiCipher, RateLimiter, RateLimitRepository, StatementTimeLimit,
      ],
      exports: [AppConfig, PINO, Clock, Db, PiiCipher, RateLimiter, RateLimitRepository],
    };
  }
}
