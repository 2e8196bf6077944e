import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes, sessionView } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { STAFF_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

// the H5 build's refresh token lives in an HttpOnly cookie scoped to the refresh route (issue 15 item 2)
describeEngines('H5 refresh cookie on %s', (engine) => {
  let t: TestApp;
  let h5: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'h5-cookie' });
    h5 = { 'x-jianban-client': 'h5', origin: t.url, 'sec-fetch-site': 'same-origin' };
  });
  afterAll(async () => t?.close());

  const cookieOf = (headers: Headers) => {
    const raw = headers.getSetCookie().find((c) => c.startsWith('jb_refresh='));
    if (!raw) return null;
    const [pair, ...attrs] = raw.split(/;\s*/);
    return { value: pair.slice('jb_refresh='.length), attrs: attrs.map((a) => a.toLowerCase()) };
  };
  const staffLogin = (headers: Record<string, string>) =>
    t.call(routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD }, { headers });

  it('sets the refresh token as an HttpOnly; Secure; SameSite=Strict cookie on the refresh path and leaves it out of the body', async () => {
    const r = await staffLogin(h5);
    expect(r.status).toBe(200);
    expect(r.body.refreshToken).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toContain('refreshToken');
    const c = cookieOf(r.headers);
    expect(c?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c?.attrs).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/auth/refresh']));
    // staff refresh lifetime: 12 hours by default (residents keep 30 days)
    const maxAge = Number(c?.attrs.find((a) => a.startsWith('max-age='))?.slice(8));
    expect(maxAge).toBeGreaterThan(12 * 3600 - 120);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);
  });

  it('renews from the cookie alone and rotates it', async () => {
    const first = cookieOf((await staffLogin(h5)).headers)!;
    const r = await t.call(routes.refreshSession, {}, { headers: { ...h5, cookie: `jb_refresh=${first.value}` } });
    expect(r.status).toBe(200);
    const session = sessionView.parse(r.body);
    expect(session.refreshToken).toBeUndefined();
    const next = cookieOf(r.headers)!;
    expect(next.value).not.toBe(first.value);
    expect((await t.call(routes.me, {}, { token: session.token })).body.kind).toBe('staff');
  });

  it('refuses the cookie without the H5 header, from another origin or cross-site with CSRF_REJECTED, and spends nothing', async () => {
    const c = cookieOf((await staffLogin(h5)).headers)!;
    const cookie = `jb_refresh=${c.value}`;
    const attempts = [
      { cookie },
      { ...h5, cookie, origin: 'https://evil.example' },
      { ...h5, cookie, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const r = await t.call(routes.refreshSession, {}, { headers });
      expect([r.status, r.body.code]).toEqual([403, 'CSRF_REJECTED']);
      expect(cookieOf(r.headers)).toBeNull();
    }
    // negative control: the same cookie with our header from our origin still works, so nothing above spent it
    expect((await t.call(routes.refreshSession, {}, { headers: { ...h5, cookie } })).status).toBe(200);
  });

  it('will not plant a cookie from a login posted by another origin', async () => {
    const r = await staffLogin({ ...h5, origin: 'https://evil.example' });
    expect([r.status, r.body.code]).toEqual([403, 'CSRF_REJECTED']);
    expect(cookieOf(r.headers)).toBeNull();
  });

  it('keeps the mini-program contract: no header, the refresh token in the body and no cookie; residents keep 30 days', async () => {
    const { code } = await t.peerCall('/__peer/code', { user: 'weapp-cookie' });
    const r = await t.call(routes.wechatLogin, { code });
    const session = sessionView.parse(r.body);
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieOf(r.headers)).toBeNull();
    const days = (Date.parse(session.refreshExpiresAt) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(29.9);
    expect((await t.call(routes.refreshSession, { refreshToken: session.refreshToken })).status).toBe(200);
  });

  it('clears the cookie on logout', async () => {
    const login = sessionView.parse((await staffLogin(h5)).body);
    const r = await t.call(routes.logout, {}, { token: login.token, headers: h5 });
    expect(r.status).toBe(200);
    const cleared = cookieOf(r.headers);
    expect(cleared?.value).toBe('');
    expect(cleared?.attrs).toEqual(expect.arrayContaining(['path=/api/auth/refresh', 'httponly']));
  });
});
