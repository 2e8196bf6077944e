import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, varchar } from './schema-helpers';

const bool = (name: string, def: number) => ({ name, type: 'boolean', isNullable: false, default: def });

// the case kit (issue 10 item 1): case ownership, hand-over and overdue flags (case_file), and the case log (case_log)
export class CaseKit1764420000000 implements MigrationInterface {
  name = 'CaseKit1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'case_file', [
      varchar('kind', 24, { isPrimary: true }), varchar('subject_id', 36, { isPrimary: true }), varchar('community_code', 12),
      varchar('responsible_staff_id', 36, { isNullable: true }), datetime('responsible_at', { isNullable: true }),
      varchar('handler_staff_id', 36, { isNullable: true }), varchar('flagged_reason', 16, { isNullable: true }),
      datetime('created_at'), datetime('updated_at'), datetime('closed_at', { isNullable: true }),
    ], [
      index('idx_case_file_responsible', ['kind', 'responsible_staff_id']),
      index('idx_case_file_handler', ['kind', 'handler_staff_id']),
    ]);
    await createTable(q, 'case_log', [
      id(), varchar('kind', 24), varchar('subject_id', 36), varchar('action', 32), varchar('actor_kind', 16),
      varchar('actor_id', 36, { isNullable: true }), varchar('actor_name', 64), varchar('note', 500, { isNullable: true }),
      varchar('internal_note', 500, { isNullable: true }), bool('visible_to_resident', 1), datetime('created_at'),
    ], [index('idx_case_log_subject', ['kind', 'subject_id', 'created_at'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_log', true);
    await q.dropTable('case_file', true);
  }
}
