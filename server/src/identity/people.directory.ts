import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { FamilyMemberEntity } from './entities/family-member.entity';
import { ResidentAccountEntity } from './entities/resident-account.entity';
import { StaffAccountEntity } from './entities/staff-account.entity';

// what other modules may know of a staff account, a family member
export type StaffPerson = Readonly<Pick<StaffAccountEntity, 'id' | 'displayName' | 'role' | 'regionCode' | 'active'>>;
export type StaffRole = StaffAccountEntity['role'];
export type FamilyMemberRecord = Readonly<Pick<FamilyMemberEntity, 'id' | 'accountId' | 'name' | 'idNumberHash'>>;

/**
 * Identity's people, read-only, for other modules: inside the caller's transaction (every method takes its
 * EntityManager), so a module's repositories never read identity's tables or import its entities.
 */
@Injectable()
export class PeopleDirectory {
  /** a family member only if it belongs to this account */
  familyMember(m: EntityManager, accountId: string, id: string): Promise<FamilyMemberRecord | null> {
    return m.findOne(FamilyMemberEntity, { where: { id, accountId } });
  }

  /** staff accounts by id (active or not; null and repeated ids are skipped); unknown ids are left out */
  staffByIds(m: EntityManager, ids: (string | null)[]): Promise<StaffPerson[]> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    return wanted.length ? m.find(StaffAccountEntity, { where: { id: In(wanted) } }) : Promise.resolve([]);
  }

  async residentName(m: EntityManager, id: string): Promise<string | null> {
    return (await m.findOne(ResidentAccountEntity, { select: { id: true, displayName: true }, where: { id } }))?.displayName ?? null;
  }

  /** active staff with this role, by name */
  activeStaffWithRole(m: EntityManager, role: StaffRole): Promise<StaffPerson[]> {
    return m.find(StaffAccountEntity, { where: { role, active: true }, order: { displayName: 'ASC' } });
  }

  /** active staff whose region is one of these, by name */
  activeStaffInRegions(m: EntityManager, regionCodes: string[]): Promise<StaffPerson[]> {
    return m.find(StaffAccountEntity, { where: { regionCode: In(regionCodes), active: true }, order: { displayName: 'ASC' } });
  }
}
