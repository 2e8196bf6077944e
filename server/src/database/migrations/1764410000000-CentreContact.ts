import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { int, varchar } from './schema-helpers';

// booking: the community centre's address, phone and map position, and per service item whether the person must come (issue 14 item 2). All nullable: an existing
// installation has none set, and pages say so rather than show a guessed address.
export class CentreContact1764410000000 implements MigrationInterface {
  name = 'CentreContact1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('booking_settings', new TableColumn(varchar('centre_address', 200, { isNullable: true })));
    await q.addColumn('booking_settings', new TableColumn(varchar('centre_phone', 32, { isNullable: true })));
    await q.addColumn('booking_settings', new TableColumn(int('centre_lat_e6', { isNullable: true })));
    await q.addColumn('booking_settings', new TableColumn(int('centre_lng_e6', { isNullable: true })));
    // whether the person must come in person, per service item; null = not said
    await q.addColumn('booking_service_item', new TableColumn(varchar('in_person', 16, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('booking_service_item', 'in_person');
    await q.dropColumn('booking_settings', 'centre_lng_e6');
    await q.dropColumn('booking_settings', 'centre_lat_e6');
    await q.dropColumn('booking_settings', 'centre_phone');
    await q.dropColumn('booking_settings', 'centre_address');
  }
}
