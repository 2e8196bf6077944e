import { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { Logger } from 'pino';
import { scrub, scrubString } from './log-scrub';

export function createPino(opts: { level: string; file?: string }): Logger {
  const destination = opts.file ? pino.destination({ dest: opts.file, mkdir: true, sync: false }) : pino.destination(1);
  return pino(
    {
      level: opts.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        // every argument is scrubbed: ID numbers and phones masked, secrets dropped
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.pino.info({ context }, scrubString(String(message)));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, scrubString(String(message)));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, scrubString(String(message)));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, scrubString(String(message)));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, scrubString(String(message)));
  }
}

export const PINO = Symbol('pino');

// one info line per request. Checked before the line is built: with info off (LOG_LEVEL=warn) a request costs no
// scrubbing or object; a callback hook, not an async one, so no promise per request either
export function logRequests(fastify: FastifyInstance, log: Logger): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    if (log.isLevelEnabled('info')) {
      log.info({ reqId: req.id, method: req.method, url: scrubString(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
    done();
  });
}
