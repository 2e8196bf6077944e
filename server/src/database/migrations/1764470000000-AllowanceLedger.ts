import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

const bool = (name: string, def: number) => ({ name, type: 'boolean', isNullable: false, default: def });
const opt = { isNullable: true };

// the senior allowance ledger (issue 12 part 2): recipients, monthly entitlements with a database unique key per
// (recipient, month), months the district closes, runs chunked by primary-key ranges under leases, payment rosters and
// bank return files, re-verification decisions with evidence, overpayments (追缴), community tasks, 免申即享 candidates,
// the payment settings, and an insert-only audit of roster exports and imports. Primary key on every table.
export class AllowanceLedger1764470000000 implements MigrationInterface {
  name = 'AllowanceLedger1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'allowance_recipient', [
      id(), varchar('elder_id_hash', 64), varchar('elder_id_enc', 255), varchar('elder_id_masked', 24), varchar('elder_name', 64),
      varchar('elder_birth_date', 10), varchar('community_code', 12), varchar('street_code', 12), varchar('source', 16), varchar('application_id', 36, opt),
      varchar('account_kind', 24), varchar('account_enc', 255), varchar('account_last4', 4), varchar('bank_name', 60, opt), datetime('account_updated_at', opt),
      varchar('first_paid_month', 7), varchar('status', 12), varchar('status_reason', 32, opt), varchar('stopped_from', 7, opt),
      varchar('death_date', 10, opt), varchar('moved_out_date', 10, opt), bool('flagged', 0), varchar('flag_reason', 32, opt),
      datetime('created_at'), datetime('updated_at'),
    ], [
      index('uq_allowance_recipient_elder', ['elder_id_hash'], true),
      index('idx_allowance_recipient_community', ['community_code', 'status']),
      index('idx_allowance_recipient_application', ['application_id']),
    ]);
    await createTable(q, 'allowance_entitlement', [
      id(), varchar('recipient_id', 36), varchar('for_month', 7), varchar('pay_month', 7), varchar('kind', 12), int('amount_cny'), int('bracket_min_age'),
      varchar('state', 12), varchar('failure_reason', 100, opt), varchar('paid_on', 10, opt), varchar('run_id', 36, opt),
      datetime('created_at'), datetime('updated_at'),
    ], [
      index('uq_allowance_entitlement_month', ['recipient_id', 'for_month'], true),
      index('idx_allowance_entitlement_pay', ['pay_month', 'state']),
    ]);
    await createTable(q, 'allowance_ledger_month', [
      varchar('month', 7, { isPrimary: true }), varchar('status', 8), datetime('closed_at', opt), varchar('closed_by', 36, opt), varchar('note', 300, opt),
      datetime('created_at'),
    ]);
    await createTable(q, 'allowance_ledger_run', [
      id(), varchar('kind', 12), varchar('month', 7), varchar('status', 8), int('chunks_total'), int('chunks_done', { default: 0 }),
      varchar('started_by', 36), varchar('started_by_name', 64), datetime('started_at'), datetime('finished_at', opt), varchar('checksum', 64, opt),
      varchar('source', 16, opt), text('counts_json', opt), int('recipients', { default: 0 }), int('threshold_bp', { default: 500 }),
      varchar('held_reason', 200, opt), varchar('approved_by', 36, opt), datetime('approved_at', opt), varchar('approve_reason', 300, opt),
    ], [index('uq_allowance_ledger_run_month', ['kind', 'month'], true)]);
    await createTable(q, 'allowance_run_chunk', [
      varchar('run_id', 36, { isPrimary: true }), int('chunk_no', { isPrimary: true }), varchar('status', 8), varchar('lease_owner', 64, opt),
      datetime('lease_until', opt), datetime('done_at', opt), int('rows_done', { default: 0 }), varchar('checksum', 64, opt),
    ]);
    await createTable(q, 'allowance_payment_line', [
      id(), varchar('roster_month', 7), varchar('entitlement_id', 36), varchar('recipient_id', 36), varchar('reference', 32), int('amount_cny'),
      varchar('for_month', 7), varchar('status', 8), varchar('bank_reason', 100, opt), varchar('return_id', 36, opt), datetime('created_at'), datetime('updated_at'),
    ], [
      index('uq_allowance_payment_line_entitlement', ['roster_month', 'entitlement_id'], true),
      index('uq_allowance_payment_line_reference', ['reference'], true),
      index('idx_allowance_payment_line_recipient', ['recipient_id']),
    ]);
    await createTable(q, 'allowance_ledger_import', [
      id(), varchar('kind', 16), varchar('month', 7, opt), varchar('file_name', 200), varchar('file_sha256', 64), varchar('status', 12),
      int('rows_total', { default: 0 }), int('ok_count', { default: 0 }), int('failed_count', { default: 0 }), int('bad_count', { default: 0 }),
      int('duplicate_count', { default: 0 }), int('unchanged_count', { default: 0 }), varchar('actor', 36), datetime('started_at'), datetime('finished_at', opt),
    ], [index('idx_allowance_ledger_import_kind', ['kind', 'month', 'started_at'])]);
    await createTable(q, 'allowance_ledger_import_issue', [
      varchar('import_id', 36, { isPrimary: true }), int('row_no', { isPrimary: true }), varchar('column_name', 32, { isPrimary: true }), varchar('reason', 32),
      varchar('text', 200),
    ]);
    await createTable(q, 'allowance_decision', [
      id(), varchar('run_key', 64), varchar('recipient_id', 36), varchar('kind', 20), varchar('status', 10), varchar('effective_month', 7, opt),
      text('evidence_json'), varchar('staff_text', 300), varchar('family_text', 300, opt), datetime('decided_at'), datetime('applied_at', opt),
    ], [
      index('uq_allowance_decision_run', ['run_key', 'recipient_id', 'kind'], true),
      index('idx_allowance_decision_recipient', ['recipient_id', 'decided_at']),
    ]);
    await createTable(q, 'allowance_overpayment', [
      id(), varchar('recipient_id', 36), varchar('entitlement_id', 36), varchar('for_month', 7), int('amount_cny'), varchar('decision_id', 36, opt),
      varchar('status', 10), varchar('reason', 200), datetime('created_at'), datetime('resolved_at', opt), varchar('resolution', 300, opt), varchar('resolved_by', 36, opt),
    ], [
      index('uq_allowance_overpayment_entitlement', ['entitlement_id'], true),
      index('idx_allowance_overpayment_recipient', ['recipient_id']),
    ]);
    await createTable(q, 'allowance_pay_task', [
      id(), varchar('dedupe_key', 100), varchar('kind', 20), varchar('community_code', 12), varchar('recipient_id', 36, opt), varchar('candidate_id', 36, opt),
      varchar('elder_name', 64), varchar('elder_id_masked', 24), varchar('text', 300), varchar('status', 8), datetime('created_at'),
      datetime('resolved_at', opt), varchar('resolution', 300, opt), varchar('resolved_by', 36, opt),
    ], [
      index('uq_allowance_pay_task_key', ['dedupe_key'], true),
      index('idx_allowance_pay_task_community', ['community_code', 'status', 'created_at']),
    ]);
    await createTable(q, 'allowance_candidate', [
      id(), varchar('elder_id_hash', 64), varchar('elder_id_masked', 24), varchar('elder_name', 64), varchar('birth_date', 10), varchar('community_code', 12),
      varchar('eligible_month', 7), varchar('status', 12), varchar('note', 300, opt), varchar('application_id', 36, opt), datetime('found_at'), datetime('updated_at'),
    ], [
      index('uq_allowance_candidate_elder', ['elder_id_hash'], true),
      index('idx_allowance_candidate_community', ['community_code', 'status']),
    ]);
    await createTable(q, 'allowance_payment_settings', [
      id(), varchar('period', 12), int('arrears_cap_months', opt), varchar('bracket_change', 16), int('pay_day'), int('reverify_hold_bp'),
      bool('is_default', 1), varchar('created_by', 36), datetime('created_at'),
    ], [index('idx_allowance_payment_settings_at', ['created_at'])]);
    await createTable(q, 'allowance_ledger_audit', [
      id(), datetime('at'), varchar('actor_kind', 16), varchar('actor_id', 36), varchar('action', 32), varchar('subject', 64), varchar('detail', 200, opt),
    ], [index('idx_allowance_ledger_audit_at', ['at'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'allowance_ledger_audit', 'allowance_payment_settings', 'allowance_candidate', 'allowance_pay_task', 'allowance_overpayment', 'allowance_decision',
      'allowance_ledger_import_issue', 'allowance_ledger_import', 'allowance_payment_line', 'allowance_run_chunk', 'allowance_ledger_run',
      'allowance_ledger_month', 'allowance_entitlement', 'allowance_recipient',
    ]) {
      await q.dropTable(t, true);
    }
  }
}
