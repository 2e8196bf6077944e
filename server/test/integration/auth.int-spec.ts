import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { routes, sessionView, meView } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

describeEngines('identity and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'auth' });
  });
  afterAll(async () => t?.close());

  it('logs a resident in through the local WeChat peer and never returns session_key or openid', async () => {
    const { code, openid } = await t.peerCall('/__peer/code', { user: 'alice' });
    const r = await t.call(routes.wechatLogin, { code });
    expect(r.status).toBe(200);
    const session = sessionView.parse(r.body);
    expect(session.me.kind).toBe('resident');
    const text = JSON.stringify(r.body);
    expect(text).not.toContain(openid);
    const received = await t.peerCall('/__peer/received?endpoint=jscode2session');
    const sessionKey = received.requests.at(-1).response.body.session_key as string;
    expect(sessionKey).toBeTruthy();
    expect(text).not.toContain(sessionKey);
    const me = await t.call(routes.me, {}, { token: session.token });
    expect(meView.parse(me.body)).toEqual(session.me);
  });

  it('lets a resident set the name the app calls them, and refuses staff and bad names', async () => {
    const token = await t.loginResident('namer');
    const r = await t.call(routes.updateMe, { displayName: '  王女士 ' }, { token });
    expect([r.status, r.body.displayName]).toEqual([200, '王女士']);
    expect((await t.call(routes.me, {}, { token })).body.displayName).toBe('王女士');
    const bad = await t.call(routes.updateMe, { displayName: '<b>x</b>' }, { token });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const staff = await t.loginStaff('meicun');
    expect((await t.call(routes.updateMe, { displayName: '李敏' }, { token: staff })).status).toBe(403);
  });

  it('maps the same WeChat user to the same account on every login', async () => {
    const a = await t.loginResident('bob');
    const b = await t.loginResident('bob');
    const meA = await t.call(routes.me, {}, { token: a });
    const meB = await t.call(routes.me, {}, { token: b });
    expect(meA.body.id).toBe(meB.body.id);
  });

  it('rejects a login code that was already used', async () => {
    const { code } = await t.peerCall('/__peer/code', { user: 'carol' });
    expect((await t.call(routes.wechatLogin, { code })).status).toBe(200);
    const again = await t.call(routes.wechatLogin, { code });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('WECHAT_CODE_INVALID');
  });

  it('answers 429 when WeChat rate-limits and 503 when WeChat is down', async () => {
    await t.peerCall('/__peer/fail', { endpoint: 'jscode2session', errcode: 45011 });
    const { code } = await t.peerCall('/__peer/code', { user: 'dave' });
    const limited = await t.call(routes.wechatLogin, { code });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('WECHAT_RATE_LIMITED');

    await t.peerCall('/__peer/fail', { endpoint: 'jscode2session', httpStatus: 502 });
    const down = await t.call(routes.wechatLogin, { code });
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('WECHAT_UNAVAILABLE');
  });

  it('rotates the refresh token: a refresh token works once', async () => {
    const { code } = await t.peerCall('/__peer/code', { user: 'erin' });
    const first = sessionView.parse((await t.call(routes.wechatLogin, { code })).body);
    const refreshed = await t.call(routes.refreshSession, { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = sessionView.parse(refreshed.body);
    expect(second.token).not.toBe(first.token);
    const reused = await t.call(routes.refreshSession, { refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    expect((await t.call(routes.me, {}, { token: first.token })).status).toBe(401);
    expect((await t.call(routes.me, {}, { token: second.token })).status).toBe(200);
  });

  it('revokes the session on logout', async () => {
    const token = await t.loginResident('frank');
    expect((await t.call(routes.logout, {}, { token })).status).toBe(200);
    const after = await t.call(routes.me, {}, { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('logs staff in with username and password and refuses a wrong password with one generic code', async () => {
    const ok = await t.http('POST', '/api/auth/staff', { body: { username: 'meicun', password: 'test-staff-pw-1' } });
    expect(ok.status).toBe(200);
    const me = sessionView.parse(ok.body).me;
    expect(me).toMatchObject({ kind: 'staff', role: 'community_staff', region: { code: '421003003003', name: '梅村社区' } });
    const wrong = await t.http('POST', '/api/auth/staff', { body: { username: 'meicun', password: 'nope' } });
    const unknown = await t.http('POST', '/api/auth/staff', { body: { username: 'nobody', password: 'nope' } });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect([unknown.status, unknown.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    // no password, hash or hash column in the session (the `mustChangePassword` flag is the only word of it)
    expect(JSON.stringify(ok.body).replace('"mustChangePassword":false', '')).not.toMatch(/password|argon2/i);
  });

  it('lets a staff member bind their WeChat so WeChat login opens the staff session', async () => {
    const token = await t.loginStaff('chengnan');
    const { code } = await t.peerCall('/__peer/code', { user: 'staff-chengnan' });
    const bound = await t.call(routes.bindStaffWechat, { code }, { token });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ kind: 'staff', username: 'chengnan' });
    const { code: login } = await t.peerCall('/__peer/code', { user: 'staff-chengnan' });
    const session = sessionView.parse((await t.call(routes.wechatLogin, { code: login })).body);
    expect(session.me).toMatchObject({ kind: 'staff', role: 'street_reviewer' });
    // the same WeChat account cannot be bound to a second staff account
    const other = await t.loginStaff('district');
    const { code: again } = await t.peerCall('/__peer/code', { user: 'staff-chengnan' });
    const clash = await t.call(routes.bindStaffWechat, { code: again }, { token: other });
    expect([clash.status, clash.body.code]).toEqual([409, 'CONFLICT']);
    const resident = await t.loginResident('not-staff');
    expect((await t.call(routes.bindStaffWechat, { code: 'x' }, { token: resident })).status).toBe(403);
  });

  it('refuses WeChat login for an account bound to a deactivated staff member instead of opening a new resident account', async () => {
    const token = await t.loginStaff('dongmen');
    const { code } = await t.peerCall('/__peer/code', { user: 'staff-dongmen' });
    expect((await t.call(routes.bindStaffWechat, { code }, { token })).status).toBe(200);
    const residentsBefore = Number((await t.ds.query('SELECT COUNT(*) AS n FROM resident_account'))[0].n);
    await t.ds.query("UPDATE staff_account SET active = ? WHERE username = 'dongmen'", [false]);
    const { code: login } = await t.peerCall('/__peer/code', { user: 'staff-dongmen' });
    const refused = await t.call(routes.wechatLogin, { code: login });
    expect([refused.status, refused.body.code]).toEqual([403, 'STAFF_ACCOUNT_DEACTIVATED']);
    // no resident account was opened for that WeChat user
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM resident_account'))[0].n)).toBe(residentsBefore);
    // active again: the same WeChat account opens the staff session
    await t.ds.query("UPDATE staff_account SET active = ? WHERE username = 'dongmen'", [true]);
    const { code: back } = await t.peerCall('/__peer/code', { user: 'staff-dongmen' });
    const session = sessionView.parse((await t.call(routes.wechatLogin, { code: back })).body);
    expect(session.me).toMatchObject({ kind: 'staff', username: 'dongmen' });
  });

  it('refuses a missing, malformed or made-up bearer token', async () => {
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'Bearer short' }, { authorization: 'Basic abc' }, { authorization: 'Bearer ' + 'A'.repeat(43) }]) {
      const r = await t.http('GET', '/api/me', { headers });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('UNAUTHENTICATED');
    }
  });
});

describeEngines('login rate limit on %s (B2)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // one proxy in front of the server: the client IP is the last X-Forwarded-For entry, the one the proxy wrote
    t = await startTestApp(engine, { name: 'ratelimit', env: { LOGIN_RATE_LIMIT: '5', STAFF_LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '1' } });
  });
  afterAll(async () => t?.close());

  const via = (client: string, forged?: string) => ({ 'x-forwarded-for': forged ? `${forged}, ${client}` : client });

  it('answers request limit+1 from one client IP with 429 and Retry-After, keyed on the IP the proxy saw', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { code } = await t.peerCall('/__peer/code', { user: `rl${i}` });
      // the client forges a different address each time in front of the one the proxy appended
      statuses.push((await t.http('POST', '/api/auth/wechat', { body: { code }, headers: via('203.0.113.7', `10.9.8.${i}`) })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const { code } = await t.peerCall('/__peer/code', { user: 'rl-other' });
    const blocked = await t.http('POST', '/api/auth/wechat', { body: { code }, headers: via('203.0.113.7') });
    expect([blocked.status, blocked.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await t.http('POST', '/api/auth/wechat', { body: { code }, headers: via('198.51.100.9') });
    expect(other.status).toBe(200);
  });

  it('counts a burst of first requests from new clients without a server error (no deadlock on a new counter row)', async () => {
    // 12 rounds × 8 concurrent logins, each round from a client address never seen before: the first hits race to create its counter
    for (let round = 0; round < 12; round++) {
      const client = `100.64.7.${round + 1}`;
      const codes = await Promise.all(Array.from({ length: 8 }, (_, i) => t.peerCall('/__peer/code', { user: `burst${round}-${i}` })));
      const replies = await Promise.all(codes.map(({ code }) => t.http('POST', '/api/auth/wechat', { body: { code }, headers: via(client) })));
      const statuses = replies.map((r) => r.status).sort();
      // limit 5 per minute: exactly 5 get in, the rest are told to wait — never a 500
      expect([client, statuses]).toEqual([client, [200, 200, 200, 200, 200, 429, 429, 429]]);
    }
  });

  it('keeps staff login in its own per-address bucket, apart from residents\' WeChat logins (issue 15 item 6)', async () => {
    const client = '203.0.113.50';
    for (let i = 0; i < 6; i++) {
      const { code } = await t.peerCall('/__peer/code', { user: `shared-ip${i}` });
      await t.http('POST', '/api/auth/wechat', { body: { code }, headers: via(client) });
    }
    const { code } = await t.peerCall('/__peer/code', { user: 'shared-ip-last' });
    expect((await t.http('POST', '/api/auth/wechat', { body: { code }, headers: via(client) })).status).toBe(429);
    // WeChat logins used the address's bucket up; staff at a desk behind the same address still log in, up to their own limit
    const staff = [];
    for (let i = 0; i < 6; i++) {
      staff.push((await t.http('POST', '/api/auth/staff', { body: { username: 'chengnan', password: 'test-staff-pw-1' }, headers: via(client) })).status);
    }
    expect(staff).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('stops password guessing from one client and does not let it lock the colleague out elsewhere', async () => {
    const attempt = (password: string, client: string) => t.http('POST', '/api/auth/staff', { body: { username: 'MeiCun', password }, headers: via(client) });
    const guesses = [];
    for (let i = 0; i < 4; i++) guesses.push((await attempt('guess' + i, '192.0.2.1')).status);
    expect(guesses).toEqual([401, 401, 401, 429]);
    expect((await attempt('test-staff-pw-1', '192.0.2.1')).status).toBe(429);
    // the real staff member at another desk still logs in (usernames are case-insensitive)
    expect((await attempt('test-staff-pw-1', '192.0.2.200')).status).toBe(200);
  });

  it('caps failures per username across many client addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await t.http('POST', '/api/auth/staff', { body: { username: 'district', password: 'x' + i }, headers: via(`198.18.0.${i + 1}`) });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('clears a client\'s failure count after a right password', async () => {
    const attempt = (password: string) => t.http('POST', '/api/auth/staff', { body: { username: 'dongmen', password }, headers: via('192.0.2.77') });
    // three failures in a row would block this client (limit 3); a success in between starts the count again
    expect((await attempt('a')).status).toBe(401);
    expect((await attempt('test-staff-pw-1')).status).toBe(200);
    expect((await attempt('b')).status).toBe(401);
    expect((await attempt('c')).status).toBe(401);
    expect((await attempt('test-staff-pw-1')).status).toBe(200);
  });
});

describeEngines('development login and API document switched off on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'nodevlogin', env: { DEV_LOGIN: 'false', API_DOCS: 'false' } });
  });
  afterAll(async () => t?.close());

  it('refuses the H5 development login with DEV_LOGIN_DISABLED and asks the WeChat peer nothing', async () => {
    const r = await t.call(routes.devWechatCode, { user: 'someone' });
    expect([r.status, r.body.code]).toEqual([403, 'DEV_LOGIN_DISABLED']);
    const received = await t.peerCall('/__peer/received');
    expect(received.requests).toHaveLength(0);
  });

  it('does not serve the API document when API_DOCS is off (the production default)', async () => {
    for (const path of ['/api/openapi.json', '/api/docs']) {
      const r = await t.http('GET', path);
      expect([path, r.status, r.body?.code]).toEqual([path, 404, 'ROUTE_NOT_FOUND']);
    }
    expect((await t.http('GET', '/api/health')).status).toBe(200);
  });
});
