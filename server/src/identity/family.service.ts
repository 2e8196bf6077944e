import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, parseIdNumber, type AddFamilyMemberInput, type FamilyMemberView } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from './caller';
import { AccountRepository, FamilyMemberRepository, RegionRepository } from './identity.repository';
import { ProxyRepository } from './proxies.repository';
import { missingRegionView, toFamilyMemberView, toRegionView } from './identity.mapper';
import { RegionScope } from './region.scope';

export const FAMILY_MEMBER_LIMIT = 5;
type Resident = Extract<Caller, { kind: 'resident' }>;

@Injectable()
export class FamilyService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountRepository,
    private readonly members: FamilyMemberRepository,
    private readonly regions: RegionRepository,
    private readonly scope: RegionScope,
    private readonly proxies: ProxyRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async list(caller: Resident): Promise<{ items: FamilyMemberView[]; limit: number }> {
    const today = this.clock.today();
    const items = await this.db.read(async (m) => {
      const rows = await this.members.listByAccount(m, caller.accountId);
      const communities = await this.scope.regionsByCode(m, rows.map((r) => r.communityCode));
      const proxies = new Map((await this.proxies.proxiesOfMembers(m, rows.map((r) => r.id))).map((p) => [p.familyMemberId, p]));
      return rows.map((r) => {
        const community = communities.get(r.communityCode);
        return toFamilyMemberView(r, this.cipher.decrypt(r.idNumberEnc), community ? toRegionView(community) : missingRegionView(r.communityCode), today, proxies.get(r.id));
      });
    });
    return { items, limit: FAMILY_MEMBER_LIMIT };
  }

  async add(caller: Resident, input: AddFamilyMemberInput): Promise<FamilyMemberView> {
    const parsed = parseIdNumber(input.idNumber, this.clock.today());
    if (!parsed.ok) throw new DomainError(ErrorCode.IdNumberInvalid, parsed.message, { problem: parsed.problem });
    const community = await this.db.read((m) => this.regions.find(m, input.communityCode));
    if (!community || community.level !== 'community') {
      throw new DomainError(ErrorCode.Validation, 'unknown community', { issues: [{ path: 'body.communityCode', message: '请选择所在社区' }] });
    }
    const now = this.clock.now();
    const row = {
      id: randomUUID(), accountId: caller.accountId, name: input.name, idNumberEnc: this.cipher.encrypt(parsed.id.value),
      idNumberHash: this.cipher.blindIndex('id_number', parsed.id.value), idNumberHashKv: this.cipher.blindIndexVersion, birthDate: parsed.id.birthDate, gender: parsed.id.gender,
      relationship: input.relationship, communityCode: community.code, createdAt: now, updatedAt: now,
    };
    // insert first so "already in your list" wins over "list full"; throwing rolls back both writes
    await this.db.retrying(async (tx) => {
      if ((await this.members.insert(tx, row)) === 'duplicate') {
        throw new DomainError(ErrorCode.FamilyMemberDuplicate, 'this person is already in your family list');
      }
      if (!(await this.accounts.claimFamilySlot(tx, caller.accountId, FAMILY_MEMBER_LIMIT))) {
        throw new DomainError(ErrorCode.FamilyMemberLimit, `at most ${FAMILY_MEMBER_LIMIT} family members`, { limit: FAMILY_MEMBER_LIMIT });
      }
    });
    return toFamilyMemberView(row, parsed.id.value, toRegionView(community), this.clock.today());
  }

  async remove(caller: Resident, id: string): Promise<void> {
    await this.db.retrying(async (tx) => {
      const row = await this.members.findOwned(tx, caller.accountId, id);
      // someone else's id answers exactly like a missing one
      if (!row) throw new DomainError(ErrorCode.NotFound, 'no such family member');
      if (await this.members.delete(tx, row.id)) await this.accounts.releaseFamilySlot(tx, caller.accountId);
    });
  }
}
