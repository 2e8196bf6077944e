import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { contentSecurityPolicy, helmetOptions, inlineScriptHashes, securityHeaders } from './security-headers';

// a tiny stand-in for the Taro H5 build: index.html with the template's kind of inline script and a bundle script
const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const dir = mkdtempSync(join(tmpdir(), 'jb-h5-'));
writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script>${INLINE}</script><script defer="defer" src="/js/app.js"></script></head><body></body></html>`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('allows exactly the hash of each inline script of index.html, none for external scripts', () => {
  const hash = createHash('sha256').update(INLINE).digest('base64');
  expect(inlineScriptHashes(dir)).toEqual([`'sha256-${hash}'`]);
  expect(inlineScriptHashes(undefined)).toEqual([]);
  expect(inlineScriptHashes(join(dir, 'missing'))).toEqual([]);
});

it('the policy: scripts from self plus the hashes, connections to self, no framing, no plugins, no inline script', () => {
  const csp = contentSecurityPolicy(["'sha256-abc'"]);
  expect(csp['script-src']).toEqual(["'self'", "'sha256-abc'"]);
  expect(csp['connect-src']).toEqual(["'self'"]);
  expect(csp['frame-ancestors']).toEqual(["'none'"]);
  expect(csp['object-src']).toEqual(["'none'"]);
  expect(csp['script-src'].join(' ')).not.toMatch(/unsafe/);
});

it("works out helmet's headers once: exactly the set @fastify/helmet sent per request with these options", () => {
  expect(securityHeaders(helmetOptions(undefined))).toEqual({
    'content-security-policy':
      "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  });
  // the H5 page's inline script is allowed by its hash
  const hash = createHash('sha256').update(INLINE).digest('base64');
  expect(securityHeaders(helmetOptions(dir))['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}';`);
  // helmet refuses a bad option at start-up, not on a request
  expect(() => securityHeaders({ referrerPolicy: { policy: 'nonsense' as never } })).toThrow();
});
