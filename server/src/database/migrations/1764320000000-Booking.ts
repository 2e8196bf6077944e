import { MigrationInterface, QueryRunner } from 'typeorm';

// booking module tables (filled in by the booking issue)
export class Booking1764320000000 implements MigrationInterface {
  name = 'Booking1764320000000';
  async up(_q: QueryRunner): Promise<void> {}
  async down(_q: QueryRunner): Promise<void> {}
}
