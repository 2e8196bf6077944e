import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

// the H5 page's policy (inline-script hash) is checked in src/common/security-headers.spec.ts: @fastify/static cannot
// load under jest (ESM-only dependency)
function cspOf(h: Headers): Record<string, string> {
  return Object.fromEntries(
    (h.get('content-security-policy') ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...rest] = d.split(/\s+/);
      return [name, rest.join(' ')];
    }),
  );
}

describeEngines('security headers on %s (issue 15 item 1)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'security-headers' });
  });
  afterAll(async () => t?.close());

  it('API responses carry the same headers and are never cached, authenticated or not', async () => {
    const token = await t.loginResident('headers');
    const me = await t.call(routes.me, {}, { token });
    expect(me.status).toBe(200);
    for (const r of [me, await t.call(routes.health, {}), await t.http('GET', '/api/no-such-route')]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(cspOf(r.headers)['frame-ancestors']).toBe("'none'");
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    const login = await t.http('POST', '/api/auth/wechat', { body: { code: 'x' } });
    expect(login.headers.get('cache-control')).toBe('no-store');
  });

  it('sends HSTS only when the request came over HTTPS (no X-Forwarded-Proto trusted without TRUST_PROXY)', async () => {
    const spoofed = await t.http('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });
});

describeEngines('HSTS behind a trusted TLS proxy on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'security-hsts', env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => t?.close());

  it('is sent when the trusted proxy says the client used HTTPS, and not otherwise', async () => {
    const tls = await t.http('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const plain = await t.http('GET', '/api/health', { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
}, ['sqlite']);
