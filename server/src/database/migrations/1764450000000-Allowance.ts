import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

const bool = (name: string, def: number) => ({ name, type: 'boolean', isNullable: false, default: def });
const opt = { isNullable: true };

// the senior allowance (issue 11 part 1): applications with one active per elder (unique blind index + active marker),
// the separate consent, automatic checks with evidence, 公示 objections, the district's policy versions, the audit trail
export class Allowance1764450000000 implements MigrationInterface {
  name = 'Allowance1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'allowance_application', [
      id(), varchar('elder_id_hash', 64), varchar('elder_id_enc', 255), varchar('elder_id_masked', 24), varchar('elder_name', 64),
      varchar('elder_birth_date', 10), varchar('family_member_id', 36, opt), varchar('applicant_account_id', 36, opt),
      varchar('community_code', 12), varchar('street_code', 12), varchar('status', 20), varchar('active_key', 1, opt),
      varchar('account_kind', 24), varchar('account_enc', 255), varchar('account_last4', 4), varchar('bank_name', 60, opt),
      varchar('phone_enc', 255), varchar('phone_masked', 16), text('missing_items_json', opt), varchar('reject_reason', 500, opt),
      varchar('eligible_from', 7, opt), varchar('first_paid_month', 7, opt), varchar('publicity_id', 36, opt),
      varchar('publicity_starts_on', 10, opt), varchar('publicity_ends_on', 10, opt), datetime('stage_due_at', opt),
      datetime('next_check_at', opt), int('check_attempts', { default: 0 }), bool('deceased', 0), varchar('idempotency_key', 36, opt),
      datetime('submitted_at'), datetime('updated_at'),
    ], [
      index('uq_allowance_application_active', ['elder_id_hash', 'active_key'], true),
      index('idx_allowance_application_community', ['community_code', 'status', 'submitted_at']),
      index('idx_allowance_application_status', ['status', 'next_check_at']),
      index('idx_allowance_application_street', ['street_code', 'status', 'submitted_at']),
      index('idx_allowance_application_account', ['applicant_account_id', 'submitted_at']),
      index('uq_allowance_application_publicity', ['publicity_id'], true),
    ]);
    await createTable(q, 'allowance_consent', [
      id(), varchar('application_id', 36), varchar('version', 60), varchar('basis', 20), varchar('given_by', 16), varchar('given_by_id', 36),
      datetime('given_at'), datetime('withdrawn_at', opt),
    ], [index('idx_allowance_consent_application', ['application_id'])]);
    await createTable(q, 'allowance_check', [
      varchar('application_id', 36, { isPrimary: true }), varchar('kind', 20, { isPrimary: true }), varchar('result', 10), varchar('sentence', 200),
      text('evidence_json'), datetime('checked_at'),
    ]);
    await createTable(q, 'allowance_objection', [
      id(), varchar('application_id', 36), varchar('account_id', 36), varchar('reason', 500), datetime('received_at'),
      datetime('resolved_at', opt), varchar('resolution', 500, opt), varchar('resolved_by', 36, opt),
    ], [index('idx_allowance_objection_application', ['application_id', 'received_at'])]);
    await createTable(q, 'allowance_policy', [
      id(), varchar('effective_from', 10), text('brackets_json'), varchar('age_rule', 16), int('pre_registration_months'), bool('is_default', 1),
      varchar('created_by', 36), datetime('created_at'),
    ], [index('uq_allowance_policy_from', ['effective_from'], true)]);
    await createTable(q, 'allowance_audit', [
      id(), datetime('at'), varchar('actor_kind', 16), varchar('actor_id', 36), varchar('action', 32), varchar('application_id', 36),
      varchar('result', 16), varchar('detail', 200, opt),
    ], [index('idx_allowance_audit_at', ['at']), index('idx_allowance_audit_application', ['application_id'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['allowance_audit', 'allowance_policy', 'allowance_objection', 'allowance_check', 'allowance_consent', 'allowance_application']) {
      await q.dropTable(t, true);
    }
  }
}
