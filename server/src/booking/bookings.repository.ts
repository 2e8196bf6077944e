import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, MoreThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { ACTIVE_BOOKING_STATUSES } from '@jianban/shared';
import { isUniqueViolation } from '../common/db-errors';
import { affectedRows, insertRow, violatedUnique } from '../common/rows';
import { AccountQuotaEntity } from './entities/account-quota.entity';
import { BookingEntity, type BookingStatusValue } from './entities/booking.entity';

/** an SQL condition (with its parameters) another part supplies, e.g. the case kit's owned-or-handled-by */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

export const ACTIVE: readonly BookingStatusValue[] = ACTIVE_BOOKING_STATUSES;

/**
 * Overdue for its community's lead (both the staff list and the flag job): pending since before `edge`, or still
 * active although it ended before `edge`. `flagReasonOf` says which of the two a row is.
 */
const overdue = (edge: Date) =>
  new Brackets((w) => {
    w.where("b.status = 'pending' AND b.created_at < :edge", { edge }).orWhere('b.status IN (:...active) AND b.ends_at < :edge', { edge, active: ACTIVE });
  });
/** flagReasonOf as SQL over the booking row `b` (uses the :edge parameter) */
export const FLAG_REASON_SQL = "(CASE WHEN b.status = 'pending' AND b.created_at < :edge THEN 'unconfirmed' ELSE 'not_closed' END)";
export function flagReasonOf(b: { status: BookingStatusValue; createdAt: Date }, edge: Date): 'unconfirmed' | 'not_closed' {
  return b.status === 'pending' && b.createdAt < edge ? 'unconfirmed' : 'not_closed';
}

@Injectable()
export class BookingRepository {
  /** B1 cap: one conditional UPDATE on the account's counter row (created on first use) */
  // the account's quota row, created on its own (autocommit) before any booking transaction: created inside one, the
  // first bookings of many fresh accounts took InnoDB gap locks on the missing rows and deadlocked each other
  async ensureQuota(m: EntityManager, accountId: string): Promise<void> {
    if (await m.findOne(AccountQuotaEntity, { where: { accountId } })) return;
    try {
      await m.insert(AccountQuotaEntity, { accountId, activeCount: 0 });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  async takeQuota(m: EntityManager, accountId: string, limit: number): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const taken = await affectedRows(m, 'UPDATE booking_account_quota SET active_count = active_count + 1 WHERE account_id = ? AND active_count < ?', [accountId, limit]);
      if (taken === 1) return true;
      if (await m.findOne(AccountQuotaEntity, { where: { accountId } })) return false;
      try {
        await m.insert(AccountQuotaEntity, { accountId, activeCount: 0 });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    return false;
  }
  async releaseQuota(m: EntityManager, accountId: string | null): Promise<void> {
    if (!accountId) return;
    await m
      .createQueryBuilder()
      .update(AccountQuotaEntity)
      .set({ activeCount: () => 'active_count - 1' })
      .where('account_id = :accountId AND active_count > 0', { accountId })
      .execute();
  }

  /** 'active' when the person already holds an active booking for this service, 'pass' on a pass-code collision */
  async insert(m: EntityManager, row: BookingEntity): Promise<'inserted' | 'active' | 'pass'> {
    try {
      await insertRow(m, BookingEntity, row);
      return 'inserted';
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return /pass_code/i.test(violatedUnique(err)) ? 'pass' : 'active';
    }
  }

  find(m: EntityManager, id: string) {
    return m.findOne(BookingEntity, { where: { id } });
  }
  findByPassCode(m: EntityManager, communityCode: string, passCode: string) {
    return m.findOne(BookingEntity, { where: { communityCode, passCode } });
  }

  /** conditional state change: applies only while the status is one of `from`; false when someone else moved it first */
  async transition(m: EntityManager, id: string, from: BookingStatusValue[], patch: Partial<BookingEntity>): Promise<boolean> {
    const r = await m.createQueryBuilder().update(BookingEntity).set(patch).where('id = :id AND status IN (:...from)', { id, from }).execute();
    return r.affected === 1;
  }

  async update(m: EntityManager, id: string, patch: Partial<BookingEntity>): Promise<void> {
    await m.createQueryBuilder().update(BookingEntity).set(patch).where('id = :id', { id }).execute();
  }

  async pageOfAccount(m: EntityManager, accountId: string, scope: 'active' | 'past' | 'all', page: number, pageSize: number) {
    const qb = m.createQueryBuilder(BookingEntity, 'b').where('b.account_id = :accountId', { accountId });
    if (scope === 'active') qb.andWhere('b.status IN (:...active)', { active: ACTIVE });
    if (scope === 'past') qb.andWhere('b.status NOT IN (:...active)', { active: ACTIVE });
    const [rows, total] = await qb.orderBy('b.starts_at', scope === 'active' ? 'ASC' : 'DESC').addOrderBy('b.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { rows, total };
  }

  async pageOfDay(m: EntityManager, communityCode: string, date: string, status: string | undefined, page: number, pageSize: number) {
    const qb = m.createQueryBuilder(BookingEntity, 'b').where('b.community_code = :communityCode AND b.date = :date', { communityCode, date });
    if (status) qb.andWhere('b.status = :status', { status });
    const [rows, total] = await qb.orderBy('b.start_time', 'ASC').addOrderBy('b.created_at', 'ASC').addOrderBy('b.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { rows, total };
  }

  /** every booking of the community waiting for confirmation, across days, in date and time order (index idx_booking_queue) */
  async pagePending(m: EntityManager, communityCode: string, page: number, pageSize: number) {
    const qb = m.createQueryBuilder(BookingEntity, 'b').where("b.community_code = :communityCode AND b.status = 'pending'", { communityCode });
    return this.pageInDayOrder(qb, page, pageSize);
  }

  /** unfinished bookings (pending/confirmed) the staff member is responsible for (首问) or currently handles (转给我的): `mine` is the case kit's condition on b.id */
  async pageMine(m: EntityManager, communityCode: string, mine: SqlCondition, page: number, pageSize: number) {
    const qb = m
      .createQueryBuilder(BookingEntity, 'b')
      .where('b.community_code = :communityCode AND b.status IN (:...open)', { communityCode, open: ['pending', 'confirmed'] })
      .andWhere(mine.sql, mine.params);
    return this.pageInDayOrder(qb, page, pageSize);
  }

  private async pageInDayOrder(qb: SelectQueryBuilder<BookingEntity>, page: number, pageSize: number) {
    const [rows, total] = await qb.orderBy('b.date', 'ASC').addOrderBy('b.start_time', 'ASC').addOrderBy('b.created_at', 'ASC').addOrderBy('b.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { rows, total };
  }

  /** pending too long after creation, or still open long after the slot ended */
  async pageFlagged(m: EntityManager, communityCode: string, edge: Date, page: number, pageSize: number) {
    const qb = m.createQueryBuilder(BookingEntity, 'b').where('b.community_code = :communityCode', { communityCode }).andWhere(overdue(edge));
    const [rows, total] = await qb.orderBy('b.created_at', 'ASC').addOrderBy('b.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { rows, total };
  }

  /** communities that have any active booking (the flag job looks at these) */
  async communitiesWithActive(m: EntityManager): Promise<string[]> {
    const rows: { code: string }[] = await m.createQueryBuilder(BookingEntity, 'b').select('DISTINCT b.community_code', 'code').where('b.status IN (:...active)', { active: ACTIVE }).getRawMany();
    return rows.map((r) => r.code);
  }

  /** flagged bookings (as pageFlagged) whose current flag has not been raised yet (`unflagged`: the case kit's condition over FLAG_REASON_SQL) */
  flagCandidates(m: EntityManager, communityCode: string, edge: Date, unflagged: SqlCondition, limit: number) {
    return m
      .createQueryBuilder(BookingEntity, 'b')
      .where('b.community_code = :communityCode', { communityCode })
      .andWhere(overdue(edge))
      .andWhere(unflagged.sql, { ...unflagged.params, edge })
      .orderBy('b.created_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(limit)
      .getMany();
  }

  rangeForExport(m: EntityManager, communityCode: string, from: string, to: string, limit: number) {
    return m
      .createQueryBuilder(BookingEntity, 'b')
      .where('b.community_code = :communityCode AND b.date >= :from AND b.date <= :to', { communityCode, from, to })
      .orderBy('b.date', 'ASC')
      .addOrderBy('b.start_time', 'ASC')
      .addOrderBy('b.created_at', 'ASC')
      .take(limit)
      .getMany();
  }

  /** the seats of a slot and the account's no-shows since `since`, in one read (null when the slot row is missing) */
  async preflight(m: EntityManager, slotId: string, accountId: string, since: Date): Promise<{ booked: number; capacity: number; noShows: number } | null> {
    const startsAt = m.connection.getMetadata(BookingEntity).findColumnWithPropertyName('startsAt')!;
    const rows: { booked: number | string; capacity: number | string; no_shows: number | string }[] = await m.query(
      `SELECT s.booked AS booked, s.capacity AS capacity,
         (SELECT COUNT(*) FROM booking b WHERE b.account_id = ? AND b.status = 'no_show' AND b.starts_at >= ?) AS no_shows
       FROM booking_slot s WHERE s.id = ?`,
      [accountId, m.connection.driver.preparePersistentValue(since, startsAt), slotId],
    );
    return rows[0] ? { booked: Number(rows[0].booked), capacity: Number(rows[0].capacity), noShows: Number(rows[0].no_shows) } : null;
  }

  async noShows(m: EntityManager, accountId: string, since: Date): Promise<Date[]> {
    const rows = await m.find(BookingEntity, {
      select: { id: true, startsAt: true },
      where: { accountId, status: 'no_show', startsAt: MoreThanOrEqual(since) },
      order: { startsAt: 'DESC' },
    });
    return rows.map((r) => r.startsAt);
  }

  confirmedOn(m: EntityManager, date: string) {
    return m.find(BookingEntity, { where: { status: 'confirmed', date } });
  }
  /** reminder bookkeeping: true exactly once per booking and start time */
  async markReminder(m: EntityManager, id: string, date: string, startTime: string, key: string): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(BookingEntity)
      .set({ reminderFor: key })
      .where("id = :id AND status = 'confirmed' AND date = :date AND start_time = :startTime AND (reminder_for IS NULL OR reminder_for <> :key)", { id, date, startTime, key })
      .execute();
    return r.affected === 1;
  }
}
