import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, varchar } from './schema-helpers';

// booking: the family's phone given with consent at booking (encrypted), and the record of every time staff saw a full
// number — a reveal in the detail or the export of the day they serve (issue 14 item 11). New tables only: nothing
// existing changes, and bookings made before have no phone (staff see 未留电话).
export class BookingContact1764475000000 implements MigrationInterface {
  name = 'BookingContact1764475000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'booking_contact', [id('booking_id'), varchar('phone_enc', 255), datetime('consented_at')]);
    await createTable(
      q,
      'booking_contact_access',
      [id(), varchar('booking_id', 36, { isNullable: true }), varchar('community_code', 12), varchar('staff_id', 36), varchar('kind', 16), varchar('day', 10, { isNullable: true }), int('phone_count'), datetime('at')],
      [index('idx_booking_contact_access_booking', ['booking_id', 'at']), index('idx_booking_contact_access_staff', ['staff_id', 'at'])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('booking_contact_access');
    await q.dropTable('booking_contact');
  }
}
