import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { insertRow } from '../common/rows';
import type { CaseFileRecord, CaseKind, CaseRef, CaseStepRecord } from './case.types';
import { CaseFileEntity } from './entities/case-file.entity';
import { CaseLogEntity } from './entities/case-log.entity';

const at = (ref: CaseRef) => ({ kind: ref.kind, subjectId: ref.subjectId });

// the case kit's tables; only the kit's service uses this (modules go through CaseKit)
@Injectable()
export class CaseRepository {
  insertFile(m: EntityManager, row: CaseFileRecord): Promise<void> {
    return insertRow(m, CaseFileEntity, Object.assign(new CaseFileEntity(), row));
  }

  insertLog(m: EntityManager, row: CaseStepRecord): Promise<void> {
    return insertRow(m, CaseLogEntity, Object.assign(new CaseLogEntity(), row));
  }

  file(m: EntityManager, ref: CaseRef): Promise<CaseFileRecord | null> {
    return m.findOne(CaseFileEntity, { where: at(ref) }) as Promise<CaseFileRecord | null>;
  }

  files(m: EntityManager, kind: CaseKind, subjectIds: string[]): Promise<CaseFileRecord[]> {
    const ids = [...new Set(subjectIds)];
    return (ids.length ? m.find(CaseFileEntity, { where: { kind, subjectId: In(ids) } }) : Promise.resolve([])) as Promise<CaseFileRecord[]>;
  }

  /** 首问负责制: the first staff member to take the case becomes responsible (and handler) — set once */
  async claim(m: EntityManager, ref: CaseRef, staffId: string, now: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(CaseFileEntity)
      .set({ responsibleStaffId: staffId, handlerStaffId: staffId, responsibleAt: now, updatedAt: now })
      .where('kind = :kind AND subject_id = :subjectId AND responsible_staff_id IS NULL', at(ref))
      .execute();
    return r.affected === 1;
  }

  /** a hand-over: only while `expectedHandler` still handles it (two colleagues handing over at once: one wins) */
  async moveHandler(m: EntityManager, ref: CaseRef, expectedHandler: string, to: string, now: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(CaseFileEntity)
      .set({ handlerStaffId: to, updatedAt: now })
      .where('kind = :kind AND subject_id = :subjectId AND handler_staff_id = :expectedHandler AND closed_at IS NULL', { ...at(ref), expectedHandler })
      .execute();
    return r.affected === 1;
  }

  /** the case follows its subject to another community; `keepOwner` false clears ownership for the new community's staff */
  async moveCommunity(m: EntityManager, ref: CaseRef, to: string, keepOwner: boolean, now: Date): Promise<boolean> {
    const set: Partial<CaseFileEntity> = { communityCode: to, flaggedReason: null, updatedAt: now };
    if (!keepOwner) Object.assign(set, { responsibleStaffId: null, responsibleAt: null, handlerStaffId: null });
    const r = await m.createQueryBuilder().update(CaseFileEntity).set(set).where('kind = :kind AND subject_id = :subjectId AND community_code <> :to', { ...at(ref), to }).execute();
    return r.affected === 1;
  }

  async close(m: EntityManager, ref: CaseRef, now: Date): Promise<void> {
    await m.createQueryBuilder().update(CaseFileEntity).set({ closedAt: now, updatedAt: now }).where('kind = :kind AND subject_id = :subjectId AND closed_at IS NULL', at(ref)).execute();
  }

  /** raises a flag once: only the caller that changes flagged_reason goes on to tell the lead */
  async flag(m: EntityManager, ref: CaseRef, reason: string): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(CaseFileEntity)
      .set({ flaggedReason: reason })
      .where('kind = :kind AND subject_id = :subjectId AND closed_at IS NULL AND (flagged_reason IS NULL OR flagged_reason <> :reason)', { ...at(ref), reason })
      .execute();
    return r.affected === 1;
  }

  logs(m: EntityManager, ref: CaseRef, residentView: boolean): Promise<CaseStepRecord[]> {
    return m.find(CaseLogEntity, {
      where: residentView ? { ...at(ref), visibleToResident: true } : at(ref),
      order: { createdAt: 'ASC', id: 'ASC' },
    }) as Promise<CaseStepRecord[]>;
  }

  /** 转给我的: open cases a colleague handed to this staff member (they handle it, someone else is responsible), newest first */
  async pageHandedTo(m: EntityManager, kind: CaseKind, staffId: string, page: number, pageSize: number) {
    const [rows, total] = await m
      .createQueryBuilder(CaseFileEntity, 'f')
      .where('f.kind = :kind AND f.handler_staff_id = :staffId AND f.closed_at IS NULL', { kind, staffId })
      .andWhere(new Brackets((w) => w.where('f.responsible_staff_id IS NULL').orWhere('f.responsible_staff_id <> :staffId', { staffId })))
      .orderBy('f.updated_at', 'DESC')
      .addOrderBy('f.subject_id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { rows: rows as CaseFileRecord[], total };
  }
}

/**
 * SQL conditions a module adds to ITS OWN list queries (the kit's table stays the kit's): `subjectColumn` is the
 * module's id column as written in its query (e.g. 'b.id'). Parameters are prefixed `case_` so they do not collide.
 */
export const caseConditions = {
  /** the staff member is responsible for the case (首问) or currently handles it */
  ownedOrHandledBy(subjectColumn: string, kind: CaseKind, staffId: string) {
    return {
      sql: `${subjectColumn} IN (SELECT cf.subject_id FROM case_file cf WHERE cf.kind = :case_kind AND (cf.responsible_staff_id = :case_staff OR cf.handler_staff_id = :case_staff))`,
      params: { case_kind: kind, case_staff: staffId },
    };
  },
  /** the flag the row is due for (`reasonSql`, an SQL expression over the module's columns) has not been raised yet */
  notYetFlagged(subjectColumn: string, kind: CaseKind, reasonSql: string) {
    return {
      sql: `NOT EXISTS (SELECT 1 FROM case_file cf WHERE cf.kind = :case_kind AND cf.subject_id = ${subjectColumn} AND cf.flagged_reason = ${reasonSql})`,
      params: { case_kind: kind },
    };
  },
};
