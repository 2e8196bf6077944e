import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { createTable, datetime, id, index, varchar } from './schema-helpers';

const bool = (name: string, def: number) => ({ name, type: 'boolean', isNullable: false, default: def });
const ACTIVE = "('pending', 'confirmed', 'checked_in')";
// a hand-over's log note was '转交给<name>：<reason>', shown to the resident; the reason becomes staff-only text
const SEP = "'：'";

// booking moves onto the case kit (issue 10 items 1 and 3): ownership, handler and flags leave the booking row for
// case_file, and booking_case_log becomes case_log (kind 'booking'). Nothing is lost; down() puts it all back.
export class BookingCases1764420000001 implements MigrationInterface {
  name = 'BookingCases1764420000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO case_file (kind, subject_id, community_code, responsible_staff_id, responsible_at, handler_staff_id, flagged_reason, created_at, updated_at, closed_at)
       SELECT 'booking', id, community_code, responsible_staff_id, responsible_at, handler_staff_id, flagged_reason, created_at, updated_at,
              CASE WHEN status IN ${ACTIVE} THEN NULL ELSE COALESCE(closed_at, updated_at) END
       FROM booking`,
    );
    await q.query(
      `INSERT INTO case_log (id, kind, subject_id, action, actor_kind, actor_id, actor_name, note, internal_note, visible_to_resident, created_at)
       SELECT id, 'booking', booking_id, action, actor_kind, actor_id, actor_name,
              CASE WHEN action = 'handed_over' AND INSTR(note, ${SEP}) > 0 THEN SUBSTR(note, 1, INSTR(note, ${SEP}) - 1) ELSE note END,
              CASE WHEN action = 'handed_over' AND INSTR(note, ${SEP}) > 0 THEN SUBSTR(note, INSTR(note, ${SEP}) + 1) ELSE NULL END,
              visible_to_resident, created_at
       FROM booking_case_log`,
    );
    await q.dropTable('booking_case_log');
    for (const c of ['flagged_reason', 'handler_staff_id', 'responsible_at', 'responsible_staff_id']) await q.dropColumn('booking', c);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('booking', new TableColumn(varchar('responsible_staff_id', 36, { isNullable: true })));
    await q.addColumn('booking', new TableColumn(datetime('responsible_at', { isNullable: true })));
    await q.addColumn('booking', new TableColumn(varchar('handler_staff_id', 36, { isNullable: true })));
    await q.addColumn('booking', new TableColumn(varchar('flagged_reason', 16, { isNullable: true })));
    const from = (col: string) => `(SELECT f.${col} FROM case_file f WHERE f.kind = 'booking' AND f.subject_id = booking.id)`;
    await q.query(
      `UPDATE booking SET responsible_staff_id = ${from('responsible_staff_id')}, responsible_at = ${from('responsible_at')},
         handler_staff_id = ${from('handler_staff_id')}, flagged_reason = ${from('flagged_reason')}`,
    );
    await createTable(q, 'booking_case_log', [
      id(), varchar('booking_id', 36), varchar('action', 32), varchar('actor_kind', 16), varchar('actor_id', 36, { isNullable: true }),
      varchar('actor_name', 64), varchar('note', 500, { isNullable: true }), bool('visible_to_resident', 1), datetime('created_at'),
    ], [index('idx_booking_case_log_booking', ['booking_id', 'created_at'])]);
    await q.query(
      `INSERT INTO booking_case_log (id, booking_id, action, actor_kind, actor_id, actor_name, note, visible_to_resident, created_at)
       SELECT id, subject_id, action, actor_kind, actor_id, actor_name,
              CASE WHEN internal_note IS NULL THEN note WHEN note IS NULL THEN internal_note ELSE SUBSTR(CONCAT(note, ${SEP}, internal_note), 1, 500) END,
              visible_to_resident, created_at
       FROM case_log WHERE kind = 'booking'`,
    );
    await q.query("DELETE FROM case_log WHERE kind = 'booking'");
    await q.query("DELETE FROM case_file WHERE kind = 'booking'");
  }
}
