import { LoggerService } from '@nestjs/common';
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
