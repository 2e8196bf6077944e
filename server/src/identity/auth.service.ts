import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ErrorCode, type MeView, type SessionView, type StepUpView } from '@jianban/shared';
import { AppConfig } from '../common/config';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PiiCipher } from '../common/pii-cipher';
import { RateLimiter } from '../common/rate-limiter';
import { AccountRepository } from './identity.repository';
import { AccountDirectory } from './account.directory';
import type { Caller } from './caller';
import { ProxyRepository } from './proxies.repository';
import { SessionService } from './session.service';
import { DevLoginCodes } from './dev-login-codes';
import { reindexPeople } from '../database/blind-index-rotation';
import { WechatAuthPort } from './wechat-auth.port';
import { dummyPasswordHash } from './password-hash';


@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountRepository,
    private readonly directory: AccountDirectory,
    private readonly sessions: SessionService,
    private readonly wechat: WechatAuthPort,
    private readonly cipher: PiiCipher,
    private readonly limiter: RateLimiter,
    private readonly proxies: ProxyRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    // development and tests only (the app root never wires it in production)
    @Optional() private readonly devCodes?: DevLoginCodes,
  ) {}

  async wechatLogin(code: string, ip: string): Promise<SessionView> {
    await this.limiter.consume(this.loginPerIp(), ip);
    const openId = await this.openIdFor(code);
    const openidHash = this.cipher.blindIndex('openid', openId);
    const staff = await this.db.read((m) => this.accounts.findStaffByOpenidHash(m, openidHash));
    if (staff && !staff.active) {
      throw new DomainError(ErrorCode.StaffAccountDeactivated, 'this WeChat account belongs to a deactivated staff account');
    }
    if (staff) return this.issueFor('staff', staff.id);
    const accountId = await this.findOrCreateResident(openidHash, openId);
    return this.issueFor('resident', accountId);
  }

  private async openIdFor(code: string): Promise<string> {
    const exchange = await this.wechat.exchangeCode(code);
    if (exchange.kind === 'invalid-code') throw new DomainError(ErrorCode.WechatCodeInvalid, 'login code is invalid or already used');
    if (exchange.kind === 'rate-limited') throw new DomainError(ErrorCode.WechatRateLimited, 'wechat rate limit reached', undefined, { 'retry-after': '60' });
    if (exchange.kind === 'unavailable') throw new DomainError(ErrorCode.WechatUnavailable, `wechat unavailable: ${exchange.reason}`);
    return exchange.openId;
  }

  // wrong passwords are counted per (username, client IP), with a higher ceiling per username; a right password
  // clears the client's count, so nobody can lock a colleague out from elsewhere with a handful of requests
  async staffLogin(username: string, password: string, ip: string): Promise<SessionView> {
    // its own bucket: a busy hour of residents' WeChat logins from one address never locks the staff out
    await this.limiter.consume({ name: 'staff-login-ip', limit: this.config.limits.loginPerMinute, windowSeconds: 60 }, ip);
    const perClient = { name: 'staff-fail', limit: this.config.limits.staffLoginPer15Min, windowSeconds: 900 };
    const perUser = { name: 'staff-fail-user', limit: this.config.limits.staffLoginPer15Min * 10, windowSeconds: 900 };
    await this.limiter.assertBelow(perClient, `${username}|${ip}`);
    await this.limiter.assertBelow(perUser, username);
    const staff = await this.db.read((m) => this.accounts.findStaffByUsername(m, username));
    // an unknown username verifies against a hash of this environment's cost, so it is exactly as slow as a wrong password
    const ok = await argon2.verify(staff?.passwordHash ?? (await dummyPasswordHash(this.config)), password).catch(() => false);
    if (!staff || !staff.active || !staff.passwordHash || !ok) {
      await this.limiter.record(perClient, `${username}|${ip}`);
      await this.limiter.record(perUser, username);
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong username or password');
    }
    await this.limiter.reset(perClient, `${username}|${ip}`);
    return this.issueFor('staff', staff.id);
  }

  /** staff re-enter their password before a sensitive action; granted and refused attempts are audited */
  async stepUp(caller: Extract<Caller, { kind: 'staff' }>, password: string): Promise<StepUpView> {
    const rule = { name: 'staff-step-up', limit: this.config.limits.staffLoginPer15Min, windowSeconds: 900 };
    await this.limiter.assertBelow(rule, caller.staffId);
    const staff = await this.db.read((m) => this.accounts.findStaff(m, caller.staffId));
    const ok = !!staff?.passwordHash && (await argon2.verify(staff.passwordHash, password).catch(() => false));
    const now = this.clock.now();
    const audit = (result: 'ok' | 'refused') => ({
      id: randomUUID(), at: now, actorKind: 'staff' as const, actorId: caller.staffId, action: 'staff.step_up', objectKind: 'staff' as const,
      objectId: caller.staffId, result, detailJson: JSON.stringify({ sessionId: caller.sessionId }),
    });
    if (!ok) {
      await this.limiter.record(rule, caller.staffId);
      await this.db.transaction((tx) => this.proxies.audit(tx, audit('refused')));
      throw new DomainError(ErrorCode.StepUpPasswordWrong, 'wrong password');
    }
    await this.limiter.reset(rule, caller.staffId);
    const until = new Date(now.getTime() + this.config.session.staffStepUpSeconds * 1000);
    await this.sessions.grantStepUp(caller, until);
    await this.db.transaction((tx) => this.proxies.audit(tx, audit('ok')));
    return { until: until.toISOString() };
  }

  // a staff member links their own WeChat account; from then on WeChat login opens their staff session
  async bindStaffWechat(staffId: string, code: string): Promise<MeView> {
    const openId = await this.openIdFor(code);
    const openidHash = this.cipher.blindIndex('openid', openId);
    const bound = await this.db.transaction((tx) => this.accounts.bindStaffOpenid(tx, staffId, openidHash, this.clock.now()));
    if (bound === 'duplicate') throw new DomainError(ErrorCode.Conflict, 'this WeChat account is already bound to another staff account');
    if (bound === 'missing') throw new DomainError(ErrorCode.Unauthenticated, 'account no longer active');
    return this.directory.requireMe('staff', staffId);
  }

  me(caller: Caller): Promise<MeView> {
    return this.directory.requireMe(caller.kind, caller.kind === 'resident' ? caller.accountId : caller.staffId);
  }

  async rename(caller: Extract<Caller, { kind: 'resident' }>, displayName: string): Promise<MeView> {
    const renamed = await this.db.transaction((tx) => this.accounts.renameResident(tx, caller.accountId, displayName, this.clock.now()));
    if (!renamed) throw new DomainError(ErrorCode.Unauthenticated, 'account no longer active');
    return this.me(caller);
  }

  async devCode(user: string | undefined, ip: string): Promise<string> {
    if (!this.devCodes || !this.config.devLogin || this.config.env === 'production') {
      throw new DomainError(ErrorCode.DevLoginDisabled, 'development login is disabled here');
    }
    await this.limiter.consume(this.loginPerIp(), ip);
    const code = await this.devCodes.mintDevCode(user);
    if (!code) throw new DomainError(ErrorCode.WechatUnavailable, 'local wechat peer did not answer');
    return code;
  }

  private loginPerIp() {
    return { name: 'login-ip', limit: this.config.limits.loginPerMinute, windowSeconds: 60 };
  }

  private async issueFor(kind: 'resident' | 'staff', id: string): Promise<SessionView> {
    return this.sessions.issue({ kind, id }, await this.directory.requireMe(kind, id));
  }

  private async findOrCreateResident(openidHash: string, openId: string): Promise<string> {
    // during a blind-index rotation an account still under an earlier key moves onto the current one first
    if (this.cipher.previousBlindIndexVersions.length) await this.db.transaction((tx) => reindexPeople(tx, this.cipher, 'openid', [openId]));
    const existing = await this.db.read((m) => this.accounts.findResidentByOpenidHash(m, openidHash));
    if (existing) return existing.id;
    const now = this.clock.now();
    const id = randomUUID();
    const created = await this.db.transaction((tx) =>
      this.accounts.insertResident(tx, {
        id, openidHash, openidHashKv: this.cipher.blindIndexVersion, openidEnc: this.cipher.encrypt(openId), displayName: '微信用户', familyCount: 0, createdAt: now, updatedAt: now,
      }),
    );
    if (created === 'created') return id;
    // two first logins of the same person raced: the other one created the account
    const winner = await this.db.read((m) => this.accounts.findResidentByOpenidHash(m, openidHash));
    if (!winner) throw new DomainError(ErrorCode.Conflict, 'account creation raced and lost; try again');
    return winner.id;
  }
}
