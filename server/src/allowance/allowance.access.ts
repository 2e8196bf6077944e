import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from '../identity/caller';
import { PeopleDirectory } from '../identity/people.directory';
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
 * Who may act for an elder: the one place to switch when identity's verified proxies arrive. Today: a family member the
 * account itself registered. Anything else (another account's member, an unknown id) is null → the same NOT_FOUND.
 */
@Injectable()
export class AllowanceAccess {
  constructor(
    private readonly people: PeopleDirectory,
    private readonly cipher: PiiCipher,
  ) {}

  async elderFor(m: EntityManager, caller: Resident, familyMemberId: string): Promise<ElderOfCaller | null> {
    const member = await this.people.familyMember(m, caller.accountId, familyMemberId);
    if (!member) return null;
    return { familyMemberId: member.id, name: member.name, idNumber: this.cipher.decrypt(member.idNumberEnc), idNumberHash: member.idNumberHash, communityCode: member.communityCode };
  }

  /** the account that applied may read and correct the application while it still acts for the elder */
  async mayRead(m: EntityManager, caller: Resident, app: ApplicationRow): Promise<boolean> {
    if (app.applicantAccountId !== caller.accountId || !app.familyMemberId) return false;
    return (await this.people.familyMember(m, caller.accountId, app.familyMemberId)) !== null;
  }
}
