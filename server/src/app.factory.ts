import 'reflect-metadata';
import { LEDGER_FILE_MAX_BYTES, routes } from '@jianban/shared';
import { REGISTRY_FILE_MAX_BYTES } from '@jianban/shared';
import { createServer, type RequestListener } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { sendError } from './common/errors.filter';
import { serveH5 } from './common/h5-static';
import { limitHandlerTime } from './common/handler-timeout';
import { jsonReply } from './common/json-once';
import { createPino, logRequests, PinoNestLogger } from './common/logger';
import { registerSecurityHeaders } from './common/security-headers';
import { AppConfig } from './config';
import { runMigrations } from './database/data-source';

export interface App {
  app: NestFastifyApplication;
  log: Logger;
  url: string;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, opts: { listen?: boolean; log?: Logger } = {}): Promise<App> {
  const log = opts.log ?? createPino(config.log);
  if (config.db.migrateOnStart) {
    const ran = await runMigrations(config.db);
    if (ran.length) log.info({ migrations: ran }, 'migrations applied');
  }
  const adapter = new FastifyAdapter({
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.trustProxy,
    logger: false,
    return503OnClosing: true,
    // no Nest middleware is used: skip @fastify/middie and its hook on every request
    skipMiddie: true,
    // slow-loris: the whole request must arrive within this time, checked every second (node's default is 30 s)
    serverFactory: (handler: RequestListener) =>
      createServer({ requestTimeout: config.limits.requestMs, headersTimeout: config.limits.requestMs, connectionsCheckingInterval: 1000 }, handler),
    // router-level errors (bad percent-encoding, over-long params) get our { code, message } body too
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => sendError(err, req, reply, log),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, log), adapter, {
    logger: new PinoNestLogger(log),
    abortOnError: false,
    // fastify's own JSON parser only: no form bodies (simple cross-site posts) and no text bodies
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: anything else is a 415 rather than a string that fails validation later
  fastify.removeContentTypeParser(['text/plain']);
  fastify.setReplySerializer(jsonReply);
  limitHandlerTime(fastify, { ms: config.limits.handlerMs, prefix: '/api/', log });
  // the two staff file uploads (bank return, payment roll: base64 in JSON) may be larger than other bodies, bounded by their schema
  const fileRoutes = new Set([routes.importBankReturn, routes.importPaymentRoll].map((r) => `POST /api${r.path}`));
  fastify.addHook('onRoute', (o) => {
    if (fileRoutes.has(`${String(o.method)} ${o.url}`)) o.bodyLimit = Math.ceil(LEDGER_FILE_MAX_BYTES / 3) * 4 + 4096;
  });
  // the registry file upload (roster / deaths / move-outs, base64 in JSON) likewise, bounded by its own schema
  const registryUpload = `POST /api${routes.uploadRegistryImport.path}`;
  fastify.addHook('onRoute', (o) => {
    if (`${String(o.method)} ${o.url}` === registryUpload) o.bodyLimit = Math.ceil(REGISTRY_FILE_MAX_BYTES / 3) * 4 + 4096;
  });
  logRequests(fastify, log);
  await registerSecurityHeaders(fastify, { h5Dir: config.h5Dir });
  await serveH5(app, config.h5Dir);
  await app.init();
  await fastify.ready();
  let url = '';
  if (opts.listen) {
    await app.listen(config.port, config.host);
    const addr = fastify.server.address();
    url = typeof addr === 'object' && addr ? `http://${config.host}:${addr.port}` : '';
  }
  return {
    app,
    log,
    url,
    close: async () => {
      // drain first: stop accepting, let in-flight requests finish on a live database pool, then close the modules
      // (otherwise requests still running at SIGTERM fail on a closed pool)
      if (opts.listen) await fastify.close().catch((err: Error) => log.warn({ err: err.message }, 'closing the HTTP server'));
      await app.close();
      log.flush?.();
    },
  };
}
