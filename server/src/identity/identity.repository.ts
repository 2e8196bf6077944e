import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { FamilyMemberEntity } from './entities/family-member.entity';
import { RegionEntity } from './entities/region.entity';
import { ResidentAccountEntity } from './entities/resident-account.entity';
import { StaffAccountEntity } from './entities/staff-account.entity';

@Injectable()
export class AccountRepository {
  findResidentByOpenidHash(m: EntityManager, openidHash: string) {
    return m.findOne(ResidentAccountEntity, { where: { openidHash } });
  }
  findResident(m: EntityManager, id: string) {
    return m.findOne(ResidentAccountEntity, { where: { id } });
  }
  insertResident(m: EntityManager, row: ResidentAccountEntity) {
    return m.insert(ResidentAccountEntity, row);
  }
  findStaffByUsername(m: EntityManager, username: string) {
    return m.findOne(StaffAccountEntity, { where: { username } });
  }
  findStaff(m: EntityManager, id: string) {
    return m.findOne(StaffAccountEntity, { where: { id } });
  }
  async bindStaffOpenid(m: EntityManager, staffId: string, openidHash: string, at: Date): Promise<boolean> {
    const r = await m.update(StaffAccountEntity, { id: staffId, active: true }, { openidHash, updatedAt: at });
    return r.affected === 1;
  }
  findStaffByOpenidHash(m: EntityManager, openidHash: string) {
    return m.findOne(StaffAccountEntity, { where: { openidHash, active: true } });
  }

  // seat-style counter: at most `limit` family members, enforced by the database under concurrency
  async claimFamilySlot(m: EntityManager, accountId: string, limit: number): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ResidentAccountEntity)
      .set({ familyCount: () => 'family_count + 1' })
      .where('id = :accountId AND family_count < :limit', { accountId, limit })
      .execute();
    return r.affected === 1;
  }
  async releaseFamilySlot(m: EntityManager, accountId: string): Promise<void> {
    await m
      .createQueryBuilder()
      .update(ResidentAccountEntity)
      .set({ familyCount: () => 'family_count - 1' })
      .where('id = :accountId AND family_count > 0', { accountId })
      .execute();
  }
}

@Injectable()
export class SessionRepository {
  insert(m: EntityManager, row: AuthSessionEntity) {
    return m.insert(AuthSessionEntity, row);
  }
  findLiveByTokenHash(m: EntityManager, tokenHash: string) {
    return m.findOne(AuthSessionEntity, { where: { tokenHash, revokedAt: IsNull() } });
  }
  findLiveByRefreshHash(m: EntityManager, refreshHash: string) {
    return m.findOne(AuthSessionEntity, { where: { refreshHash, revokedAt: IsNull() } });
  }
  // conditional: a refresh token can be spent once even when two requests race
  async revoke(m: EntityManager, id: string, at: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ revokedAt: at })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return r.affected === 1;
  }
}

@Injectable()
export class RegionRepository {
  findAll(m: EntityManager) {
    return m.find(RegionEntity, { order: { sortOrder: 'ASC', code: 'ASC' } });
  }
  find(m: EntityManager, code: string) {
    return m.findOne(RegionEntity, { where: { code } });
  }
  async ancestry(m: EntityManager, code: string): Promise<RegionEntity[]> {
    const chain: RegionEntity[] = [];
    let next: string | null = code;
    while (next && chain.length < 6) {
      const r = await this.find(m, next);
      if (!r) break;
      chain.push(r);
      next = r.parentCode;
    }
    return chain;
  }
}

@Injectable()
export class FamilyMemberRepository {
  listByAccount(m: EntityManager, accountId: string) {
    return m.find(FamilyMemberEntity, { where: { accountId }, order: { createdAt: 'ASC' } });
  }
  listByCommunity(m: EntityManager, communityCode: string) {
    return m.find(FamilyMemberEntity, { where: { communityCode }, order: { createdAt: 'ASC' }, take: 500 });
  }
  insert(m: EntityManager, row: FamilyMemberEntity) {
    return m.insert(FamilyMemberEntity, row);
  }
  findOwned(m: EntityManager, accountId: string, id: string) {
    return m.findOne(FamilyMemberEntity, { where: { id, accountId } });
  }
  async delete(m: EntityManager, id: string): Promise<boolean> {
    const r = await m.delete(FamilyMemberEntity, { id });
    return r.affected === 1;
  }
}
