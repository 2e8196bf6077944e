import pino from 'pino';
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, type MeView } from '@jianban/shared';
import {
  FakeAccountRepository, FakeDb, FakeOutbox, FakeRegionRepository, FakeSessionRepository, FixedClock, aResidentAccount, aStaffAccount, domainErrorFrom, regionTree,
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
  const rows = new FakeSessionRepository(accounts);
  const db = new FakeDb([accounts, rows]).asDb();
  const directory = new AccountDirectory(db, accounts, new FakeRegionRepository(regionTree()));
  const outbox = new FakeOutbox();
  const logLines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const sut = new SessionService(db, rows, directory, outbox.asOutbox(), clock, config, log);
  const resident = aResidentAccount();
  accounts.residents.set(resident.id, resident);
  const me: MeView = { kind: 'resident', id: resident.id, displayName: resident.displayName };
  const issue = () => sut.issue({ kind: 'resident', id: resident.id }, me);
  return { sut, clock, accounts, rows, resident, issue, directory, outbox, logLines };
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
        [sha256(a.token), sha256(a.refreshToken!)],
        [sha256(b.token), sha256(b.refreshToken!)],
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
      expect((await domainErrorFrom(sut.authenticate(view.refreshToken!))).code).toBe(ErrorCode.Unauthenticated);
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

    it('keeps the login family across rotations', async () => {
      const { sut, rows, issue } = setup();
      const first = await issue();
      const second = await sut.refresh(first.refreshToken);
      await sut.refresh(second.refreshToken);

      const families = new Set([...rows.rows.values()].map((s) => s.familyId));
      expect(rows.rows.size).toBe(3);
      expect(families.size).toBe(1);
      expect([...rows.rows.values()].map((s) => s.revokeReason)).toEqual(['rotated', 'rotated', null]);
    });

    it('ends the whole family when a rotated token comes back after the grace, and tells the holder once', async () => {
      const { sut, clock, outbox, resident, issue } = setup();
      const other = await issue(); // another device: its own family
      const first = await issue();
      const second = await sut.refresh(first.refreshToken);
      clock.advance(11); // default grace: 10 s

      expect((await domainErrorFrom(sut.refresh(first.refreshToken))).code).toBe(ErrorCode.SessionRevoked);
      expect((await domainErrorFrom(sut.refresh(second.refreshToken))).code).toBe(ErrorCode.SessionRevoked);
      expect((await domainErrorFrom(sut.authenticate(second.token))).code).toBe(ErrorCode.SessionRevoked);
      expect((await domainErrorFrom(sut.refresh(first.refreshToken))).code).toBe(ErrorCode.SessionRevoked);
      await expect(sut.authenticate(other.token)).resolves.toMatchObject({ kind: 'resident' });
      expect(outbox.events).toEqual([expect.objectContaining({ recipient: { kind: 'resident', id: resident.id }, type: 'session_revoked' })]);
    });

    it('logs the reuse once as a warning with ids only: no token, hash or account id', async () => {
      const { sut, clock, rows, resident, issue, logLines } = setup();
      const first = await issue();
      const second = await sut.refresh(first.refreshToken);
      clock.advance(60);
      await domainErrorFrom(sut.refresh(first.refreshToken));

      const warnings = logLines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
      expect(warnings).toHaveLength(1);
      const familyId = [...rows.rows.values()][0].familyId;
      expect(warnings[0]).toMatchObject({ event: 'refresh_token_reuse', familyId, subjectKind: 'resident', liveSessionsEnded: 1 });
      const text = logLines.join('\n');
      for (const secret of [first.token, first.refreshToken!, second.token, second.refreshToken!, sha256(first.refreshToken!), resident.id]) expect(text).not.toContain(secret);
    });

    it('gives staff the shorter refresh lifetime', async () => {
      const { sut, accounts, directory } = setup();
      const staff = aStaffAccount();
      accounts.staff.set(staff.id, staff);
      const view = await sut.issue({ kind: 'staff', id: staff.id }, (await directory.meFor('staff', staff.id))!);

      expect(view.refreshExpiresAt).toBe(new Date(START.getTime() + 12 * 3600 * 1000).toISOString());
    });

    it('refuses a spent token within the grace without ending the family (two tabs refreshing at once)', async () => {
      const { sut, clock, outbox, issue } = setup();
      const first = await issue();
      const second = await sut.refresh(first.refreshToken);
      clock.advance(10);

      expect((await domainErrorFrom(sut.refresh(first.refreshToken))).code).toBe(ErrorCode.SessionExpired);
      await expect(sut.authenticate(second.token)).resolves.toMatchObject({ kind: 'resident' });
      await expect(sut.refresh(second.refreshToken)).resolves.toMatchObject({ me: { kind: 'resident' } });
      expect(outbox.events).toEqual([]);
    });

    it('does not treat a logged-out token as reuse', async () => {
      const { sut, clock, outbox, issue } = setup();
      const view = await issue();
      await sut.revoke(await sut.authenticate(view.token));
      clock.advance(3600);

      expect((await domainErrorFrom(sut.refresh(view.refreshToken))).code).toBe(ErrorCode.SessionExpired);
      expect(outbox.events).toEqual([]);
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
