import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

// Security headers for the API and the H5 page, kept apart from the static-file serving so the two change independently.
// One policy for every response: the H5 page is the only HTML the server sends besides the API's own docs page.

/** sha256 sources of the inline <script> blocks in the H5 index.html (Taro's template puts its rem script there) */
export function inlineScriptHashes(h5Dir: string | undefined): string[] {
  if (!h5Dir) return [];
  const index = join(h5Dir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

export function contentSecurityPolicy(scriptHashes: string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    // scripts only from our origin, plus exactly the inline script the H5 template carries
    'script-src': ["'self'", ...scriptHashes],
    'script-src-attr': ["'none'"],
    // React and Taro set style attributes; no external stylesheets
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // the H5 build calls the API on its own origin (/api)
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export function helmetOptions(h5Dir: string | undefined): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(inlineScriptHashes(h5Dir)) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only on responses that went out over HTTPS (set below): on plain HTTP it is meaningless and on a
    // development host it would pin the name to HTTPS in the browser
    strictTransportSecurity: false,
    // the weapp is not a browser; the H5 page loads nothing cross-origin
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

/**
 * The headers helmet sets with these options, worked out once. The policy is the same for every response and depends
 * on nothing in the request, so there is no need to run helmet per request (as @fastify/helmet did: it rebuilt
 * helmet's middleware and parsed the CSP directives on every request — a tenth of the catalog search's CPU).
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // helmet 8 throws on a bad option and sets every header synchronously
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
}

export async function registerSecurityHeaders(fastify: FastifyInstance, opts: { h5Dir?: string }): Promise<void> {
  const headers = securityHeaders(helmetOptions(opts.h5Dir));
  // every response, API or static file, 404 and errors included (onRequest runs for the not-found route too)
  fastify.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  fastify.addHook('onSend', (req, reply, payload, done) => {
    // request.protocol honours X-Forwarded-Proto only from the proxies TRUST_PROXY names
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
    // API responses carry personal data and tokens: no browser or shared cache may keep them
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
