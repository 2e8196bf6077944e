import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

// the outbox, the inbox, subscription credits, delivery attempts and the shared WeChat access token
export class Notifications1764310000000 implements MigrationInterface {
  name = 'Notifications1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'notification_event', [
      id(), varchar('idempotency_key', 191), varchar('recipient_kind', 16), varchar('recipient_id', 36), varchar('type', 40),
      text('data_json'), varchar('link_kind', 24, { isNullable: true }), varchar('link_id', 36, { isNullable: true }),
      varchar('push_state', 24), varchar('template_id', 64, { isNullable: true }), int('credit_held', { default: 0 }),
      int('attempts', { default: 0 }), datetime('next_attempt_at'),
      varchar('claim_token', 36, { isNullable: true }), datetime('claim_expires_at', { isNullable: true }),
      varchar('last_error', 255, { isNullable: true }), datetime('sent_at', { isNullable: true }), datetime('created_at'),
    ], [
      index('uq_notification_event_key', ['idempotency_key'], true),
      index('idx_notification_event_recipient', ['recipient_id']),
      index('idx_notification_event_due', ['push_state', 'next_attempt_at']),
    ]);
    await createTable(q, 'inbox_message', [
      id(), varchar('event_id', 36), varchar('recipient_kind', 16), varchar('recipient_id', 36), varchar('type', 40),
      varchar('title', 64), varchar('body', 500), varchar('link_kind', 24, { isNullable: true }), varchar('link_id', 36, { isNullable: true }),
      datetime('read_at', { isNullable: true }), datetime('created_at'),
    ], [
      index('uq_inbox_message_event', ['event_id'], true),
      index('idx_inbox_message_recipient', ['recipient_id', 'created_at']),
    ]);
    await createTable(q, 'notification_credit', [
      varchar('account_id', 36, { isPrimary: true }), varchar('template_id', 64, { isPrimary: true }), int('credits'), datetime('updated_at'),
    ]);
    await createTable(q, 'notification_attempt', [
      id(), varchar('event_id', 36), int('attempt_no'), int('errcode', { isNullable: true }), varchar('error', 255, { isNullable: true }),
      varchar('outcome', 24), int('duration_ms'), datetime('at'),
    ], [index('idx_notification_attempt_event', ['event_id', 'attempt_no'])]);
    await createTable(q, 'wechat_access_token', [
      varchar('app_id', 64, { isPrimary: true }), varchar('token_enc', 1024, { isNullable: true }), datetime('expires_at', { isNullable: true }),
      varchar('refresh_lease', 36, { isNullable: true }), datetime('refresh_lease_until', { isNullable: true }), datetime('updated_at'),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['wechat_access_token', 'notification_attempt', 'notification_credit', 'inbox_message', 'notification_event']) {
      await q.dropTable(t, true);
    }
  }
}
