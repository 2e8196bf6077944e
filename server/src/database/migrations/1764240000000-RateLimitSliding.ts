import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// rate limits become sliding-window counters: the previous window's count is kept and weighted, so a burst that
// straddles a window boundary is still counted (a fixed window let it through twice, and made limits flaky to test)
export class RateLimitSliding1764240000000 implements MigrationInterface {
  name = 'RateLimitSliding1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('rate_limit_bucket', new TableColumn({ name: 'prev_hits', type: 'integer', isNullable: false, default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rate_limit_bucket', 'prev_hits');
  }
}
