import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, LessThan, MoreThanOrEqual, QueryFailedError, type EntityTarget, type SelectQueryBuilder, type ObjectLiteral } from 'typeorm';
import { ACTIVE_BOOKING_STATUSES } from '@jianban/shared';
import { isUniqueViolation } from '../common/db-errors';
import { AccountQuotaEntity } from './entities/account-quota.entity';
import { BookingSettingsEntity } from './entities/booking-settings.entity';
import { BookingEntity, type BookingStatusValue } from './entities/booking.entity';
import { CaseLogEntity } from './entities/case-log.entity';
import { ClosureEntity } from './entities/closure.entity';
import { IdempotencyEntity } from './entities/idempotency.entity';
import { ServiceItemEntity } from './entities/service-item.entity';
import { SlotEntity } from './entities/slot.entity';

/** which unique index a duplicate-key error hit (MariaDB names the key; SQLite names the columns) */
function violatedUnique(err: unknown): string {
  const d = (err instanceof QueryFailedError ? err.driverError : err) as { message?: string; sqlMessage?: string } | null;
  return `${d?.sqlMessage ?? ''} ${d?.message ?? ''}`;
}

// The booking hot path's single-row INSERTs and conditional UPDATEs run as plain parameterised SQL: on a busy box
// TypeORM's query builders cost more CPU per statement than the statement itself. Identifiers are escaped and values
// converted (dates, booleans) by the driver, exactly as the query builders do, so the SQL is valid on SQLite and MariaDB.
async function insertRow<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, row: T): Promise<void> {
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const cols = meta.columns.filter((c) => c.getEntityValue(row) !== undefined);
  const sql = `INSERT INTO ${driver.escape(meta.tableName)} (${cols.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  await m.query(sql, cols.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c)));
}

/** rows an UPDATE changed, reported the same way by both drivers */
async function affectedRows(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
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
export function flagReasonOf(b: { status: BookingStatusValue; createdAt: Date }, edge: Date): 'unconfirmed' | 'not_closed' {
  return b.status === 'pending' && b.createdAt < edge ? 'unconfirmed' : 'not_closed';
}

// calendar data: settings, service items, closures, slots
@Injectable()
export class CalendarRepository {
  settings(m: EntityManager, communityCode: string) {
    return m.findOne(BookingSettingsEntity, { where: { communityCode } });
  }
  saveSettings(m: EntityManager, row: BookingSettingsEntity) {
    return m.save(BookingSettingsEntity, row);
  }
  /** the longest booking window any community has configured (null when none has saved settings) */
  async longestWindowDays(m: EntityManager): Promise<number | null> {
    const row = await m.createQueryBuilder(BookingSettingsEntity, 's').select('MAX(s.window_days)', 'days').getRawOne<{ days: number | string | null }>();
    return row?.days == null ? null : Number(row.days);
  }
  // capacity of future slot rows follows the number of posts (booked may then exceed capacity: no new seats until it drops)
  async resizeSlots(m: EntityManager, communityCode: string, fromDate: string, capacity: number) {
    await m.createQueryBuilder().update(SlotEntity).set({ capacity }).where('community_code = :communityCode AND date >= :fromDate', { communityCode, fromDate }).execute();
  }

  serviceItems(m: EntityManager, communityCode: string, includeInactive: boolean) {
    return m.find(ServiceItemEntity, { where: includeInactive ? { communityCode } : { communityCode, active: true }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  }
  serviceItem(m: EntityManager, id: string) {
    return m.findOne(ServiceItemEntity, { where: { id } });
  }
  serviceItemsByIds(m: EntityManager, ids: string[]) {
    return ids.length ? m.find(ServiceItemEntity, { where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }
  insertServiceItem(m: EntityManager, row: ServiceItemEntity) {
    return m.insert(ServiceItemEntity, row);
  }
  saveServiceItem(m: EntityManager, row: ServiceItemEntity) {
    return m.save(ServiceItemEntity, row);
  }

  closures(m: EntityManager, communityCode: string, from: string, to: string) {
    return m
      .createQueryBuilder(ClosureEntity, 'c')
      .where('c.community_code = :communityCode AND c.date >= :from AND c.date <= :to', { communityCode, from, to })
      .orderBy('c.date', 'ASC')
      .getMany();
  }
  closure(m: EntityManager, id: string) {
    return m.findOne(ClosureEntity, { where: { id } });
  }
  async insertClosure(m: EntityManager, row: ClosureEntity): Promise<'inserted' | 'duplicate'> {
    try {
      await m.insert(ClosureEntity, row);
      return 'inserted';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }
  async deleteClosure(m: EntityManager, id: string) {
    return (await m.delete(ClosureEntity, { id })).affected === 1;
  }

  slots(m: EntityManager, communityCode: string, from: string, to: string) {
    return m
      .createQueryBuilder(SlotEntity, 's')
      .where('s.community_code = :communityCode AND s.date >= :from AND s.date <= :to', { communityCode, from, to })
      .getMany();
  }

  findSlot(m: EntityManager, communityCode: string, date: string, startTime: string) {
    return m.findOne(SlotEntity, { where: { communityCode, date, startTime } });
  }

  /** the slot row, created on first use; concurrent creators converge on one row through its unique index */
  async ensureSlot(m: EntityManager, row: SlotEntity): Promise<SlotEntity> {
    const where = { communityCode: row.communityCode, date: row.date, startTime: row.startTime };
    const found = await m.findOne(SlotEntity, { where });
    if (found) return found;
    try {
      await m.insert(SlotEntity, row);
      return row;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const again = await m.findOne(SlotEntity, { where });
      if (!again) throw err;
      return again;
    }
  }

  /** THE capacity guard: one conditional UPDATE; pending, confirmed, checked-in and walk-in bookings all hold a seat */
  async takeSeat(m: EntityManager, slotId: string): Promise<boolean> {
    return (await affectedRows(m, 'UPDATE booking_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity', [slotId])) === 1;
  }
  async releaseSeat(m: EntityManager, slotId: string): Promise<void> {
    await m.createQueryBuilder().update(SlotEntity).set({ booked: () => 'booked - 1' }).where('id = :slotId AND booked > 0', { slotId }).execute();
  }
  slot(m: EntityManager, id: string) {
    return m.findOne(SlotEntity, { where: { id } });
  }
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

  /** 首问负责制: the first staff member to handle the case becomes responsible — set once */
  async claimResponsible(m: EntityManager, id: string, staffId: string, at: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(BookingEntity)
      .set({ responsibleStaffId: staffId, handlerStaffId: staffId, responsibleAt: at })
      .where('id = :id AND responsible_staff_id IS NULL', { id })
      .execute();
    return r.affected === 1;
  }

  async update(m: EntityManager, id: string, patch: Partial<BookingEntity>): Promise<void> {
    await m.createQueryBuilder().update(BookingEntity).set(patch).where('id = :id', { id }).execute();
  }

  insertLog(m: EntityManager, row: CaseLogEntity): Promise<void> {
    return insertRow(m, CaseLogEntity, row);
  }
  logs(m: EntityManager, bookingId: string, residentView: boolean) {
    return m.find(CaseLogEntity, { where: residentView ? { bookingId, visibleToResident: true } : { bookingId }, order: { createdAt: 'ASC', id: 'ASC' } });
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

  /** unfinished bookings (pending/confirmed) the staff member is responsible for (首问) or currently handles (转给我的) */
  async pageMine(m: EntityManager, communityCode: string, staffId: string, page: number, pageSize: number) {
    const qb = m
      .createQueryBuilder(BookingEntity, 'b')
      .where('b.community_code = :communityCode AND b.status IN (:...open)', { communityCode, open: ['pending', 'confirmed'] })
      .andWhere(new Brackets((w) => w.where('b.responsible_staff_id = :staffId', { staffId }).orWhere('b.handler_staff_id = :staffId', { staffId })));
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

  /** flagged bookings (as pageFlagged) whose current flag has not been raised yet: none raised, or only 'unconfirmed' and it has since been confirmed */
  flagCandidates(m: EntityManager, communityCode: string, edge: Date, limit: number) {
    return m
      .createQueryBuilder(BookingEntity, 'b')
      .where('b.community_code = :communityCode', { communityCode })
      .andWhere(overdue(edge))
      .andWhere(new Brackets((w) => w.where('b.flagged_reason IS NULL').orWhere("b.flagged_reason = 'unconfirmed' AND b.status <> 'pending'")))
      .orderBy('b.created_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** raises a flag once: only the caller that changes flagged_reason goes on to tell the lead */
  async markFlagged(m: EntityManager, id: string, reason: 'unconfirmed' | 'not_closed'): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(BookingEntity)
      .set({ flaggedReason: reason })
      .where('id = :id AND (flagged_reason IS NULL OR flagged_reason <> :reason) AND status IN (:...active)', { id, reason, active: ACTIVE })
      .execute();
    return r.affected === 1;
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

  // ---- idempotency ----
  findIdempotency(m: EntityManager, accountId: string, idemKey: string) {
    return m.findOne(IdempotencyEntity, { where: { accountId, idemKey } });
  }
  /** 'duplicate' when another request with this key got there first (on MariaDB it waits until that one commits) */
  async insertIdempotency(m: EntityManager, row: IdempotencyEntity): Promise<'inserted' | 'duplicate'> {
    try {
      await insertRow(m, IdempotencyEntity, row);
      return 'inserted';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }
  async completeIdempotency(m: EntityManager, id: string, patch: Partial<IdempotencyEntity>) {
    await m.createQueryBuilder().update(IdempotencyEntity).set(patch).where('id = :id', { id }).execute();
  }
  async purgeIdempotency(m: EntityManager, before: Date): Promise<number> {
    return (await m.delete(IdempotencyEntity, { expiresAt: LessThan(before) })).affected ?? 0;
  }
}
