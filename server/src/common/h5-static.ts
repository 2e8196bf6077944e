import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/** Cache-Control for a file whose name carries a content hash: it never changes, so a year and no revalidation. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control for index.html and any file without a hash: always revalidated, so a new build is seen at once. */
export const REVALIDATE = 'no-cache';

// the build's content hashes: `js/app.1a2b3c4d.js`, `css/app.1a2b3c4d.css`, `static/images/x.1a2b3c4d.png`
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;

/** The Cache-Control a file of the H5 build is served with (the precompressed `.br`/`.gz` twin counts as its original). */
export function cacheControlFor(filePath: string): string {
  const name = basename(filePath).replace(/\.(br|gz)$/, '');
  return HASHED.test(name) && name !== 'index.html' ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the H5 build from `dir` at `/` (the API stays under /api): the brotli or gzip twin written at build time
 * (miniapp/scripts/precompress.mjs) when the browser accepts it, hashed files cached for a year as immutable,
 * index.html and unhashed files revalidated. The router is hash-based, so there is no history fallback to serve.
 * Does nothing when the build is missing (an API-only server).
 */
export async function serveH5(app: NestFastifyApplication, dir: string | undefined): Promise<void> {
  if (!dir || !existsSync(dir)) return;
  // loaded only when serving the H5 build (its content-disposition dependency is ESM-only)
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root: resolve(dir),
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // our own Cache-Control below instead of send's `public, max-age=0`
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
}
