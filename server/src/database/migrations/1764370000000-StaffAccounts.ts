import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { createTable, datetime, id, index, text, varchar } from './schema-helpers';

// identity: staff accounts managed by the district admin — temporary passwords and the audit of every change
export class StaffAccounts1764370000000 implements MigrationInterface {
  name = 'StaffAccounts1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('staff_account', new TableColumn({ name: 'must_change_password', type: 'boolean', isNullable: false, default: 0 }));
    await createTable(
      q,
      'staff_audit',
      [id(), datetime('at'), varchar('actor_staff_id', 36), varchar('target_staff_id', 36), varchar('action', 24), text('changes_json')],
      [index('idx_staff_audit_target', ['target_staff_id', 'at'])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_audit');
    await q.dropColumn('staff_account', 'must_change_password');
  }
}
