import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { affectedRows } from '../../common/rows';
import { BookingSettingsEntity } from '../entities/booking-settings.entity';
import { ClosureEntity } from '../entities/closure.entity';
import { ServiceItemEntity } from '../entities/service-item.entity';
import { SlotEntity } from '../entities/slot.entity';

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
