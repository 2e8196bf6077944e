import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { varchar } from './schema-helpers';

// booking: flagged cases reach the community's lead — who the lead is, and which flag a booking already raised
export class BookingFlags1764340000000 implements MigrationInterface {
  name = 'BookingFlags1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('booking_settings', new TableColumn(varchar('lead_staff_id', 36, { isNullable: true })));
    await q.addColumn('booking', new TableColumn(varchar('flagged_reason', 16, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('booking', 'flagged_reason');
    await q.dropColumn('booking_settings', 'lead_staff_id');
  }
}
