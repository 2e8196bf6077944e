import { ErrorCode } from '@jianban/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import { DomainError } from './domain-error';
import { sendError } from './errors.filter';

type Hook = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;
const TIMER = 'jbHandlerTimer';
type Timed = FastifyRequest & { [TIMER]: NodeJS.Timeout | null };

// no request hangs: an API request not answered within `ms` of being received in full (body parsed; the guard,
// pipes and handler all count) gets a 503 TIMEOUT. Its handler may still finish; its late answer is dropped.
// A timer per request in fastify hooks rather than a Nest interceptor: any global interceptor puts every request
// through Nest's rxjs/AsyncResource chain, which cost more CPU than the catalog search itself. Only the API routes
// (static H5 files stream; a 503 mid-download would corrupt it). Call before app.init().
export function limitHandlerTime(fastify: FastifyInstance, o: { ms: number; prefix: string; log: Logger }): void {
  const message = `handler took longer than ${o.ms} ms`;
  const arm: Hook = (req, reply, done) => {
    (req as Timed)[TIMER] = setTimeout(() => {
      if (!reply.sent) sendError(new DomainError(ErrorCode.Timeout, message), req, reply, o.log);
    }, o.ms);
    done();
  };
  const disarm: Hook = (req, _reply, done) => {
    clearTimeout((req as Timed)[TIMER] ?? undefined);
    done();
  };
  fastify.decorateRequest(TIMER, null);
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith(o.prefix)) return;
    route.preHandler = [arm, ...asList(route.preHandler)];
    route.onResponse = [...asList(route.onResponse), disarm];
  });
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
