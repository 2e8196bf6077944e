import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../identity/caller';
import { ProxyDirectory } from '../identity/proxy.directory';
import type { ApplicationRow } from './allowance.repository';

type Resident = Extract<Caller, { kind: 'resident' }>;

export interface ElderOfCaller {
  familyMemberId: string;
  name: string;
  idNumber: string;
  idNumberHash: string;
  communityCode: string;
}

/**
 * Who may act for an elder: only a verified proxy (identity's ProxyDirectory — household match, staff confirmation or
 * the elder's own invitation; revocation and withdrawn consent take effect at once). Anything else — an unverified or
 * revoked member, another account's member, an unknown id — is null / false → the same NOT_FOUND.
 */
@Injectable()
export class AllowanceAccess {
  constructor(private readonly proxies: ProxyDirectory) {}

  async elderFor(m: EntityManager, caller: Resident, familyMemberId: string): Promise<ElderOfCaller | null> {
    const p = await this.proxies.verifiedProxy(m, caller.accountId, familyMemberId);
    if (!p) return null;
    return { familyMemberId, name: p.elder.name, idNumber: p.elder.idNumber, idNumberHash: p.elder.idNumberHash, communityCode: p.elder.communityCode };
  }

  /** any account verified to act for the elder may follow and correct the application */
  mayRead(m: EntityManager, caller: Resident, app: ApplicationRow): Promise<boolean> {
    return this.proxies.isVerifiedProxyFor(m, caller.accountId, app.elderIdHash);
  }

  /** the ID blind indexes of every elder the caller acts for now (their applications, whoever submitted them) */
  eldersOf(m: EntityManager, caller: Resident): Promise<string[]> {
    return this.proxies.verifiedElderHashes(m, caller.accountId);
  }

}
