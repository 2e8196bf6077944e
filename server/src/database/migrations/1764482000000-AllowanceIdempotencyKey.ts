import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// issue 11: the database enforces apply's idempotency key (per applicant account). Two submits with the same key at
// the same moment: the loser hits this index and answers with the winner's application. Existing duplicates (the race
// this closes) keep the key only on their oldest row.
export class AllowanceIdempotencyKey1764482000000 implements MigrationInterface {
  name = 'AllowanceIdempotencyKey1764482000000';

  async up(q: QueryRunner): Promise<void> {
    const rows: { id: string; applicant_account_id: string; idempotency_key: string }[] = await q.query(
      `SELECT id, applicant_account_id, idempotency_key FROM allowance_application
       WHERE idempotency_key IS NOT NULL AND applicant_account_id IS NOT NULL ORDER BY submitted_at, id`,
    );
    const seen = new Set<string>();
    for (const r of rows) {
      const k = `${r.applicant_account_id}|${r.idempotency_key}`;
      if (seen.has(k)) await q.query('UPDATE allowance_application SET idempotency_key = NULL WHERE id = ?', [r.id]);
      seen.add(k);
    }
    // SQLite through TypeORM (its cached table definition must know the index: the next migration rebuilds the table)
    if (q.connection.driver.options.type === 'better-sqlite3') {
      await q.createIndex('allowance_application', new TableIndex({ name: 'uq_allowance_application_idempotency', columnNames: ['applicant_account_id', 'idempotency_key'], isUnique: true }));
    } else {
      await q.query('CREATE UNIQUE INDEX uq_allowance_application_idempotency ON allowance_application (applicant_account_id, idempotency_key)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'better-sqlite3') await q.dropIndex('allowance_application', 'uq_allowance_application_idempotency');
    else await q.query('DROP INDEX uq_allowance_application_idempotency ON allowance_application');
  }
}
