import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from './schema-helpers';

// booking: the staff queue across days (待确认 / 我负责的) reads a community's bookings of one status in date and time order
export class BookingQueue1764400500000 implements MigrationInterface {
  name = 'BookingQueue1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('booking', new TableIndex(index('idx_booking_queue', ['community_code', 'status', 'date', 'start_time', 'created_at'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('booking', 'idx_booking_queue');
  }
}
