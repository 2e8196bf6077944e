import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

const bool = (name: string, def: number) => ({ name, type: 'boolean', isNullable: false, default: def });

// booking module tables (issue 5): service items, settings, closures, slots, bookings, case log, idempotency, quotas
export class Booking1764320000000 implements MigrationInterface {
  name = 'Booking1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'booking_service_item', [
      id(), varchar('community_code', 12), varchar('name', 64), varchar('description', 500, { isNullable: true }),
      int('duration_minutes'), text('materials_json'), varchar('catalog_code', 16, { isNullable: true }), bool('active', 1),
      int('sort_order', { default: 0 }), varchar('seed_key', 64, { isNullable: true }), datetime('created_at'), datetime('updated_at'),
    ], [
      index('idx_booking_service_item_community', ['community_code', 'sort_order']),
      index('uq_booking_service_item_seed', ['community_code', 'seed_key'], true),
    ]);
    await createTable(q, 'booking_settings', [
      varchar('community_code', 12, { isPrimary: true }), text('opening_hours_json'), int('slot_minutes'), int('post_count'),
      int('window_start_days'), int('window_days'), int('min_notice_minutes'), int('cutoff_minutes'), varchar('post_title', 32),
      int('flag_after_minutes'), bool('is_example', 1), datetime('updated_at'),
    ]);
    await createTable(q, 'booking_closure', [
      id(), varchar('community_code', 12), varchar('date', 10), varchar('reason', 128), varchar('created_by', 36), datetime('created_at'),
    ], [index('uq_booking_closure_day', ['community_code', 'date'], true)]);
    await createTable(q, 'booking_slot', [
      id(), varchar('community_code', 12), varchar('date', 10), varchar('start_time', 5), datetime('starts_at'), datetime('ends_at'),
      int('capacity'), int('booked', { default: 0 }), datetime('created_at'),
    ], [index('uq_booking_slot_time', ['community_code', 'date', 'start_time'], true)]);
    await createTable(q, 'booking', [
      id(), varchar('account_id', 36, { isNullable: true }), varchar('community_code', 12), varchar('service_item_id', 36),
      varchar('slot_id', 36), varchar('date', 10), varchar('start_time', 5), datetime('starts_at'), datetime('ends_at'),
      varchar('person_name', 64), varchar('family_member_id', 36, { isNullable: true }), varchar('person_key', 80),
      varchar('active_key', 128, { isNullable: true }), varchar('channel', 16), varchar('status', 16), varchar('pass_code', 16),
      varchar('responsible_staff_id', 36, { isNullable: true }), datetime('responsible_at', { isNullable: true }),
      varchar('handler_staff_id', 36, { isNullable: true }), text('missing_materials_json', { isNullable: true }),
      varchar('reject_reason', 255, { isNullable: true }), varchar('note', 255, { isNullable: true }),
      varchar('reminder_for', 20, { isNullable: true }), varchar('created_by_staff_id', 36, { isNullable: true }),
      datetime('created_at'), datetime('updated_at'), datetime('closed_at', { isNullable: true }),
    ], [
      index('idx_booking_account', ['account_id', 'created_at']),
      index('idx_booking_day', ['community_code', 'date', 'start_time']),
      index('idx_booking_status_date', ['status', 'date']),
      index('idx_booking_slot', ['slot_id']),
      index('uq_booking_active_key', ['active_key'], true),
      index('uq_booking_pass_code', ['pass_code'], true),
    ]);
    await createTable(q, 'booking_case_log', [
      id(), varchar('booking_id', 36), varchar('action', 32), varchar('actor_kind', 16), varchar('actor_id', 36, { isNullable: true }),
      varchar('actor_name', 64), varchar('note', 500, { isNullable: true }), bool('visible_to_resident', 1), datetime('created_at'),
    ], [index('idx_booking_case_log_booking', ['booking_id', 'created_at'])]);
    await createTable(q, 'booking_idempotency', [
      id(), varchar('account_id', 36), varchar('idem_key', 64), varchar('request_hash', 64), varchar('booking_id', 36, { isNullable: true }),
      int('status_code'), text('response_json'), datetime('created_at'), datetime('expires_at'),
    ], [
      index('uq_booking_idempotency_key', ['account_id', 'idem_key'], true),
      index('idx_booking_idempotency_expires', ['expires_at']),
    ]);
    await createTable(q, 'booking_account_quota', [varchar('account_id', 36, { isPrimary: true }), int('active_count', { default: 0 })]);
    await createTable(q, 'booking_job_lease', [varchar('name', 64, { isPrimary: true }), varchar('holder', 64), datetime('expires_at')]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['booking_job_lease', 'booking_account_quota', 'booking_idempotency', 'booking_case_log', 'booking', 'booking_slot', 'booking_closure', 'booking_settings', 'booking_service_item']) {
      await q.dropTable(t, true);
    }
  }
}
