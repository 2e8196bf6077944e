import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, routes, type RouteDef, type SessionView } from '@jianban/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { AppConfig } from '../config';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ROUTE_KEY } from '../common/route.decorators';

/** the H5 build says who it is with this header on every call; a cross-site form cannot set it, and a cross-origin
 * fetch that sets it needs a CORS preflight this server never grants */
export const H5_CLIENT_HEADER = 'x-jianban-client';
export const REFRESH_COOKIE = 'jb_refresh';
// the cookie goes to the refresh route only: no other request (and no log of one) ever carries it
export const REFRESH_COOKIE_PATH = '/api/auth/refresh';

const SESSION_ROUTES: RouteDef[] = [routes.wechatLogin, routes.staffLogin, routes.refreshSession];
/** the routes this interceptor acts on (and may refuse with CSRF_REJECTED); the API document lists the code on them */
export const H5_COOKIE_ROUTES: RouteDef[] = [...SESSION_ROUTES, routes.logout];

/**
 * The H5 build (also the staff console) keeps its refresh token in an HttpOnly; Secure; SameSite=Strict cookie scoped to
 * the refresh route, where injected script cannot read it; the mini-program keeps sending it in the body (WeChat
 * storage is per app). CSRF: the cookie is only read, and only set, on a request that carries the H5 header and whose
 * Origin (when the browser sends one, as it does on every POST) and Sec-Fetch-Site are our own — SameSite=Strict
 * already keeps the cookie off cross-site requests; the header and origin checks also cover login CSRF (planting an
 * attacker's cookie) and browsers without SameSite.
 */
@Injectable()
export class H5RefreshCookie implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<RouteDef | undefined>(ROUTE_KEY, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { body?: Record<string, unknown> }>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    if (!route || !H5_COOKIE_ROUTES.includes(route)) return next.handle();
    if (req.headers[H5_CLIENT_HEADER] !== 'h5') {
      // without the header the cookie is never used: a forged request carrying it is refused outright
      if (route === routes.refreshSession && readCookie(req, REFRESH_COOKIE) && req.body?.refreshToken === undefined) {
        throw new DomainError(ErrorCode.CsrfRejected, 'refresh cookie sent without the H5 client header');
      }
      return next.handle();
    }
    assertSameOrigin(req);
    if (route === routes.refreshSession && req.body && typeof req.body === 'object' && req.body.refreshToken === undefined) {
      const fromCookie = readCookie(req, REFRESH_COOKIE);
      if (!fromCookie) throw new DomainError(ErrorCode.SessionExpired, 'no refresh cookie');
      req.body.refreshToken = fromCookie;
    }
    if (route === routes.logout) return next.handle().pipe(map((out) => (this.clear(reply), out)));
    if (!SESSION_ROUTES.includes(route)) return next.handle();
    return next.handle().pipe(
      map((out) => {
        const session = out as SessionView;
        if (session.refreshToken) this.set(reply, session);
        const { refreshToken: _kept, ...rest } = session;
        return rest;
      }),
    );
  }

  private set(reply: FastifyReply, session: SessionView): void {
    const maxAge = Math.max(0, Math.floor((new Date(session.refreshExpiresAt).getTime() - this.clock.now().getTime()) / 1000));
    reply.header('set-cookie', `${REFRESH_COOKIE}=${session.refreshToken}; Max-Age=${maxAge}; ${this.flags()}`);
  }

  private clear(reply: FastifyReply): void {
    reply.header('set-cookie', `${REFRESH_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${this.flags()}`);
  }

  // written by hand: @fastify/cookie 11 loads the ESM-only `cookie` package with a dynamic import, which the CommonJS
  // test runtime cannot do; the value is base64url, so no encoding is needed
  private flags(): string {
    return `Path=${REFRESH_COOKIE_PATH}; HttpOnly; ${this.config.session.cookieSecure ? 'Secure; ' : ''}SameSite=Strict`;
  }
}

// the one cookie this API reads; a malformed header simply has no such cookie
function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,256}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

function assertSameOrigin(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new DomainError(ErrorCode.CsrfRejected, 'cross-site request refused');
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (origin !== `${req.protocol}://${req.host}`) throw new DomainError(ErrorCode.CsrfRejected, 'request from another origin refused');
}
