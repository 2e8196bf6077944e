import { MigrationInterface, QueryRunner, TableCheck } from 'typeorm';

// issue 11: a failed check frees the elder's one active slot (an age-only failure may wait years; it must not block a
// corrected application or another verified proxy's). Existing check_failed rows give their slot back, and a CHECK
// constraint keeps `active_key` and `status` in step from now on (SQLite rebuilds the table for it; MariaDB, Galera and
// TiDB ≥ 7.2 enforce it, older TiDB parses and ignores it — the repository derives the slot from the status either way).
// the same text as the entity's @Check (a migration does not import code that may change later)
const SLOT_CHECK_SQL = `(status IN ('check_failed', 'rejected', 'closed') AND active_key IS NULL) OR (status NOT IN ('check_failed', 'rejected', 'closed') AND active_key IS NOT NULL AND active_key = '1')`;

export class AllowanceActiveSlot1764482100000 implements MigrationInterface {
  name = 'AllowanceActiveSlot1764482100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("UPDATE allowance_application SET active_key = NULL WHERE status IN ('check_failed', 'rejected', 'closed')");
    await q.query("UPDATE allowance_application SET active_key = '1' WHERE status NOT IN ('check_failed', 'rejected', 'closed') AND active_key IS NULL");
    if (q.connection.driver.options.type === 'better-sqlite3') {
      await q.createCheckConstraint('allowance_application', new TableCheck({ name: 'ck_allowance_application_slot', expression: SLOT_CHECK_SQL }));
    } else {
      await q.query(`ALTER TABLE allowance_application ADD CONSTRAINT ck_allowance_application_slot CHECK (${SLOT_CHECK_SQL})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'better-sqlite3') {
      await q.dropCheckConstraint('allowance_application', 'ck_allowance_application_slot');
    } else {
      await q.query('ALTER TABLE allowance_application DROP CONSTRAINT ck_allowance_application_slot');
    }
    await q.query("UPDATE allowance_application SET active_key = '1' WHERE status = 'check_failed'");
  }
}
