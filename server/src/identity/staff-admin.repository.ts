import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { StaffAccountEntity } from './entities/staff-account.entity';
import { StaffAuditEntity } from './entities/staff-audit.entity';

// LIKE with '!' as the escape character: both engines accept it, and a typed % or _ matches itself
const likeText = (q: string) => `%${q.replace(/[!%_]/g, (c) => '!' + c)}%`;

// the district's staff accounts as the district admin manages them, and their audit
@Injectable()
export class StaffAdminRepository {
  async page(
    m: EntityManager,
    f: { regionCodes: string[] | null; q?: string; status: 'active' | 'inactive' | 'all'; page: number; pageSize: number },
  ): Promise<{ rows: StaffAccountEntity[]; total: number }> {
    const qb = m.createQueryBuilder(StaffAccountEntity, 's');
    if (f.regionCodes) qb.andWhere('s.region_code IN (:...codes)', { codes: f.regionCodes.length ? f.regionCodes : ['-'] });
    if (f.status !== 'all') qb.andWhere('s.active = :active', { active: f.status === 'active' });
    if (f.q) qb.andWhere("(s.username LIKE :q ESCAPE '!' OR s.display_name LIKE :q ESCAPE '!')", { q: likeText(f.q.toLowerCase()) });
    qb.orderBy('s.region_code', 'ASC').addOrderBy('s.username', 'ASC').skip((f.page - 1) * f.pageSize).take(f.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  find(m: EntityManager, id: string) {
    return m.findOne(StaffAccountEntity, { where: { id } });
  }

  findMany(m: EntityManager, ids: string[]) {
    return ids.length ? m.find(StaffAccountEntity, { where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }

  async insert(m: EntityManager, row: StaffAccountEntity): Promise<'created' | 'duplicate'> {
    try {
      // a copy: TypeORM writes the database's raw values (1 for true on MariaDB) back into the object it inserts
      await m.insert(StaffAccountEntity, { ...row });
      return 'created';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }

  async update(m: EntityManager, id: string, patch: Partial<Pick<StaffAccountEntity, 'displayName' | 'role' | 'regionCode' | 'active' | 'passwordHash' | 'mustChangePassword'>>, at: Date): Promise<void> {
    await m.update(StaffAccountEntity, { id }, { ...patch, updatedAt: at });
  }

  // the active district admins, counted by a write to their rows: the write locks them for the rest of the
  // transaction and reads the current rows, not the transaction's snapshot (a plain SELECT after it would count from
  // the snapshot and miss an admin another transaction just deactivated). Two admins deactivating each other at the
  // same moment are serialised: InnoDB waits, Galera's certification refuses one (retried)
  async lockActiveDistrictAdmins(m: EntityManager, at: Date): Promise<number> {
    const r = await m.update(StaffAccountEntity, { role: 'district_admin', active: true }, { updatedAt: at });
    return r.affected ?? 0;
  }

  insertAudit(m: EntityManager, row: StaffAuditEntity) {
    return m.insert(StaffAuditEntity, row);
  }

  auditOf(m: EntityManager, targetStaffId: string, limit = 100) {
    return m.find(StaffAuditEntity, { where: { targetStaffId }, order: { at: 'DESC', id: 'DESC' }, take: limit });
  }
}
