import { Injectable } from '@nestjs/common';
import { ErrorCode, type MeView } from '@jianban/shared';
import { DomainError } from '../common/domain-error';
import { Db } from '../common/db';
import type { Caller } from './caller';
import { AccountRepository, RegionRepository, type SessionSubject } from './identity.repository';
import { toResidentMe, toStaffMe } from './identity.mapper';

// who a session's subject is now (roles and scope are read fresh, so a change takes effect at once)
@Injectable()
export class AccountDirectory {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountRepository,
    private readonly regions: RegionRepository,
  ) {}

  // residents' WeChat openids as stored (PiiCipher-encrypted), for subscribe-message pushes; unknown ids are left out
  async residentOpenIdsEncrypted(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.read((m) => this.accounts.findResidents(m, ids));
    return new Map(rows.map((r) => [r.id, r.openidEnc]));
  }

  // residents' display names, one query for a whole page of rows; unknown ids are left out
  async residentDisplayNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.read((m) => this.accounts.findResidents(m, unique));
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** who the caller is, from the account read with its session (null: gone or deactivated) */
  callerOf(subject: SessionSubject | null, sessionId: string): Caller | null {
    if (!subject) return null;
    if (subject.kind === 'resident') return { kind: 'resident', accountId: subject.id, sessionId };
    return subject.active
      ? { kind: 'staff', staffId: subject.id, role: subject.role, regionCode: subject.regionCode, sessionId, mustChangePassword: subject.mustChangePassword }
      : null;
  }

  // the signed-in subject's view, or UNAUTHENTICATED when the account is gone or deactivated
  async requireMe(kind: 'resident' | 'staff', id: string): Promise<MeView> {
    const me = await this.meFor(kind, id);
    if (!me) throw new DomainError(ErrorCode.Unauthenticated, 'account no longer active');
    return me;
  }

  async meFor(kind: 'resident' | 'staff', id: string): Promise<MeView | null> {
    return this.db.read(async (m) => {
      if (kind === 'resident') {
        const a = await this.accounts.findResident(m, id);
        return a ? toResidentMe(a) : null;
      }
      const s = await this.accounts.findStaff(m, id);
      if (!s || !s.active) return null;
      const region = await this.regions.find(m, s.regionCode);
      return region ? toStaffMe(s, region) : null;
    });
  }
}
