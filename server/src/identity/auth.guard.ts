import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, type RouteDef } from '@jianban/shared';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { ROUTE_KEY } from '../common/route.decorators';
import type { Caller } from './caller';
import { SessionService } from './session.service';

// every handler is bound to a shared route; its `auth` and `roles` decide who may call it
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const route = this.reflector.get<RouteDef | undefined>(ROUTE_KEY, ctx.getHandler());
    if (!route) throw new DomainError(ErrorCode.Forbidden, 'handler is not bound to a shared route');
    if (route.auth === 'public') return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    const header = req.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header)?.[1];
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'login required');
    const caller = await this.sessions.authenticate(token);
    req.caller = caller;
    if (route.auth === 'resident' && caller.kind !== 'resident') throw new DomainError(ErrorCode.Forbidden, 'residents only');
    if (route.auth === 'staff') {
      if (caller.kind !== 'staff') throw new DomainError(ErrorCode.Forbidden, 'staff only');
      if (route.roles && !route.roles.includes(caller.role)) throw new DomainError(ErrorCode.Forbidden, `role ${caller.role} may not call this`);
    }
    if (caller.kind === 'staff' && caller.mustChangePassword && !route.whileTemporaryPassword) {
      throw new DomainError(ErrorCode.PasswordChangeRequired, 'the temporary password must be replaced first');
    }
    // a sensitive action: the password re-entered within the last few minutes (recorded on the login in the database)
    if (route.stepUp) await this.sessions.assertSteppedUp(caller);
    return true;
  }
}
