import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { Brackets, EntityManager, In, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import {
  AllowanceApplicationEntity, AllowanceAuditEntity, slotOf, AllowanceCheckEntity, AllowanceConsentEntity, AllowanceObjectionEntity, AllowancePolicyEntity,
} from './allowance.entities';

export type ApplicationRow = AllowanceApplicationEntity;
type Patch = Partial<Omit<AllowanceApplicationEntity, 'id'>>;
const A = AllowanceApplicationEntity;

/** a patch that sets the status also sets the elder's slot the same way (the CHECK constraint refuses anything else) */
const withSlot = (patch: Patch): Patch => (patch.status === undefined ? patch : { ...patch, activeKey: slotOf(patch.status) });

export interface Condition {
  sql: string;
  params: Record<string, unknown>;
}

@Injectable()
export class AllowanceRepository {
  /** one active application per elder: the unique (elder_id_hash, active_key) index answers a second one, never who */
  async insertApplication(tx: EntityManager, row: ApplicationRow): Promise<void> {
    try {
      await tx.insert(A, { ...row, activeKey: slotOf(row.status) });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(ErrorCode.AllowanceAlreadyApplied, 'an application for this elder is active');
      throw err;
    }
  }

  insertConsent(tx: EntityManager, row: AllowanceConsentEntity): Promise<unknown> {
    return tx.insert(AllowanceConsentEntity, row);
  }

  consentOf(m: EntityManager, applicationId: string): Promise<AllowanceConsentEntity | null> {
    return m.findOne(AllowanceConsentEntity, { where: { applicationId }, order: { givenAt: 'DESC' } });
  }

  byId(m: EntityManager, id: string): Promise<ApplicationRow | null> {
    return m.findOne(A, { where: { id } });
  }

  byIdempotencyKey(m: EntityManager, accountId: string, key: string): Promise<ApplicationRow | null> {
    return m.findOne(A, { where: { applicantAccountId: accountId, idempotencyKey: key } });
  }

  byPublicityId(m: EntityManager, publicityId: string): Promise<ApplicationRow | null> {
    return m.findOne(A, { where: { publicityId } });
  }

  /** another active application for the same elder (not this one) */
  async otherActive(m: EntityManager, elderIdHash: string, exceptId: string): Promise<boolean> {
    const n = await m.createQueryBuilder(A, 'a').where('a.elder_id_hash = :h AND a.active_key IS NOT NULL AND a.id <> :id', { h: elderIdHash, id: exceptId }).getCount();
    return n > 0;
  }

  /** every application of the elders (by ID blind index) the caller acts for, whoever submitted it */
  async ofElders(m: EntityManager, elderIdHashes: readonly string[], page: number, pageSize: number): Promise<[ApplicationRow[], number]> {
    if (!elderIdHashes.length) return [[], 0];
    return m.findAndCount(A, { where: { elderIdHash: In([...elderIdHashes]) }, order: { submittedAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  /** a family's death report: only when none is waiting (a not-confirmed one may be reported again) */
  async reportDeath(tx: EntityManager, id: string, patch: Patch): Promise<boolean> {
    const r = await tx.createQueryBuilder().update(A).set(patch).where("id = :id AND deceased = :no AND (death_report_state IS NULL OR death_report_state = 'not_confirmed')", { id, no: false }).execute();
    return r.affected === 1;
  }

  /** the community's answer to a waiting death report (two staff at once: one answer) */
  async answerDeathReport(tx: EntityManager, id: string, patch: Patch): Promise<boolean> {
    const r = await tx.createQueryBuilder().update(A).set(withSlot(patch)).where("id = :id AND death_report_state = 'reported'", { id }).execute();
    return r.affected === 1;
  }

  /** marks the consent withdrawn (once: a second withdrawal finds nothing to change and answers false) */
  async withdrawConsent(tx: EntityManager, applicationId: string, at: Date): Promise<boolean> {
    const r = await tx.createQueryBuilder().update(AllowanceConsentEntity).set({ withdrawnAt: at }).where('application_id = :id AND withdrawn_at IS NULL', { id: applicationId }).execute();
    return (r.affected ?? 0) > 0;
  }

  /** application id → when its consent was withdrawn (only those withdrawn) */
  async withdrawnConsents(m: EntityManager, ids: readonly string[]): Promise<Map<string, Date>> {
    if (!ids.length) return new Map();
    const rows = await m.find(AllowanceConsentEntity, { where: { applicationId: In([...ids]), withdrawnAt: Not(IsNull()) } });
    return new Map(rows.map((r) => [r.applicationId, r.withdrawnAt as Date]));
  }

  /** the failed checks of these applications, by application id */
  async failedChecks(m: EntityManager, ids: readonly string[]): Promise<Map<string, AllowanceCheckEntity[]>> {
    const out = new Map<string, AllowanceCheckEntity[]>();
    if (!ids.length) return out;
    for (const c of await m.find(AllowanceCheckEntity, { where: { applicationId: In([...ids]), result: 'failed' } })) {
      out.set(c.applicationId, [...(out.get(c.applicationId) ?? []), c]);
    }
    return out;
  }

  /** conditional UPDATE on status: true only for the one caller whose `from` still held (two reviewers: one wins) */
  async transition(tx: EntityManager, id: string, from: readonly string[], patch: Patch): Promise<boolean> {
    const r = await tx.createQueryBuilder().update(A).set(withSlot(patch)).where('id = :id AND status IN (:...from)', { id, from: [...from] }).execute();
    return r.affected === 1;
  }

  /**
   * the one move that takes the elder's slot back (a resubmit after check_failed): another application for the same
   * elder may have become active meanwhile, and the unique slot says so
   */
  async reopen(tx: EntityManager, id: string, from: readonly string[], patch: Patch): Promise<boolean> {
    try {
      return await this.transition(tx, id, from, patch);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(ErrorCode.AllowanceAlreadyApplied, 'an application for this elder is active');
      throw err;
    }
  }

  async replaceChecks(tx: EntityManager, applicationId: string, rows: AllowanceCheckEntity[]): Promise<void> {
    await tx.delete(AllowanceCheckEntity, { applicationId });
    if (rows.length) await tx.insert(AllowanceCheckEntity, rows);
  }

  checks(m: EntityManager, applicationId: string): Promise<AllowanceCheckEntity[]> {
    return m.find(AllowanceCheckEntity, { where: { applicationId } });
  }

  /** applications whose checks must run (again): waiting on the registry, or left in checking by a crash */
  dueForCheck(m: EntityManager, now: Date, limit: number): Promise<ApplicationRow[]> {
    return m.find(A, { where: { status: In(['waiting', 'checking']), nextCheckAt: LessThanOrEqual(now) }, order: { nextCheckAt: 'ASC' }, take: limit });
  }

  /** 公示 whose last day is before `today` */
  publicityOver(m: EntityManager, today: string, limit: number): Promise<ApplicationRow[]> {
    return m.find(A, { where: { status: 'publicity', publicityEndsOn: LessThan(today) }, order: { publicityEndsOn: 'ASC' }, take: limit });
  }

  publicityOf(m: EntityManager, communityCode: string, today: string, page: number, pageSize: number): Promise<[ApplicationRow[], number]> {
    return m
      .createQueryBuilder(A, 'a')
      .where('a.community_code = :c AND a.status = :s AND a.publicity_starts_on <= :t AND a.publicity_ends_on >= :t', { c: communityCode, s: 'publicity', t: today })
      .orderBy('a.publicity_starts_on', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /** a community's queue; `extra` adds the case kit's ownership condition for 'mine' */
  async queue(
    m: EntityManager,
    where: { communityCode?: string; streetCode?: string; statuses?: readonly string[]; withOpenObjections?: boolean; extra?: Condition },
    page: number,
    pageSize: number,
  ): Promise<[ApplicationRow[], number]> {
    const qb = m.createQueryBuilder(A, 'a');
    if (where.communityCode) qb.andWhere('a.community_code = :c', { c: where.communityCode });
    if (where.streetCode) qb.andWhere('a.street_code = :sc', { sc: where.streetCode });
    if (where.statuses) qb.andWhere('a.status IN (:...st)', { st: [...where.statuses] });
    if (where.withOpenObjections) {
      qb.andWhere(new Brackets((w) => w.where('EXISTS (SELECT 1 FROM allowance_objection o WHERE o.application_id = a.id AND o.resolved_at IS NULL)')));
    }
    if (where.extra) qb.andWhere(where.extra.sql, where.extra.params);
    return qb.orderBy('a.submitted_at', 'ASC').addOrderBy('a.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
  }

  async openObjectionCounts(m: EntityManager, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await m
      .createQueryBuilder(AllowanceObjectionEntity, 'o')
      .select('o.application_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .where('o.application_id IN (:...ids) AND o.resolved_at IS NULL', { ids })
      .groupBy('o.application_id')
      .getRawMany<{ id: string; n: string | number }>();
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  /** applications past their stage deadline in one of `statuses`, not yet flagged for it (`extra`: the kit's condition) */
  overdue(m: EntityManager, now: Date, statuses: readonly string[], extra: Condition, limit: number): Promise<ApplicationRow[]> {
    return m
      .createQueryBuilder(A, 'a')
      .where('a.status IN (:...st) AND a.stage_due_at < :now', { st: [...statuses], now })
      .andWhere(extra.sql, extra.params)
      .orderBy('a.stage_due_at', 'ASC')
      .take(limit)
      .getMany();
  }

  objections(m: EntityManager, applicationId: string): Promise<AllowanceObjectionEntity[]> {
    return m.find(AllowanceObjectionEntity, { where: { applicationId }, order: { receivedAt: 'ASC', id: 'ASC' } });
  }

  objectionById(m: EntityManager, id: string): Promise<AllowanceObjectionEntity | null> {
    return m.findOne(AllowanceObjectionEntity, { where: { id } });
  }

  insertObjection(tx: EntityManager, row: AllowanceObjectionEntity): Promise<unknown> {
    return tx.insert(AllowanceObjectionEntity, row);
  }

  async resolveObjection(tx: EntityManager, id: string, patch: { resolvedAt: Date; resolution: string; resolvedBy: string }): Promise<boolean> {
    const r = await tx.createQueryBuilder().update(AllowanceObjectionEntity).set(patch).where('id = :id AND resolved_at IS NULL', { id }).execute();
    return r.affected === 1;
  }

  policies(m: EntityManager): Promise<AllowancePolicyEntity[]> {
    return m.find(AllowancePolicyEntity, { order: { effectiveFrom: 'ASC' } });
  }

  /** one version per effective date: a new entry for the same date replaces it */
  async putPolicy(tx: EntityManager, row: AllowancePolicyEntity): Promise<void> {
    await tx.delete(AllowancePolicyEntity, { effectiveFrom: row.effectiveFrom });
    await tx.insert(AllowancePolicyEntity, row);
  }

  /** the audit trail is insert-only: there is no update or delete of it anywhere */
  audit(tx: EntityManager, row: AllowanceAuditEntity): Promise<unknown> {
    return tx.insert(AllowanceAuditEntity, row);
  }
}
