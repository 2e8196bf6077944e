import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { inboxList, routes, sessionView, type SessionView } from '@jianban/shared';
import { AuthSessionEntity } from '../../src/identity/entities/auth-session.entity';
import { describeEngines } from '../support/describe-engines';
import { MANUAL_DISPATCH } from '../support/notifications-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// refresh-token families (RFC 9700 §4.14): a rotated refresh token that comes back ends every session of its login
describeEngines('refresh-token reuse on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'session-family', env: MANUAL_DISPATCH });
  });
  afterAll(async () => t?.close());

  const login = async (user: string): Promise<SessionView> => {
    const { code } = await t.peerCall('/__peer/code', { user });
    return sessionView.parse((await t.call(routes.wechatLogin, { code })).body);
  };
  const refresh = (refreshToken: string | undefined) => t.call(routes.refreshSession, { refreshToken });
  // the grace for two tabs refreshing at once is measured in the database: move the rotation a minute back
  const rotatedLongAgo = async (refreshToken: string | undefined) => {
    const r = await t.ds.createQueryBuilder().update(AuthSessionEntity).set({ revokedAt: new Date(Date.now() - 60_000) })
      .where("refresh_hash = :h AND revoke_reason = 'rotated'", { h: sha256(refreshToken!) }).execute();
    expect(r.affected).toBe(1);
  };
  const revokedNotices = async (token: string) => {
    const list = inboxList.parse((await t.call(routes.listInbox, { page: 1, pageSize: 50 }, { token })).body);
    return list.items.filter((m) => m.type === 'session_revoked');
  };

  it('revokes the whole family when a rotated refresh token comes back, and leaves another device signed in', async () => {
    const phone = await login('reuse-victim');
    const laptop = await login('reuse-victim'); // the same person on another device: another family
    const second = sessionView.parse((await refresh(phone.refreshToken)).body);
    await rotatedLongAgo(phone.refreshToken);

    const replay = await refresh(phone.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('SESSION_REVOKED');

    const newer = await refresh(second.refreshToken);
    expect(newer.status).toBe(401);
    expect(newer.body.code).toBe('SESSION_REVOKED');
    const access = await t.call(routes.me, {}, { token: second.token });
    expect(access.status).toBe(401);
    expect(access.body.code).toBe('SESSION_REVOKED');

    expect((await t.call(routes.me, {}, { token: laptop.token })).status).toBe(200);
    const laptopNext = await refresh(laptop.refreshToken);
    expect(laptopNext.status).toBe(200);
    expect((await t.call(routes.me, {}, { token: sessionView.parse(laptopNext.body).token })).status).toBe(200);
  });

  it('tells the account holder in the inbox exactly once, however often and however concurrently the token is replayed', async () => {
    const a = await login('reuse-notified');
    await refresh(a.refreshToken);
    await rotatedLongAgo(a.refreshToken);

    const replays = await Promise.all([refresh(a.refreshToken), refresh(a.refreshToken), refresh(a.refreshToken)]);
    expect(replays.map((r) => [r.status, r.body.code])).toEqual(Array(3).fill([401, 'SESSION_REVOKED']));
    expect((await refresh(a.refreshToken)).body.code).toBe('SESSION_REVOKED');

    const again = await login('reuse-notified');
    const notices = await revokedNotices(again.token);
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('为了安全，已退出登录');
    expect(notices[0].body).toContain('请重新登录');
    expect(notices[0].body).not.toMatch(/[A-Za-z0-9_-]{20,}/); // no token or id in the text
  });

  it('refuses a spent token within the grace (two tabs refreshing at once) without ending the family or writing a notice', async () => {
    const a = await login('two-tabs');
    const winner = await Promise.all([refresh(a.refreshToken), refresh(a.refreshToken)]);
    expect(winner.map((r) => r.status).sort()).toEqual([200, 401]);
    const loser = winner.find((r) => r.status === 401)!;
    expect(loser.body.code).toBe('SESSION_EXPIRED');
    const next = sessionView.parse(winner.find((r) => r.status === 200)!.body);

    expect((await t.call(routes.me, {}, { token: next.token })).status).toBe(200);
    expect(await revokedNotices(next.token)).toHaveLength(0);
    expect((await refresh(next.refreshToken)).status).toBe(200);
  });

  it('does not count a logged-out refresh token as reuse', async () => {
    const a = await login('logged-out');
    expect((await t.call(routes.logout, {}, { token: a.token })).status).toBe(200);
    const later = await refresh(a.refreshToken);
    expect(later.status).toBe(401);
    expect(later.body.code).toBe('SESSION_EXPIRED');
    const b = await login('logged-out');
    expect(await revokedNotices(b.token)).toHaveLength(0);
  });
});
