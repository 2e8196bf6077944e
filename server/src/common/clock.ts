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
