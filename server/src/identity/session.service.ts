import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type MeView, type SessionView } from '@jianban/shared';
import { AppConfig } from '../common/config';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import type { Caller } from './caller';
import { SessionRepository } from './identity.repository';
import { AccountDirectory } from './account.directory';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

// opaque tokens; the database holds only their hashes, so every instance can verify any token
@Injectable()
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionRepository,
    private readonly directory: AccountDirectory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async issue(subject: { kind: 'resident' | 'staff'; id: string }, me: MeView): Promise<SessionView> {
    const now = this.clock.now();
    const token = newToken();
    const refreshToken = newToken();
    const expiresAt = new Date(now.getTime() + this.config.session.ttlSeconds * 1000);
    const refreshExpiresAt = new Date(now.getTime() + this.config.session.refreshTtlSeconds * 1000);
    await this.db.transaction((tx) =>
      this.sessions.insert(tx, {
        id: randomUUID(), tokenHash: hash(token), refreshHash: hash(refreshToken), subjectKind: subject.kind,
        subjectId: subject.id, expiresAt, refreshExpiresAt, revokedAt: null, createdAt: now,
      }),
    );
    return { token, expiresAt: expiresAt.toISOString(), refreshToken, refreshExpiresAt: refreshExpiresAt.toISOString(), me };
  }

  async authenticate(token: string): Promise<Caller> {
    const s = await this.db.read((m) => this.sessions.findLiveByTokenHash(m, hash(token)));
    if (!s) throw new DomainError(ErrorCode.Unauthenticated, 'unknown or revoked session');
    if (new Date(s.expiresAt).getTime() <= this.clock.now().getTime()) throw new DomainError(ErrorCode.SessionExpired, 'session expired');
    const caller = await this.directory.callerFor(s.subjectKind, s.subjectId, s.id);
    if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'account no longer active');
    return caller;
  }

  async refresh(refreshToken: string): Promise<SessionView> {
    const now = this.clock.now();
    const s = await this.db.read((m) => this.sessions.findLiveByRefreshHash(m, hash(refreshToken)));
    if (!s || new Date(s.refreshExpiresAt).getTime() <= now.getTime()) throw new DomainError(ErrorCode.SessionExpired, 'refresh token expired or unknown');
    const spent = await this.db.transaction((tx) => this.sessions.revoke(tx, s.id, now));
    if (!spent) throw new DomainError(ErrorCode.SessionExpired, 'refresh token already used');
    return this.issue({ kind: s.subjectKind, id: s.subjectId }, await this.directory.requireMe(s.subjectKind, s.subjectId));
  }

  async revoke(caller: Caller): Promise<void> {
    await this.db.transaction((tx) => this.sessions.revoke(tx, caller.sessionId, this.clock.now()));
  }
}
