import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ErrorCode, type MeView, type SessionView } from '@jianban/shared';
import { AppConfig } from '../common/config';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PINO } from '../common/logger';
import { NotificationOutbox } from '../notifications/notification-outbox';
import type { Caller } from './caller';
import type { AuthSessionEntity } from './entities/auth-session.entity';
import { SessionRepository } from './identity.repository';
import { AccountDirectory } from './account.directory';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

const revokedError = () => new DomainError(ErrorCode.SessionRevoked, 'this login was ended because an old refresh token came back; log in again');

type Subject = { kind: 'resident' | 'staff'; id: string };

// opaque tokens; the database holds only their hashes, so every instance can verify any token.
// Refresh-token rotation (RFC 9700 §4.14): each refresh spends its row and writes the next one in the same family (the
// login it descends from). A spent token that comes back after the grace is reuse: someone holds a copy, so the whole
// family ends — its refresh tokens and its access tokens, which live in the same rows — and the holder is told.
@Injectable()
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionRepository,
    private readonly directory: AccountDirectory,
    private readonly outbox: NotificationOutbox,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  /** a new login: a new family */
  async issue(subject: Subject, me: MeView): Promise<SessionView> {
    const now = this.clock.now();
    const { row, view } = this.mint(subject, me, { familyId: null, loginAt: now, stepUpUntil: null }, now);
    await this.db.transaction((tx) => this.sessions.insert(tx, row));
    return view;
  }

  async authenticate(token: string): Promise<Caller> {
    // the session and its account in one read (every authenticated request pays for this)
    const found = await this.db.read((m) => this.sessions.findWithSubject(m, hash(token)));
    if (!found) throw new DomainError(ErrorCode.Unauthenticated, 'unknown or revoked session');
    const s = found.session;
    if (s.revokedAt !== null) throw s.revokeReason === 'reuse' ? revokedError() : new DomainError(ErrorCode.Unauthenticated, 'unknown or revoked session');
    if (new Date(s.expiresAt).getTime() <= this.clock.now().getTime()) throw new DomainError(ErrorCode.SessionExpired, 'session expired');
    const caller = this.directory.callerOf(found.subject, s.id);
    if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'account no longer active');
    return caller;
  }

  async refresh(refreshToken: string | undefined): Promise<SessionView> {
    const now = this.clock.now();
    if (!refreshToken) throw new DomainError(ErrorCode.SessionExpired, 'no refresh token');
    let s = await this.db.read((m) => this.sessions.findByRefreshHash(m, hash(refreshToken)));
    if (!s || new Date(s.refreshExpiresAt).getTime() <= now.getTime()) throw new DomainError(ErrorCode.SessionExpired, 'refresh token expired or unknown');
    if (s.revokedAt === null) {
      const me = await this.directory.requireMe(s.subjectKind, s.subjectId);
      const next = await this.rotate(s, me, now);
      if (next) return next;
      // a concurrent refresh of the same token won: judge it like any spent token (it is within the grace)
      s = (await this.db.read((m) => this.sessions.findById(m, s!.id))) ?? s;
    }
    return this.refuseSpent(s, now);
  }

  /** staff re-entered their password: the routes marked stepUp are open on this login until `until` */
  async grantStepUp(caller: Caller, until: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const s = await this.sessions.findById(tx, caller.sessionId);
      if (!s || s.revokedAt !== null) throw new DomainError(ErrorCode.Unauthenticated, 'unknown or revoked session');
      await this.sessions.stepUpFamily(tx, s.familyId, until);
    });
  }

  /** for the guard on routes marked stepUp */
  async assertSteppedUp(caller: Caller): Promise<void> {
    const s = await this.db.read((m) => this.sessions.findById(m, caller.sessionId));
    const until = s?.stepUpUntil ? new Date(s.stepUpUntil).getTime() : 0;
    if (until <= this.clock.now().getTime()) throw new DomainError(ErrorCode.StepUpRequired, 'enter the password again for this action');
  }

  async revoke(caller: Caller): Promise<void> {
    await this.db.transaction((tx) => this.sessions.revoke(tx, caller.sessionId, this.clock.now(), 'logout'));
  }

  private async rotate(s: AuthSessionEntity, me: MeView, now: Date): Promise<SessionView | null> {
    // the login time and a running step-up carry over; neither is extended by the rotation
    const carried = { familyId: s.familyId, loginAt: s.loginAt ?? s.createdAt, stepUpUntil: s.stepUpUntil };
    const { row, view } = this.mint({ kind: s.subjectKind, id: s.subjectId }, me, carried, now);
    // spend and replace in one transaction: a family revocation running at the same time either sees the new row or
    // makes the spend fail, never leaves a live row behind it
    const spent = await this.db.retrying(async (tx) => {
      if (!(await this.sessions.revoke(tx, s.id, now, 'rotated'))) return false;
      await this.sessions.insert(tx, row);
      return true;
    });
    return spent ? view : null;
  }

  private async refuseSpent(s: AuthSessionEntity, now: Date): Promise<never> {
    if (s.revokeReason === 'rotated') {
      const spentFor = now.getTime() - new Date(s.revokedAt!).getTime();
      // two tabs (or a retried request) refreshing with the same token at once: refuse the slower one, end nothing
      if (spentFor <= this.config.session.refreshReuseGraceSeconds * 1000) throw new DomainError(ErrorCode.SessionExpired, 'refresh token already used');
      await this.revokeFamily(s, now);
      throw revokedError();
    }
    if (s.revokeReason === 'reuse') throw revokedError();
    throw new DomainError(ErrorCode.SessionExpired, 'refresh token already used'); // logged out
  }

  private async revokeFamily(s: AuthSessionEntity, now: Date): Promise<void> {
    const ended = await this.db.retrying(async (tx) => {
      const n = await this.sessions.revokeFamily(tx, s.familyId, now);
      // once per family: later replays find nothing live, and the key makes a racing second writer a no-op
      if (n > 0) {
        await this.outbox.record({
          recipient: { kind: s.subjectKind, id: s.subjectId },
          type: 'session_revoked',
          data: { at: now.toISOString() },
          idempotencyKey: `session-family:${s.familyId}:revoked`,
        });
      }
      return n;
    });
    // ids only: no token, hash or personal data
    this.log.warn({ event: 'refresh_token_reuse', familyId: s.familyId, sessionId: s.id, subjectKind: s.subjectKind, liveSessionsEnded: ended }, 'rotated refresh token presented again; session family revoked');
  }

  // staff: the refresh lifetime slides with each refresh but never past login + STAFF_LOGIN_MAX_SECONDS, so the login
  // ends at most one access-token lifetime (SESSION_TTL_SECONDS, 2 h) after the cap
  private lifetimes(subject: Subject, loginAt: Date, now: Date): { expiresAt: Date; refreshExpiresAt: Date } {
    const { ttlSeconds, refreshTtlSeconds, staffRefreshTtlSeconds, staffLoginMaxSeconds } = this.config.session;
    let refreshEnd = now.getTime() + (subject.kind === 'staff' ? staffRefreshTtlSeconds : refreshTtlSeconds) * 1000;
    if (subject.kind === 'staff') refreshEnd = Math.min(refreshEnd, new Date(loginAt).getTime() + staffLoginMaxSeconds * 1000);
    return { expiresAt: new Date(now.getTime() + ttlSeconds * 1000), refreshExpiresAt: new Date(refreshEnd) };
  }

  private mint(subject: Subject, me: MeView, from: { familyId: string | null; loginAt: Date; stepUpUntil: Date | null }, now: Date): { row: AuthSessionEntity; view: SessionView } {
    const token = newToken();
    const refreshToken = newToken();
    const id = randomUUID();
    const { expiresAt, refreshExpiresAt } = this.lifetimes(subject, from.loginAt, now);
    return {
      row: {
        id, familyId: from.familyId ?? id, tokenHash: hash(token), refreshHash: hash(refreshToken), subjectKind: subject.kind, subjectId: subject.id,
        expiresAt, refreshExpiresAt, revokedAt: null, revokeReason: null, createdAt: now, loginAt: from.loginAt, stepUpUntil: from.stepUpUntil,
      },
      view: { token, expiresAt: expiresAt.toISOString(), refreshToken, refreshExpiresAt: refreshExpiresAt.toISOString(), me },
    };
  }
}
