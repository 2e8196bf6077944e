import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { FamilyMemberEntity } from './entities/family-member.entity';
import { FamilyProxyEntity } from './entities/family-proxy.entity';
import { IdentityAuditEntity } from './entities/identity-audit.entity';
import { ProxyInvitationEntity } from './entities/proxy-invitation.entity';
import { RealNameCheckEntity } from './entities/real-name-check.entity';
import { ResidentIdentityEntity } from './entities/resident-identity.entity';

export type ProxyRevoker = 'elder' | 'staff' | 'consent_withdrawn';

@Injectable()
export class ProxyRepository {
  proxiesOfMembers(m: EntityManager, memberIds: string[]) {
    return memberIds.length ? m.find(FamilyProxyEntity, { where: { familyMemberId: In(memberIds) } }) : Promise.resolve([]);
  }
  findProxy(m: EntityManager, familyMemberId: string) {
    return m.findOne(FamilyProxyEntity, { where: { familyMemberId } });
  }
  // a revocation is remembered for the (account, elder) pair even when the family member was removed and added again
  async wasRevoked(m: EntityManager, accountId: string, idNumberHash: string): Promise<boolean> {
    return (await m.count(FamilyProxyEntity, { where: { accountId, idNumberHash, state: 'revoked' } })) > 0;
  }
  // verified (again): one row per family member, replacing an earlier verification or revocation
  async saveVerified(m: EntityManager, row: FamilyProxyEntity): Promise<void> {
    await m.delete(FamilyProxyEntity, { familyMemberId: row.familyMemberId });
    try {
      await m.insert(FamilyProxyEntity, row);
    } catch (err) {
      // a concurrent request wrote the row between the delete and the insert: the later word wins
      if (!isUniqueViolation(err)) throw err;
      const { familyMemberId, ...rest } = row;
      await m.update(FamilyProxyEntity, { familyMemberId }, rest);
    }
  }
  async revoke(m: EntityManager, familyMemberId: string, by: ProxyRevoker, byId: string | null, at: Date): Promise<boolean> {
    const r = await m.update(FamilyProxyEntity, { familyMemberId, state: 'verified' }, { state: 'revoked', revokedAt: at, revokedBy: by, revokedById: byId });
    return r.affected === 1;
  }
  // every verified relation to this elder (by ID index), with its family member, for the elder's own list
  async membersForElder(m: EntityManager, idNumberHash: string) {
    const members = await m.find(FamilyMemberEntity, { where: { idNumberHash }, order: { createdAt: 'ASC' } });
    const proxies = await this.proxiesOfMembers(m, members.map((x) => x.id));
    return { members, proxies };
  }
  membersOfPeople(m: EntityManager, communityCode: string, idNumberHashes: string[]) {
    return idNumberHashes.length ? m.find(FamilyMemberEntity, { where: { communityCode, idNumberHash: In(idNumberHashes) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }
  findMember(m: EntityManager, id: string) {
    return m.findOne(FamilyMemberEntity, { where: { id } });
  }
  membersOfAccount(m: EntityManager, accountId: string) {
    return m.find(FamilyMemberEntity, { where: { accountId } });
  }

  findIdentity(m: EntityManager, accountId: string) {
    return m.findOne(ResidentIdentityEntity, { where: { accountId } });
  }
  identitiesOf(m: EntityManager, accountIds: string[]) {
    return accountIds.length ? m.find(ResidentIdentityEntity, { where: { accountId: In(accountIds) } }) : Promise.resolve([]);
  }
  async saveIdentity(m: EntityManager, row: ResidentIdentityEntity): Promise<void> {
    await m.delete(ResidentIdentityEntity, { accountId: row.accountId });
    await m.insert(ResidentIdentityEntity, row);
  }

  insertCheck(m: EntityManager, row: RealNameCheckEntity) {
    return m.insert(RealNameCheckEntity, row);
  }
  findCheck(m: EntityManager, accountId: string, id: string) {
    return m.findOne(RealNameCheckEntity, { where: { id, accountId } });
  }
  // a session finishes once, even when two result requests race
  async finishCheck(m: EntityManager, id: string, status: 'passed' | 'failed'): Promise<boolean> {
    const r = await m.update(RealNameCheckEntity, { id, status: 'started' }, { status });
    return r.affected === 1;
  }

  async insertInvitation(m: EntityManager, row: ProxyInvitationEntity): Promise<'inserted' | 'duplicate'> {
    try {
      await m.insert(ProxyInvitationEntity, row);
      return 'inserted';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }
  findInvitation(m: EntityManager, codeHash: string) {
    return m.findOne(ProxyInvitationEntity, { where: { codeHash } });
  }
  // single use: only one of two racing confirmations spends it, and never after it expired
  async spendInvitation(m: EntityManager, id: string, by: string, at: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ProxyInvitationEntity)
      .set({ usedAt: at, usedByAccountId: by })
      .where('id = :id AND used_at IS NULL AND expires_at > :at', { id, at })
      .execute();
    return r.affected === 1;
  }
  openInvitations(m: EntityManager, familyMemberId: string) {
    return m.find(ProxyInvitationEntity, { where: { familyMemberId, usedAt: IsNull() } });
  }

  audit(m: EntityManager, row: IdentityAuditEntity) {
    return m.insert(IdentityAuditEntity, row);
  }
  auditOf(m: EntityManager, objectId: string) {
    return m.find(IdentityAuditEntity, { where: { objectId }, order: { at: 'ASC' } });
  }
}
