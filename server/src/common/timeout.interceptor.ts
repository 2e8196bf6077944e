import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { AppConfig } from '../config';
import { DomainError } from './domain-error';

// no request hangs: a handler that has not answered in time gets a 503 with a code
@Injectable()
export class TimeoutInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(this.config.limits.handlerMs),
      catchError((err) =>
        throwError(() => (err instanceof TimeoutError ? new DomainError(ErrorCode.Timeout, `handler took longer than ${this.config.limits.handlerMs} ms`) : err)),
      ),
    );
  }
}
