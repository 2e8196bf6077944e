import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { AuthSessionEntity, type SessionRevokeReason } from './entities/auth-session.entity';
import { FamilyMemberEntity } from './entities/family-member.entity';
import { RegionEntity } from './entities/region.entity';
import { ResidentAccountEntity } from './entities/resident-account.entity';
import { StaffAccountEntity } from './entities/staff-account.entity';

// unique indexes answer "already there" as a value, so services never look at driver errors
async function insertOnce<T extends string>(insert: Promise<unknown>, ok: T): Promise<T | 'duplicate'> {
  try {
    await insert;
    return ok;
  } catch (err) {
    if (isUniqueViolation(err)) return 'duplicate';
    throw err;
  }
}

@Injectable()
export class AccountRepository {
  findResidentByOpenidHash(m: EntityManager, openidHash: string) {
    return m.findOne(ResidentAccountEntity, { where: { openidHash } });
  }
  findResident(m: EntityManager, id: string) {
    return m.findOne(ResidentAccountEntity, { where: { id } });
  }
  findResidents(m: EntityManager, ids: string[]) {
    return m.find(ResidentAccountEntity, { where: { id: In(ids) } });
  }
  insertResident(m: EntityManager, row: ResidentAccountEntity): Promise<'created' | 'duplicate'> {
    return insertOnce(m.insert(ResidentAccountEntity, row), 'created');
  }
  async renameResident(m: EntityManager, id: string, displayName: string, at: Date): Promise<boolean> {
    const r = await m.update(ResidentAccountEntity, { id }, { displayName, updatedAt: at });
    return r.affected === 1;
  }
  findStaffByUsername(m: EntityManager, username: string) {
    return m.findOne(StaffAccountEntity, { where: { username } });
  }
  findStaff(m: EntityManager, id: string) {
    return m.findOne(StaffAccountEntity, { where: { id } });
  }
  async bindStaffOpenid(m: EntityManager, staffId: string, openidHash: string, at: Date): Promise<'bound' | 'missing' | 'duplicate'> {
    try {
      const r = await m.update(StaffAccountEntity, { id: staffId, active: true }, { openidHash, updatedAt: at });
      return r.affected === 1 ? 'bound' : 'missing';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }
  // active or not: a WeChat account bound to a deactivated staff account must not log in as a new resident
  findStaffByOpenidHash(m: EntityManager, openidHash: string) {
    return m.findOne(StaffAccountEntity, { where: { openidHash } });
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

/** the account a session belongs to, as far as deciding who the caller is needs it */
export type SessionSubject =
  | { kind: 'resident'; id: string }
  | { kind: 'staff'; id: string; role: StaffAccountEntity['role']; regionCode: string; active: boolean; mustChangePassword: boolean };
export type SessionHead = Pick<AuthSessionEntity, 'id' | 'subjectKind' | 'subjectId' | 'expiresAt' | 'revokedAt' | 'revokeReason'>;

@Injectable()
export class SessionRepository {
  /**
   * A request's authentication in one read: the session of a token hash, live or ended (the service tells a revoked
   * family from an unknown token), with its account — null when the account is gone. Two reads before (session, then
   * account); the answer is the same.
   */
  async findWithSubject(m: EntityManager, tokenHash: string): Promise<{ session: SessionHead; subject: SessionSubject | null } | null> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT s.id AS id, s.subject_kind AS subject_kind, s.subject_id AS subject_id, s.expires_at AS expires_at, s.revoked_at AS revoked_at,
         s.revoke_reason AS revoke_reason, r.id AS resident_id, st.id AS staff_id, st.role AS staff_role, st.region_code AS staff_region_code,
         st.active AS staff_active, st.must_change_password AS staff_must_change_password
       FROM auth_session s
       LEFT JOIN resident_account r ON s.subject_kind = 'resident' AND r.id = s.subject_id
       LEFT JOIN staff_account st ON s.subject_kind = 'staff' AND st.id = s.subject_id
       WHERE s.token_hash = ?`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    const driver = m.connection.driver;
    const sessionCol = (p: string) => m.connection.getMetadata(AuthSessionEntity).findColumnWithPropertyName(p)!;
    const staffCol = (p: string) => m.connection.getMetadata(StaffAccountEntity).findColumnWithPropertyName(p)!;
    const session: SessionHead = {
      id: row.id as string, subjectKind: row.subject_kind as SessionHead['subjectKind'], subjectId: row.subject_id as string,
      expiresAt: driver.prepareHydratedValue(row.expires_at, sessionCol('expiresAt')) as Date,
      revokedAt: row.revoked_at == null ? null : (driver.prepareHydratedValue(row.revoked_at, sessionCol('revokedAt')) as Date),
      revokeReason: (row.revoke_reason ?? null) as SessionHead['revokeReason'],
    };
    let subject: SessionSubject | null = null;
    if (session.subjectKind === 'resident' && row.resident_id != null) subject = { kind: 'resident', id: row.resident_id as string };
    if (session.subjectKind === 'staff' && row.staff_id != null) {
      subject = {
        kind: 'staff', id: row.staff_id as string, role: row.staff_role as StaffAccountEntity['role'], regionCode: row.staff_region_code as string,
        active: driver.prepareHydratedValue(row.staff_active, staffCol('active')) as boolean,
        mustChangePassword: driver.prepareHydratedValue(row.staff_must_change_password, staffCol('mustChangePassword')) as boolean,
      };
    }
    return { session, subject };
  }

  insert(m: EntityManager, row: AuthSessionEntity) {
    return m.insert(AuthSessionEntity, row);
  }
  findByRefreshHash(m: EntityManager, refreshHash: string) {
    return m.findOne(AuthSessionEntity, { where: { refreshHash } });
  }
  findById(m: EntityManager, id: string) {
    return m.findOne(AuthSessionEntity, { where: { id } });
  }
  // a rotated row stays until its refresh token would have expired anyway, so a stolen copy that comes back late is
  // still recognised as reuse; other ended rows go a day after they ended
  async purgeEnded(m: EntityManager, before: Date): Promise<number> {
    const r = await m
      .createQueryBuilder()
      .delete()
      .from(AuthSessionEntity)
      .where("refresh_expires_at < :before OR (revoked_at < :before AND (revoke_reason IS NULL OR revoke_reason <> 'rotated'))", { before })
      .execute();
    return r.affected ?? 0;
  }

  // conditional: a refresh token can be spent once even when two requests race
  async revoke(m: EntityManager, id: string, at: Date, reason: SessionRevokeReason): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ revokedAt: at, revokeReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return r.affected === 1;
  }

  // ends every live session of a login family (its access tokens die with the rows); returns how many were live
  // every live session of a staff account ends (deactivation, password reset), except `keep` (their own password change)
  async revokeStaffSessions(m: EntityManager, staffId: string, at: Date, keep?: string): Promise<void> {
    const qb = m
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ revokedAt: at, revokeReason: 'account' })
      .where("subject_kind = 'staff' AND subject_id = :staffId AND revoked_at IS NULL", { staffId });
    if (keep) qb.andWhere('id <> :keep', { keep });
    await qb.execute();
  }

  // the step-up lands on every live row of the login (a second tab's row too), so it survives the next rotation
  async stepUpFamily(m: EntityManager, familyId: string, until: Date): Promise<number> {
    const r = await m
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ stepUpUntil: until })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return r.affected ?? 0;
  }

  async revokeFamily(m: EntityManager, familyId: string, at: Date): Promise<number> {
    const r = await m
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ revokedAt: at, revokeReason: 'reuse' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return r.affected ?? 0;
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
  findByCodes(m: EntityManager, codes: string[]) {
    return codes.length ? m.find(RegionEntity, { where: { code: In([...new Set(codes)]) } }) : Promise.resolve([]);
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
  // one row per person (several families may register the same elder), paged in SQL
  async pagePeopleInCommunity(m: EntityManager, communityCode: string, page: number, pageSize: number) {
    const base = () => m.createQueryBuilder(FamilyMemberEntity, 'f').where('f.community_code = :communityCode', { communityCode });
    const counted = await base().select('COUNT(DISTINCT f.id_number_hash)', 'n').getRawOne<{ n: string | number }>();
    const picked = await base()
      .select('MIN(f.id)', 'id')
      .groupBy('f.id_number_hash')
      .orderBy('MIN(f.created_at)', 'ASC')
      .addOrderBy('MIN(f.id)', 'ASC')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .getRawMany<{ id: string }>();
    const ids = picked.map((r) => r.id);
    const rows = ids.length ? await m.find(FamilyMemberEntity, { where: { id: In(ids) } }) : [];
    const order = new Map(ids.map((id, i) => [id, i]));
    return { rows: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!), total: Number(counted?.n ?? 0) };
  }
  insert(m: EntityManager, row: FamilyMemberEntity): Promise<'inserted' | 'duplicate'> {
    return insertOnce(m.insert(FamilyMemberEntity, row), 'inserted');
  }
  findOwned(m: EntityManager, accountId: string, id: string) {
    return m.findOne(FamilyMemberEntity, { where: { id, accountId } });
  }
  async delete(m: EntityManager, id: string): Promise<boolean> {
    const r = await m.delete(FamilyMemberEntity, { id });
    return r.affected === 1;
  }
}
