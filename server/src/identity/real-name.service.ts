import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, maskIdNumber, maskPersonName, parseIdNumber, type MyVerificationView, type StartRealNameInput } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PiiCipher } from '../common/pii-cipher';
import { RateLimiter } from '../common/rate-limiter';
import type { Caller } from './caller';
import type { RealNameCheckEntity } from './entities/real-name-check.entity';
import type { ResidentIdentityEntity } from './entities/resident-identity.entity';
import { AccountRepository } from './identity.repository';
import { ProxyRepository } from './proxies.repository';
import { ProxyService } from './proxy.service';
import { RealNameCheck, type RealNameSubject } from './real-name-check.port';
import { reindexPeople } from '../database/blind-index-rotation';
import { RegionScope } from './region.scope';

type Resident = Extract<Caller, { kind: 'resident' }>;
type Staff = Extract<Caller, { kind: 'staff' }>;

const REAL_NAME_STARTS = { name: 'real-name-start', limit: 6, windowSeconds: 3600 };
const UNVERIFIED: MyVerificationView = { verified: false, method: null, nameMasked: null, idNumberMasked: null, verifiedAt: null };

// a resident's own identity: WeChat 人脸核身 (the result comes from WeChat, never from the client) or staff at the
// counter who saw the ID card. Knowing a name and an ID number that match the registry never verifies anyone.
@Injectable()
export class RealNameService {
  constructor(
    private readonly db: Db,
    private readonly proxies: ProxyRepository,
    private readonly accounts: AccountRepository,
    private readonly port: RealNameCheck,
    private readonly proxyService: ProxyService,
    private readonly scope: RegionScope,
    private readonly limiter: RateLimiter,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async mine(caller: Resident): Promise<MyVerificationView> {
    const row = await this.db.read((m) => this.proxies.findIdentity(m, caller.accountId));
    return row ? this.view(row) : UNVERIFIED;
  }

  async start(caller: Resident, input: StartRealNameInput) {
    const idNumber = this.parseId(input.idNumber);
    // every session is billed by WeChat and probes an identity: a few an hour per account is plenty for a real person
    await this.limiter.consume(REAL_NAME_STARTS, caller.accountId);
    const account = await this.db.read((m) => this.accounts.findResident(m, caller.accountId));
    if (!account) throw new DomainError(ErrorCode.Unauthenticated, 'no such account');
    const subject: RealNameSubject = { outSeqNo: randomBytes(18).toString('base64url'), openId: this.cipher.decrypt(account.openidEnc), name: input.name, idNumber };
    const started = await this.port.start(subject);
    if (started.kind === 'unavailable') throw new DomainError(ErrorCode.WechatUnavailable, 'wechat face check unavailable');
    if (started.kind === 'refused') throw new DomainError(ErrorCode.RealNameNotPassed, 'wechat refused to start the face check', { code: started.errcode });
    const now = this.clock.now();
    const row: RealNameCheckEntity = {
      id: randomUUID(), accountId: caller.accountId, outSeqNo: subject.outSeqNo, verifyIdEnc: this.cipher.encrypt(started.verifyId), name: input.name,
      idNumberEnc: this.cipher.encrypt(idNumber), status: 'started', expiresAt: new Date(now.getTime() + started.expiresInSeconds * 1000), createdAt: now,
    };
    await this.db.transaction((tx) => this.proxies.insertCheck(tx, row));
    return { checkId: row.id, verifyId: started.verifyId, expiresAt: row.expiresAt.toISOString() };
  }

  // asks WeChat for the outcome of the session (after wx.requestFacialVerify returned in the mini-program)
  async finish(caller: Resident, checkId: string): Promise<MyVerificationView> {
    const check = await this.db.read((m) => this.proxies.findCheck(m, caller.accountId, checkId));
    if (!check) throw new DomainError(ErrorCode.NotFound, 'no such face check');
    if (check.status === 'passed') return this.mine(caller);
    if (check.status === 'failed') throw new DomainError(ErrorCode.RealNameNotPassed, 'the face check did not pass');
    if (check.expiresAt.getTime() <= this.clock.now().getTime()) throw new DomainError(ErrorCode.RealNameCheckExpired, 'the face check session expired');
    const account = await this.db.read((m) => this.accounts.findResident(m, caller.accountId));
    if (!account) throw new DomainError(ErrorCode.Unauthenticated, 'no such account');
    const idNumber = this.cipher.decrypt(check.idNumberEnc);
    const subject: RealNameSubject = { outSeqNo: check.outSeqNo, openId: this.cipher.decrypt(account.openidEnc), name: check.name, idNumber };
    const outcome = await this.port.outcome(subject, this.cipher.decrypt(check.verifyIdEnc));
    if (outcome.kind === 'unavailable') throw new DomainError(ErrorCode.WechatUnavailable, 'wechat face check unavailable');
    const passed = outcome.kind === 'passed';
    await this.db.transaction(async (tx) => {
      if (!(await this.proxies.finishCheck(tx, check.id, passed ? 'passed' : 'failed'))) return;
      if (passed) await this.proxies.saveIdentity(tx, this.identityRow(caller.accountId, check.name, idNumber, 'face', null));
      await this.proxyService.audit(tx, {
        actorKind: 'resident', actorId: caller.accountId, action: 'real_name.face', objectKind: 'resident', objectId: caller.accountId,
        result: passed ? 'ok' : 'refused', detail: passed ? { checkId: check.id } : { checkId: check.id, code: outcome.kind === 'not-passed' ? outcome.code : null },
      });
    });
    if (!passed) throw new DomainError(ErrorCode.RealNameNotPassed, 'the face check did not pass');
    // the family members already added may now match the registry's household
    await this.proxyService.tryHouseholds(caller);
    return this.mine(caller);
  }

  // staff at the counter saw the resident's ID card; the account must act for someone in the staff member's region,
  // or the person on the card must be an elder registered there (an elder verifying themself)
  async verifyAtCounter(staff: Staff, accountId: string, input: { name: string; idNumber: string }): Promise<{ ok: true }> {
    const idNumber = this.parseId(input.idNumber);
    const hash = this.cipher.blindIndex('id_number', idNumber);
    await this.db.transaction(async (tx) => {
      // during a blind-index rotation the person's rows move onto the current key first, so `hash` finds them
      await reindexPeople(tx, this.cipher, 'id_number', [idNumber]);
      const account = await this.accounts.findResident(tx, accountId);
      const own = account ? await this.proxies.membersOfAccount(tx, accountId) : [];
      const asElder = account ? await this.proxies.membersForElder(tx, hash) : { members: [] };
      const communities = [...new Set([...own, ...asElder.members].map((f) => f.communityCode))];
      const covered = await this.firstCovered(tx, staff, communities);
      if (!account || !covered) throw new DomainError(ErrorCode.NotFound, 'no such resident in your scope');
      await this.proxies.saveIdentity(tx, this.identityRow(accountId, input.name, idNumber, 'counter', staff.staffId));
      await this.proxyService.audit(tx, { actorKind: 'staff', actorId: staff.staffId, action: 'real_name.counter', objectKind: 'resident', objectId: accountId, result: 'ok' });
    });
    return { ok: true };
  }

  private async firstCovered(tx: Parameters<RegionScope['assertCovers']>[0], staff: Staff, codes: string[]): Promise<boolean> {
    for (const code of codes) {
      const ok = await this.scope.assertCovers(tx, staff, code).then(() => true, () => false);
      if (ok) return true;
    }
    return false;
  }

  private parseId(raw: string): string {
    const parsed = parseIdNumber(raw, this.clock.today());
    if (!parsed.ok) throw new DomainError(ErrorCode.IdNumberInvalid, parsed.message, { problem: parsed.problem });
    return parsed.id.value;
  }

  private identityRow(accountId: string, name: string, idNumber: string, method: 'face' | 'counter', staffId: string | null): ResidentIdentityEntity {
    return {
      accountId, name, idNumberEnc: this.cipher.encrypt(idNumber), idNumberHash: this.cipher.blindIndex('id_number', idNumber), idNumberHashKv: this.cipher.blindIndexVersion, method,
      verifiedByStaffId: staffId, verifiedAt: this.clock.now(),
    };
  }

  private view(row: ResidentIdentityEntity): MyVerificationView {
    return {
      verified: true, method: row.method, nameMasked: maskPersonName(row.name), idNumberMasked: maskIdNumber(this.cipher.decrypt(row.idNumberEnc)),
      verifiedAt: row.verifiedAt.toISOString(),
    };
  }
}
