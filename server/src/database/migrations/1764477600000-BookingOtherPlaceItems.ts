import { MigrationInterface, QueryRunner } from 'typeorm';

// The bookable service items seeded from other places' examples of still-issued certificates (IS-02…IS-04, IS-06…IS-10,
// whose catalog items are no longer shown to residents: CatalogOrigin1764477000000) are switched off where nobody has
// edited them since the seed (updated_at = created_at). An item a community has edited stays as the community left it.
// Nothing is deleted; bookings already made keep their item.
const KEYS = ['IS-02', 'IS-03', 'IS-04', 'IS-06', 'IS-07', 'IS-08', 'IS-09', 'IS-10'];

export class BookingOtherPlaceItems1764477600000 implements MigrationInterface {
  name = 'BookingOtherPlaceItems1764477600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE booking_service_item SET active = 0 WHERE seed_key IN (${KEYS.map(() => '?').join(', ')}) AND active = 1 AND updated_at = created_at`,
      KEYS,
    );
  }

  async down(): Promise<void> {
    // which rows this switched off is not recorded; switching them back on would undo a community's own choice
  }
}
