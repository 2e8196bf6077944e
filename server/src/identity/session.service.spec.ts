import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, type MeView } from '@jianban/shared';
import {
  FakeAccountRepository, FakeDb, FakeRegionRepository, FakeSessionRepository, FixedClock, aResidentAccount, aStaffAccount, domainErrorFrom, regionTree,
} from '../../test/support/identity-fakes';
import { loadConfig } from '../config';
import { AccountDirectory } from './account.directory';
import { SessionService } from './session.service';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const TTL = 7200;
const REFRESH_TTL = 30 * 24 * 3600;
const START = new Date('2025-06-01T02:00:00Z');

function setup() {
  const config = loadConfig({ NODE_ENV: 'test', SESSION_TTL_SECONDS: String(TTL), REFRESH_TTL_SECONDS: String(REFRESH_TTL) });
  const clock = new FixedClock(START);
  const accounts = new FakeAccountRepository();
  const rows = new FakeSessionRepository();
  const db = new FakeDb([accounts, rows]).asDb();
  const directory = new AccountDirectory(db, accounts, new FakeRegionRepository(regionTree()));
  const sut = new SessionService(db, rows, directory, clock, config);
  const resident = aResidentAccount();
  accounts.residents.set(resident.id, resident);
  const me: MeView = { kind: 'resident', id: resident.id, displayName: resident.displayName };
  const issue = () => sut.issue({ kind: 'resident', id: resident.id }, me);
  return { sut, clock, accounts, rows, resident, issue, directory };
}

describe(SessionService.name, () => {
  describe('issue', () => {
    it('hands out random tokens and stores only their sha256 hashes', async () => {
      const { rows, issue } = setup();

      const a = await issue();
      const b = await issue();

      const tokens = [a.token, a.refreshToken, b.token, b.refreshToken];
      expect(new Set(tokens).size).toBe(4);
      for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      const stored = JSON.stringify([...rows.rows.values()]);
      for (const t of tokens) expect(stored).not.toContain(t);
      expect([...rows.rows.values()].map((s) => [s.tokenHash, s.refreshHash])).toEqual([
        [sha256(a.token), sha256(a.refreshToken)],
        [sha256(b.token), sha256(b.refreshToken)],
      ]);
    });

    it('sets the access and refresh expiry from the configured lifetimes', async () => {
      const { issue } = setup();

      const view = await issue();

      expect(view.expiresAt).toBe(new Date(START.getTime() + TTL * 1000).toISOString());
      expect(view.refreshExpiresAt).toBe(new Date(START.getTime() + REFRESH_TTL * 1000).toISOString());
    });
  });

  describe('authenticate', () => {
    it('resolves a live token to its caller and session', async () => {
      const { sut, rows, resident, issue } = setup();
      const view = await issue();
      const [session] = rows.rows.values();

      await expect(sut.authenticate(view.token)).resolves.toEqual({ kind: 'resident', accountId: resident.id, sessionId: session.id });
    });

    it('refuses an unknown token with UNAUTHENTICATED', async () => {
      const { sut, issue } = setup();
      const view = await issue();

      expect((await domainErrorFrom(sut.authenticate(`${view.token}x`))).code).toBe(ErrorCode.Unauthenticated);
      expect((await domainErrorFrom(sut.authenticate(view.refreshToken))).code).toBe(ErrorCode.Unauthenticated);
    });

    it('accepts a token until its expiry and refuses it with SESSION_EXPIRED from then on', async () => {
      const { sut, clock, issue } = setup();
      const view = await issue();

      clock.advance(TTL - 1);
      await expect(sut.authenticate(view.token)).resolves.toMatchObject({ kind: 'resident' });
      clock.advance(1);
      expect((await domainErrorFrom(sut.authenticate(view.token))).code).toBe(ErrorCode.SessionExpired);
    });

    it('refuses the token of a staff account deactivated after login', async () => {
      const { sut, accounts, directory } = setup();
      const staff = aStaffAccount();
      accounts.staff.set(staff.id, staff);
      const me = await directory.meFor('staff', staff.id);
      if (!me) throw new Error('fixture: staff me view missing');
      const view = await sut.issue({ kind: 'staff', id: staff.id }, me);
      await expect(sut.authenticate(view.token)).resolves.toMatchObject({ kind: 'staff', staffId: staff.id });
      accounts.staff.set(staff.id, { ...staff, active: false });

      expect((await domainErrorFrom(sut.authenticate(view.token))).code).toBe(ErrorCode.Unauthenticated);
    });
  });

  describe('refresh', () => {
    it('exchanges a refresh token for new tokens and retires the old session', async () => {
      const { sut, clock, issue } = setup();
      const old = await issue();
      clock.advance(TTL + 60); // the access token has expired, the refresh token has not

      const next = await sut.refresh(old.refreshToken);

      expect(next.token).not.toBe(old.token);
      expect(next.refreshToken).not.toBe(old.refreshToken);
      await expect(sut.authenticate(next.token)).resolves.toMatchObject({ kind: 'resident' });
      expect((await domainErrorFrom(sut.authenticate(old.token))).code).toBe(ErrorCode.Unauthenticated);
    });

    it('refuses a refresh token used a second time with SESSION_EXPIRED', async () => {
      const { sut, issue } = setup();
      const old = await issue();
      await sut.refresh(old.refreshToken);

      expect((await domainErrorFrom(sut.refresh(old.refreshToken))).code).toBe(ErrorCode.SessionExpired);
    });

    it('lets only one of two simultaneous refreshes with the same token succeed', async () => {
      const { sut, rows, issue } = setup();
      const old = await issue();

      const results = await Promise.allSettled([sut.refresh(old.refreshToken), sut.refresh(old.refreshToken)]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: ErrorCode.SessionExpired });
      expect([...rows.rows.values()].filter((s) => s.revokedAt === null)).toHaveLength(1);
    });

    it('refuses an expired refresh token with SESSION_EXPIRED', async () => {
      const { sut, clock, issue } = setup();
      const old = await issue();
      clock.advance(REFRESH_TTL);

      expect((await domainErrorFrom(sut.refresh(old.refreshToken))).code).toBe(ErrorCode.SessionExpired);
    });
  });

  describe('revoke', () => {
    it("marks the caller's session revoked at the current time so its token stops working", async () => {
      const { sut, clock, rows, issue } = setup();
      const view = await issue();
      const caller = await sut.authenticate(view.token);
      clock.advance(30);

      await sut.revoke(caller);

      expect(rows.rows.get(caller.sessionId)?.revokedAt).toEqual(new Date(START.getTime() + 30_000));
      expect((await domainErrorFrom(sut.authenticate(view.token))).code).toBe(ErrorCode.Unauthenticated);
    });
  });
});
