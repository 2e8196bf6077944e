import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, index, int, varchar } from './schema-helpers';

// booking: the statutory holiday schedule entered by the district admin for years the bundled package does not know yet
export class StatutorySchedule1764330000000 implements MigrationInterface {
  name = 'StatutorySchedule1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'booking_statutory_year', [
      int('year', { isPrimary: true }), varchar('source_note', 200), varchar('updated_by', 36), datetime('updated_at'),
    ]);
    await createTable(q, 'booking_statutory_day', [
      varchar('date', 10, { isPrimary: true }), int('year'), varchar('kind', 16), varchar('name', 32),
    ], [index('idx_booking_statutory_day_year', ['year'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('booking_statutory_day', true);
    await q.dropTable('booking_statutory_year', true);
  }
}
