import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { StatutoryDayEntity, StatutoryYearEntity } from '../entities/statutory.entity';

// the district's entered statutory schedule (booking_statutory_year / booking_statutory_day)
@Injectable()
export class StatutoryRepository {
  years(m: EntityManager, fromYear: number) {
    return m.find(StatutoryYearEntity, { where: { year: MoreThanOrEqual(fromYear) }, order: { year: 'ASC' } });
  }

  year(m: EntityManager, year: number) {
    return m.findOne(StatutoryYearEntity, { where: { year } });
  }

  days(m: EntityManager, fromYear: number) {
    return m.find(StatutoryDayEntity, { where: { year: MoreThanOrEqual(fromYear) }, order: { date: 'ASC' } });
  }

  daysOf(m: EntityManager, year: number) {
    return m.find(StatutoryDayEntity, { where: { year }, order: { date: 'ASC' } });
  }

  /**
   * Replaces a year's days. The year row is written first (UPDATE, else INSERT): on MariaDB its row lock queues a
   * concurrent publisher of the same year behind this one, so the delete + insert below never interleave.
   */
  async replaceYear(m: EntityManager, row: StatutoryYearEntity, days: StatutoryDayEntity[]): Promise<void> {
    const set = { sourceNote: row.sourceNote, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
    const updated = await m.update(StatutoryYearEntity, { year: row.year }, set);
    if (updated.affected !== 1) {
      try {
        await m.insert(StatutoryYearEntity, row);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        await m.update(StatutoryYearEntity, { year: row.year }, set); // a concurrent first publisher committed first
      }
    }
    await m.delete(StatutoryDayEntity, { year: row.year });
    if (days.length) await m.insert(StatutoryDayEntity, days);
  }
}
