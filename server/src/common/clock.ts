import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@jianban/shared';

export abstract class Clock {
  abstract now(): Date;
  today(): string {
    return shanghaiDate(this.now());
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** the system clock shifted by DEV_CLOCK_OFFSET_SECONDS: lets a browser test run a flow at a set hour (never in production) */
export class ShiftedClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
