import pino from 'pino';
import { beforeAll, describe, expect, it } from '@jest/globals';
import * as argon2 from 'argon2';
import { ErrorCode } from '@jianban/shared';
import {
  COMMUNITY_A1, FakeAccountRepository, FakeDb, FakeRateLimitRepository, FakeRegionRepository, FakeOutbox, FakeSessionRepository, FakeWechat, FixedClock,
  aResidentAccount, aStaffAccount, domainErrorFrom, regionTree,
} from '../../test/support/identity-fakes';
import { PiiCipher } from '../common/pii-cipher';
import { RateLimiter } from '../common/rate-limiter';
import { loadConfig } from '../config';
import { AccountDirectory } from './account.directory';
import { AuthService } from './auth.service';
import { ProxyRepository } from './proxies.repository';
import { SessionService } from './session.service';

const OPENID = 'oAbc123-plain-openid-xyz';
const IP = '203.0.113.7';
const PASSWORD = 'correct horse battery';
let passwordHash: string;

beforeAll(async () => {
  // cheap parameters: verify reads them from the hash
  passwordHash = await argon2.hash(PASSWORD, { memoryCost: 1024, timeCost: 1 });
});

function setup(env: Record<string, string> = {}, o: { devCodesWired?: boolean } = {}) {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const cipher = new PiiCipher(config);
  const clock = new FixedClock(new Date('2025-06-01T02:00:00Z'));
  const accounts = new FakeAccountRepository();
  const sessionRows = new FakeSessionRepository(accounts);
  const regions = new FakeRegionRepository(regionTree());
  const limits = new FakeRateLimitRepository();
  const fakeDb = new FakeDb([accounts, sessionRows]);
  const db = fakeDb.asDb();
  const directory = new AccountDirectory(db, accounts, regions);
  const sessions = new SessionService(db, sessionRows, directory, new FakeOutbox().asOutbox(), clock, config, pino({ enabled: false }));
  const wechat = new FakeWechat();
  const limiter = new RateLimiter(db, limits, clock);
  // FakeWechat also plays the development-only DevLoginCodes, which production never wires
  const sut = new AuthService(db, accounts, directory, sessions, wechat, cipher, limiter, new ProxyRepository(), clock, config, o.devCodesWired === false ? undefined : wechat);
  return { sut, config, cipher, clock, accounts, sessionRows, limits, wechat, sessions };
}

describe(AuthService.name, () => {
  describe('wechatLogin', () => {
    it.each([
      ['invalid-code', { kind: 'invalid-code' } as const, ErrorCode.WechatCodeInvalid],
      ['rate-limited', { kind: 'rate-limited' } as const, ErrorCode.WechatRateLimited],
      ['unavailable', { kind: 'unavailable', reason: 'timeout' } as const, ErrorCode.WechatUnavailable],
    ])('turns a WeChat %s answer into %s and creates no account or session', async (_, outcome, code) => {
      const { sut, wechat, accounts, sessionRows } = setup();
      wechat.willAnswer('c1', outcome);

      const err = await domainErrorFrom(sut.wechatLogin('c1', IP));

      expect(err.code).toBe(code);
      expect(accounts.residents.size).toBe(0);
      expect(sessionRows.rows.size).toBe(0);
    });

    it('tells the client when to retry after WeChat rate-limits the code exchange', async () => {
      const { sut, wechat } = setup();
      wechat.willAnswer('c1', { kind: 'rate-limited' });

      const err = await domainErrorFrom(sut.wechatLogin('c1', IP));

      expect(err.headers).toEqual({ 'retry-after': '60' });
    });

    it('creates a resident on first login, storing the openid only encrypted and blind-indexed', async () => {
      const { sut, wechat, accounts, cipher, sessionRows } = setup();
      wechat.willAnswer('c1', { kind: 'ok', openId: OPENID });

      const view = await sut.wechatLogin('c1', IP);

      expect(accounts.residents.size).toBe(1);
      const [row] = accounts.residents.values();
      expect(row.openidHash).toBe(cipher.blindIndex('openid', OPENID));
      expect(row.openidEnc).not.toContain(OPENID);
      expect(cipher.decrypt(row.openidEnc)).toBe(OPENID);
      expect(JSON.stringify(accounts.calls)).not.toContain(OPENID);
      expect(view.me).toEqual({ kind: 'resident', id: row.id, displayName: '微信用户' });
      expect([...sessionRows.rows.values()].map((s) => [s.subjectKind, s.subjectId])).toEqual([['resident', row.id]]);
    });

    it('reuses the account on a second login with the same WeChat user', async () => {
      const { sut, wechat, accounts, sessionRows } = setup();
      wechat.willAnswer('c1', { kind: 'ok', openId: OPENID }).willAnswer('c2', { kind: 'ok', openId: OPENID });

      const first = await sut.wechatLogin('c1', IP);
      const second = await sut.wechatLogin('c2', IP);

      expect(second.me.id).toBe(first.me.id);
      expect(accounts.residents.size).toBe(1);
      expect(sessionRows.rows.size).toBe(2);
      expect(second.token).not.toBe(first.token);
    });

    it('opens a session on the winning account when a concurrent first login created it first', async () => {
      const { sut, wechat, accounts, cipher } = setup();
      wechat.willAnswer('c1', { kind: 'ok', openId: OPENID });
      const winner = aResidentAccount({ openidHash: cipher.blindIndex('openid', OPENID), openidEnc: cipher.encrypt(OPENID) });
      accounts.beforeInsertResident = () => accounts.residents.set(winner.id, winner);

      const view = await sut.wechatLogin('c1', IP);

      expect(view.me.id).toBe(winner.id);
      expect([...accounts.residents.keys()]).toEqual([winner.id]);
    });

    it('opens a staff session when the openid is bound to an active staff account', async () => {
      const { sut, wechat, accounts, cipher, sessionRows } = setup();
      const staff = aStaffAccount({ openidHash: cipher.blindIndex('openid', OPENID), regionCode: COMMUNITY_A1 });
      accounts.staff.set(staff.id, staff);
      wechat.willAnswer('c1', { kind: 'ok', openId: OPENID });

      const view = await sut.wechatLogin('c1', IP);

      expect(view.me).toMatchObject({ kind: 'staff', id: staff.id, role: 'community_staff', region: { code: COMMUNITY_A1 } });
      expect(accounts.residents.size).toBe(0);
      expect([...sessionRows.rows.values()].map((s) => [s.subjectKind, s.subjectId])).toEqual([['staff', staff.id]]);
    });

    it('refuses logins from one address beyond the per-minute limit without asking WeChat', async () => {
      const { sut, wechat } = setup({ LOGIN_RATE_LIMIT: '2' });
      wechat.willAnswer('c1', { kind: 'ok', openId: OPENID });
      await sut.wechatLogin('c1', IP);
      await sut.wechatLogin('c1', IP);

      const err = await domainErrorFrom(sut.wechatLogin('c1', IP));

      expect(err.code).toBe(ErrorCode.RateLimited);
      expect(wechat.exchanged).toHaveLength(2);
    });
  });

  describe('devCode', () => {
    it('refuses with DEV_LOGIN_DISABLED when development login is off, without asking the peer', async () => {
      const { sut, wechat } = setup({ DEV_LOGIN: 'false' });

      const err = await domainErrorFrom(sut.devCode('alice', IP));

      expect(err.code).toBe(ErrorCode.DevLoginDisabled);
      expect(wechat.devCodeRequests).toEqual([]);
    });

    it('refuses with DEV_LOGIN_DISABLED when no dev code provider is wired (as in production), even with DEV_LOGIN on', async () => {
      const { sut, wechat } = setup({ DEV_LOGIN: 'true' }, { devCodesWired: false });

      const err = await domainErrorFrom(sut.devCode('alice', IP));

      expect(err.code).toBe(ErrorCode.DevLoginDisabled);
      expect(wechat.devCodeRequests).toEqual([]);
    });

    it("returns the local peer's code when development login is on", async () => {
      const { sut, wechat } = setup({ DEV_LOGIN: 'true' });
      wechat.devCode = 'peer-code-42';

      await expect(sut.devCode('alice', IP)).resolves.toBe('peer-code-42');
      expect(wechat.devCodeRequests).toEqual(['alice']);
    });

    it('answers WECHAT_UNAVAILABLE when the local peer gives no code', async () => {
      const { sut, wechat } = setup({ DEV_LOGIN: 'true' });
      wechat.devCode = null;

      expect((await domainErrorFrom(sut.devCode(undefined, IP))).code).toBe(ErrorCode.WechatUnavailable);
    });
  });

  describe('staffLogin', () => {
    const perClient = (username: string, ip = IP) => `staff-fail:${username}|${ip}`;
    const perUser = (username: string) => `staff-fail-user:${username}`;

    function withStaff(env: Record<string, string> = {}) {
      const ctx = setup(env);
      const staff = aStaffAccount({ username: 'wang', passwordHash });
      ctx.accounts.staff.set(staff.id, staff);
      return { ...ctx, staff };
    }

    it('answers a wrong password and an unknown username with the same INVALID_CREDENTIALS error', async () => {
      const { sut } = withStaff();

      const wrongPassword = await domainErrorFrom(sut.staffLogin('wang', 'not the password', IP));
      const unknownUser = await domainErrorFrom(sut.staffLogin('nobody', PASSWORD, IP));

      expect(wrongPassword.code).toBe(ErrorCode.InvalidCredentials);
      expect(unknownUser.code).toBe(ErrorCode.InvalidCredentials);
      expect(unknownUser.message).toBe(wrongPassword.message);
    });

    it('refuses a deactivated staff account even with the right password', async () => {
      const { sut, accounts, staff } = withStaff();
      accounts.staff.set(staff.id, { ...staff, active: false });

      expect((await domainErrorFrom(sut.staffLogin('wang', PASSWORD, IP))).code).toBe(ErrorCode.InvalidCredentials);
    });

    it('records each failure against the username from this client and against the username overall', async () => {
      const { sut, limits } = withStaff();

      await domainErrorFrom(sut.staffLogin('wang', 'wrong-1', IP));
      await domainErrorFrom(sut.staffLogin('wang', 'wrong-2', IP));
      await domainErrorFrom(sut.staffLogin('nobody', 'wrong-3', IP));

      expect(limits.hitsOf(perClient('wang'))).toBe(2);
      expect(limits.hitsOf(perUser('wang'))).toBe(2);
      expect(limits.hitsOf(perClient('nobody'))).toBe(1);
    });

    it("opens a staff session on the right password and clears only this client's failure count", async () => {
      const { sut, limits, staff } = withStaff();
      await domainErrorFrom(sut.staffLogin('wang', 'wrong', IP));

      const view = await sut.staffLogin('wang', PASSWORD, IP);

      expect(view.me).toMatchObject({ kind: 'staff', id: staff.id, username: 'wang' });
      expect(limits.cleared).toEqual([perClient('wang')]);
      expect(limits.hitsOf(perClient('wang'))).toBe(0);
      expect(limits.hitsOf(perUser('wang'))).toBe(1);
    });

    it('locks one client out after the failure limit, even with the right password, while another client still logs in', async () => {
      const { sut, staff } = withStaff({ STAFF_LOGIN_RATE_LIMIT: '3' });
      for (let i = 0; i < 3; i++) await domainErrorFrom(sut.staffLogin('wang', `wrong-${i}`, IP));

      const locked = await domainErrorFrom(sut.staffLogin('wang', PASSWORD, IP));
      const elsewhere = await sut.staffLogin('wang', PASSWORD, '198.51.100.9');

      expect(locked.code).toBe(ErrorCode.RateLimited);
      expect(locked.headers?.['retry-after']).toMatch(/^\d+$/);
      expect(elsewhere.me.id).toBe(staff.id);
    });
  });
});
