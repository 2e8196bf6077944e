import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import {
  AllowanceDecisionEntity, AllowanceEntitlementEntity, AllowanceLedgerMonthEntity, AllowanceOverpaymentEntity, AllowanceRecipientEntity,
} from '../ledger/ledger.entities';

export type RecipientRow = AllowanceRecipientEntity;
export type EntitlementRow = AllowanceEntitlementEntity;

const n = (v: unknown): number => Number(v ?? 0);

/** set-based reads over the ledger for the family view and the district figures (no writes, no per-person loops) */
@Injectable()
export class PayviewRepository {
  recipientByElder(m: EntityManager, elderIdHash: string): Promise<RecipientRow | null> {
    return m.findOne(AllowanceRecipientEntity, { where: { elderIdHash } });
  }

  /** the recipient's lines for recent months (by the month they are for or the roster that pays them), newest first */
  recentEntitlements(m: EntityManager, recipientId: string, fromMonth: string): Promise<EntitlementRow[]> {
    return m
      .createQueryBuilder(AllowanceEntitlementEntity, 'e')
      .where('e.recipientId = :recipientId', { recipientId })
      .andWhere(new Brackets((w) => w.where('e.forMonth >= :fromMonth', { fromMonth }).orWhere('e.payMonth >= :fromMonth', { fromMonth })))
      .andWhere('e.state <> :cancelled', { cancelled: 'cancelled' })
      .orderBy('e.forMonth', 'DESC')
      .addOrderBy('e.payMonth', 'DESC')
      .limit(120)
      .getMany();
  }

  latestAppliedDecision(m: EntityManager, recipientId: string): Promise<AllowanceDecisionEntity | null> {
    return m.findOne(AllowanceDecisionEntity, { where: { recipientId, status: 'applied' }, order: { decidedAt: 'DESC', id: 'DESC' } });
  }

  async closedMonths(m: EntityManager, months: string[]): Promise<Set<string>> {
    if (months.length === 0) return new Set();
    const rows = await m.find(AllowanceLedgerMonthEntity, { where: { month: In(months), status: 'closed' } });
    return new Set(rows.map((r) => r.month));
  }

  /** active recipients by the bracket they are in today: birth dates against the cut-off dates of each bracket's age */
  async activeByMinAge(m: EntityManager, cutoffs: { minAge: number; bornOnOrBefore: string }[]): Promise<Map<number, number>> {
    // highest age first: the first cut-off a birth date meets is the bracket (one CASE, one GROUP BY, both engines)
    const ordered = [...cutoffs].sort((a, b) => b.minAge - a.minAge);
    const params: Record<string, string> = {};
    const whens = ordered.map((c, i) => {
      params[`c${i}`] = c.bornOnOrBefore;
      return `WHEN r.elder_birth_date <= :c${i} THEN ${Math.trunc(c.minAge)}`;
    });
    const rows = await m
      .createQueryBuilder(AllowanceRecipientEntity, 'r')
      .select(`CASE ${whens.join(' ')} ELSE 0 END`, 'min_age')
      .addSelect('COUNT(*)', 'n')
      .where('r.status = :active', { active: 'active' })
      .setParameters(params)
      .groupBy('min_age')
      .getRawMany<{ min_age: unknown; n: unknown }>();
    return new Map(rows.map((r) => [n(r.min_age), n(r.n)]));
  }

  /** recipients per community: active and suspended/stopped */
  async recipientsByCommunity(m: EntityManager): Promise<{ communityCode: string; active: number; suspended: number }[]> {
    const rows = await m
      .createQueryBuilder(AllowanceRecipientEntity, 'r')
      .select('r.community_code', 'code')
      .addSelect(`SUM(CASE WHEN r.status = 'active' THEN 1 ELSE 0 END)`, 'active')
      .addSelect(`SUM(CASE WHEN r.status <> 'active' THEN 1 ELSE 0 END)`, 'suspended')
      .groupBy('r.community_code')
      .getRawMany<{ code: string; active: unknown; suspended: unknown }>();
    return rows.map((r) => ({ communityCode: r.code, active: n(r.active), suspended: n(r.suspended) }));
  }

  /** the amounts due per community for the months paid in [from, to] */
  async amountByCommunity(m: EntityManager, from: string, to: string): Promise<Map<string, number>> {
    const rows = await m
      .createQueryBuilder(AllowanceEntitlementEntity, 'e')
      .innerJoin(AllowanceRecipientEntity, 'r', 'r.id = e.recipient_id')
      .select('r.community_code', 'code')
      .addSelect('SUM(e.amount_cny)', 'amount')
      .where('e.pay_month >= :from AND e.pay_month <= :to', { from, to })
      .andWhere('e.state <> :cancelled', { cancelled: 'cancelled' })
      .groupBy('r.community_code')
      .getRawMany<{ code: string; amount: unknown }>();
    return new Map(rows.map((r) => [r.code, n(r.amount)]));
  }

  /** per roster month: recipients paid, amount due, paid, failed, back-pay */
  async monthTotals(m: EntityManager, from: string, to: string) {
    const rows = await m
      .createQueryBuilder(AllowanceEntitlementEntity, 'e')
      .select('e.pay_month', 'month')
      .addSelect('COUNT(DISTINCT e.recipient_id)', 'recipients')
      .addSelect('SUM(e.amount_cny)', 'amount')
      .addSelect(`SUM(CASE WHEN e.state = 'paid' THEN e.amount_cny ELSE 0 END)`, 'paid')
      .addSelect(`SUM(CASE WHEN e.state = 'failed' THEN e.amount_cny ELSE 0 END)`, 'failed')
      .addSelect(`SUM(CASE WHEN e.kind = 'back_pay' THEN e.amount_cny ELSE 0 END)`, 'back_pay')
      .where('e.pay_month >= :from AND e.pay_month <= :to', { from, to })
      .andWhere('e.state <> :cancelled', { cancelled: 'cancelled' })
      .groupBy('e.pay_month')
      .getRawMany<Record<string, unknown>>();
    return new Map(
      rows.map((r) => [String(r.month), { recipients: n(r.recipients), amountCny: n(r.amount), paidCny: n(r.paid), failedCny: n(r.failed), backPayCny: n(r.back_pay) }]),
    );
  }

  /** suspensions and stops that took effect in each month (applied decisions) */
  async suspensionsByMonth(m: EntityManager, from: string, to: string): Promise<Map<string, number>> {
    const rows = await m
      .createQueryBuilder(AllowanceDecisionEntity, 'd')
      .select('d.effective_month', 'month')
      .addSelect('COUNT(*)', 'n')
      .where('d.status = :applied', { applied: 'applied' })
      .andWhere('d.kind IN (:...kinds)', { kinds: ['died', 'moved_out', 'consent_withdrawn'] })
      .andWhere('d.effective_month >= :from AND d.effective_month <= :to', { from, to })
      .groupBy('d.effective_month')
      .getRawMany<{ month: string; n: unknown }>();
    return new Map(rows.map((r) => [r.month, n(r.n)]));
  }

  /** 追缴: overpaid amounts by the month they were paid for, and what has been recovered */
  async recoveriesByMonth(m: EntityManager, from: string, to: string): Promise<Map<string, { due: number; recovered: number }>> {
    const rows = await m
      .createQueryBuilder(AllowanceOverpaymentEntity, 'o')
      .select('o.for_month', 'month')
      .addSelect('SUM(o.amount_cny)', 'due')
      .addSelect(`SUM(CASE WHEN o.status = 'recovered' THEN o.amount_cny ELSE 0 END)`, 'recovered')
      .where('o.for_month >= :from AND o.for_month <= :to', { from, to })
      .groupBy('o.for_month')
      .getRawMany<{ month: string; due: unknown; recovered: unknown }>();
    return new Map(rows.map((r) => [r.month, { due: n(r.due), recovered: n(r.recovered) }]));
  }
}
