import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the allowance ledger (issue 12). Generated shape = migration 1764470000000-AllowanceLedger (same names, types, indexes).
// ID numbers and accounts: AES-GCM at rest (*_enc), joined through the HMAC blind index (elder_id_hash); masks in the clear.

@Entity('allowance_recipient')
@Index('uq_allowance_recipient_elder', ['elderIdHash'], { unique: true })
@Index('idx_allowance_recipient_community', ['communityCode', 'status'])
@Index('idx_allowance_recipient_application', ['applicationId'])
// the re-verification reads its chunks (ranges of elder_id_hash) from this index alone, in the registry's key order
@Index('idx_allowance_recipient_check', ['elderIdHash', 'status', 'elderBirthDate', 'elderName', 'applicationId', 'elderIdMasked', 'communityCode', 'statusReason', 'stoppedFrom'])
export class AllowanceRecipientEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, name: 'elder_id_hash' })
  elderIdHash: string;

  /** the blind-index key version of `elder_id_hash` (issue 11: rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'elder_id_hash_kv', default: 1 })
  elderIdHashKv?: number;

  @Column({ type: 'varchar', length: 255, name: 'elder_id_enc' })
  elderIdEnc: string;

  @Column({ type: 'varchar', length: 24, name: 'elder_id_masked' })
  elderIdMasked: string;

  @Column({ type: 'varchar', length: 64, name: 'elder_name' })
  elderName: string;

  @Column({ type: 'varchar', length: 10, name: 'elder_birth_date' })
  elderBirthDate: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 12, name: 'street_code' })
  streetCode: string;

  @Column({ type: 'varchar', length: 16, name: 'source' })
  source: string;

  @Column({ type: 'varchar', length: 36, name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column({ type: 'varchar', length: 24, name: 'account_kind' })
  accountKind: string;

  @Column({ type: 'varchar', length: 255, name: 'account_enc' })
  accountEnc: string;

  @Column({ type: 'varchar', length: 4, name: 'account_last4' })
  accountLast4: string;

  @Column({ type: 'varchar', length: 60, name: 'bank_name', nullable: true })
  bankName: string | null;

  @DateTimeColumn('account_updated_at', { nullable: true })
  accountUpdatedAt: Date | null;

  @Column({ type: 'varchar', length: 7, name: 'first_paid_month' })
  firstPaidMonth: string;

  @Column({ type: 'varchar', length: 12, name: 'status' })
  status: string;

  @Column({ type: 'varchar', length: 32, name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column({ type: 'varchar', length: 7, name: 'stopped_from', nullable: true })
  stoppedFrom: string | null;

  @Column({ type: 'varchar', length: 10, name: 'death_date', nullable: true })
  deathDate: string | null;

  @Column({ type: 'varchar', length: 10, name: 'moved_out_date', nullable: true })
  movedOutDate: string | null;

  @Column({ type: 'boolean', name: 'flagged', default: false })
  flagged: boolean;

  @Column({ type: 'varchar', length: 32, name: 'flag_reason', nullable: true })
  flagReason: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

@Entity('allowance_entitlement')
@Index('uq_allowance_entitlement_month', ['recipientId', 'forMonth'], { unique: true })
@Index('idx_allowance_entitlement_pay', ['payMonth', 'state'])
export class AllowanceEntitlementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'varchar', length: 7, name: 'for_month' })
  forMonth: string;

  @Column({ type: 'varchar', length: 7, name: 'pay_month' })
  payMonth: string;

  @Column({ type: 'varchar', length: 12, name: 'kind' })
  kind: string;

  @Column({ type: 'integer', name: 'amount_cny' })
  amountCny: number;

  @Column({ type: 'integer', name: 'bracket_min_age' })
  bracketMinAge: number;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state: string;

  @Column({ type: 'varchar', length: 100, name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column({ type: 'varchar', length: 10, name: 'paid_on', nullable: true })
  paidOn: string | null;

  @Column({ type: 'varchar', length: 36, name: 'run_id', nullable: true })
  runId: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

@Entity('allowance_ledger_month')
export class AllowanceLedgerMonthEntity {
  @PrimaryColumn({ type: 'varchar', length: 7, name: 'month' })
  month: string;

  @Column({ type: 'varchar', length: 8, name: 'status' })
  status: string;

  @DateTimeColumn('closed_at', { nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 36, name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Column({ type: 'varchar', length: 300, name: 'note', nullable: true })
  note: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}

@Entity('allowance_ledger_run')
@Index('uq_allowance_ledger_run_month', ['kind', 'month'], { unique: true })
export class AllowanceLedgerRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12, name: 'kind' })
  kind: string;

  @Column({ type: 'varchar', length: 7, name: 'month' })
  month: string;

  @Column({ type: 'varchar', length: 8, name: 'status' })
  status: string;

  @Column({ type: 'integer', name: 'chunks_total' })
  chunksTotal: number;

  @Column({ type: 'integer', name: 'chunks_done', default: 0 })
  chunksDone: number;

  @Column({ type: 'varchar', length: 36, name: 'started_by' })
  startedBy: string;

  @Column({ type: 'varchar', length: 64, name: 'started_by_name' })
  startedByName: string;

  @DateTimeColumn('started_at')
  startedAt: Date;

  @DateTimeColumn('finished_at', { nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'checksum', nullable: true })
  checksum: string | null;

  @Column({ type: 'varchar', length: 16, name: 'source', nullable: true })
  source: string | null;

  @Column({ type: 'text', name: 'counts_json', nullable: true })
  countsJson: string | null;

  @Column({ type: 'integer', name: 'recipients', default: 0 })
  recipients: number;

  @Column({ type: 'integer', name: 'threshold_bp', default: 500 })
  thresholdBp: number;

  @Column({ type: 'varchar', length: 200, name: 'held_reason', nullable: true })
  heldReason: string | null;

  @Column({ type: 'varchar', length: 36, name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @DateTimeColumn('approved_at', { nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'varchar', length: 300, name: 'approve_reason', nullable: true })
  approveReason: string | null;
}

@Entity('allowance_run_chunk')
export class AllowanceRunChunkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'run_id' })
  runId: string;

  @PrimaryColumn({ type: 'integer', name: 'chunk_no' })
  chunkNo: number;

  @Column({ type: 'varchar', length: 8, name: 'status' })
  status: string;

  @Column({ type: 'varchar', length: 64, name: 'lease_owner', nullable: true })
  leaseOwner: string | null;

  @DateTimeColumn('lease_until', { nullable: true })
  leaseUntil: Date | null;

  @DateTimeColumn('done_at', { nullable: true })
  doneAt: Date | null;

  @Column({ type: 'integer', name: 'rows_done', default: 0 })
  rowsDone: number;

  @Column({ type: 'varchar', length: 64, name: 'checksum', nullable: true })
  checksum: string | null;
}

@Entity('allowance_payment_line')
@Index('uq_allowance_payment_line_entitlement', ['rosterMonth', 'entitlementId'], { unique: true })
@Index('uq_allowance_payment_line_reference', ['reference'], { unique: true })
@Index('idx_allowance_payment_line_recipient', ['recipientId'])
export class AllowancePaymentLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 7, name: 'roster_month' })
  rosterMonth: string;

  @Column({ type: 'varchar', length: 36, name: 'entitlement_id' })
  entitlementId: string;

  @Column({ type: 'varchar', length: 36, name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'varchar', length: 32, name: 'reference' })
  reference: string;

  @Column({ type: 'integer', name: 'amount_cny' })
  amountCny: number;

  @Column({ type: 'varchar', length: 7, name: 'for_month' })
  forMonth: string;

  @Column({ type: 'varchar', length: 8, name: 'status' })
  status: string;

  @Column({ type: 'varchar', length: 100, name: 'bank_reason', nullable: true })
  bankReason: string | null;

  @Column({ type: 'varchar', length: 36, name: 'return_id', nullable: true })
  returnId: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

@Entity('allowance_ledger_import')
@Index('idx_allowance_ledger_import_kind', ['kind', 'month', 'startedAt'])
export class AllowanceLedgerImportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind: string;

  @Column({ type: 'varchar', length: 7, name: 'month', nullable: true })
  month: string | null;

  @Column({ type: 'varchar', length: 200, name: 'file_name' })
  fileName: string;

  @Column({ type: 'varchar', length: 64, name: 'file_sha256' })
  fileSha256: string;

  @Column({ type: 'varchar', length: 12, name: 'status' })
  status: string;

  @Column({ type: 'integer', name: 'rows_total', default: 0 })
  rowsTotal: number;

  @Column({ type: 'integer', name: 'ok_count', default: 0 })
  okCount: number;

  @Column({ type: 'integer', name: 'failed_count', default: 0 })
  failedCount: number;

  @Column({ type: 'integer', name: 'bad_count', default: 0 })
  badCount: number;

  @Column({ type: 'integer', name: 'duplicate_count', default: 0 })
  duplicateCount: number;

  @Column({ type: 'integer', name: 'unchanged_count', default: 0 })
  unchangedCount: number;

  @Column({ type: 'varchar', length: 36, name: 'actor' })
  actor: string;

  @DateTimeColumn('started_at')
  startedAt: Date;

  @DateTimeColumn('finished_at', { nullable: true })
  finishedAt: Date | null;
}

@Entity('allowance_ledger_import_issue')
export class AllowanceLedgerImportIssueEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @PrimaryColumn({ type: 'integer', name: 'row_no' })
  rowNo: number;

  @PrimaryColumn({ type: 'varchar', length: 32, name: 'column_name' })
  columnName: string;

  @Column({ type: 'varchar', length: 32, name: 'reason' })
  reason: string;

  @Column({ type: 'varchar', length: 200, name: 'text' })
  text: string;
}

@Entity('allowance_decision')
@Index('uq_allowance_decision_run', ['runKey', 'recipientId', 'kind'], { unique: true })
@Index('idx_allowance_decision_recipient', ['recipientId', 'decidedAt'])
export class AllowanceDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, name: 'run_key' })
  runKey: string;

  @Column({ type: 'varchar', length: 36, name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'varchar', length: 20, name: 'kind' })
  kind: string;

  @Column({ type: 'varchar', length: 10, name: 'status' })
  status: string;

  @Column({ type: 'varchar', length: 7, name: 'effective_month', nullable: true })
  effectiveMonth: string | null;

  @Column({ type: 'text', name: 'evidence_json' })
  evidenceJson: string;

  @Column({ type: 'varchar', length: 300, name: 'staff_text' })
  staffText: string;

  @Column({ type: 'varchar', length: 300, name: 'family_text', nullable: true })
  familyText: string | null;

  @DateTimeColumn('decided_at')
  decidedAt: Date;

  @DateTimeColumn('applied_at', { nullable: true })
  appliedAt: Date | null;
}

@Entity('allowance_overpayment')
@Index('uq_allowance_overpayment_entitlement', ['entitlementId'], { unique: true })
@Index('idx_allowance_overpayment_recipient', ['recipientId'])
export class AllowanceOverpaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'varchar', length: 36, name: 'entitlement_id' })
  entitlementId: string;

  @Column({ type: 'varchar', length: 7, name: 'for_month' })
  forMonth: string;

  @Column({ type: 'integer', name: 'amount_cny' })
  amountCny: number;

  @Column({ type: 'varchar', length: 36, name: 'decision_id', nullable: true })
  decisionId: string | null;

  @Column({ type: 'varchar', length: 10, name: 'status' })
  status: string;

  @Column({ type: 'varchar', length: 200, name: 'reason' })
  reason: string;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('resolved_at', { nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 300, name: 'resolution', nullable: true })
  resolution: string | null;

  @Column({ type: 'varchar', length: 36, name: 'resolved_by', nullable: true })
  resolvedBy: string | null;
}

@Entity('allowance_pay_task')
@Index('uq_allowance_pay_task_key', ['dedupeKey'], { unique: true })
@Index('idx_allowance_pay_task_community', ['communityCode', 'status', 'createdAt'])
export class AllowancePayTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100, name: 'dedupe_key' })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 20, name: 'kind' })
  kind: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 36, name: 'recipient_id', nullable: true })
  recipientId: string | null;

  @Column({ type: 'varchar', length: 36, name: 'candidate_id', nullable: true })
  candidateId: string | null;

  @Column({ type: 'varchar', length: 64, name: 'elder_name' })
  elderName: string;

  @Column({ type: 'varchar', length: 24, name: 'elder_id_masked' })
  elderIdMasked: string;

  @Column({ type: 'varchar', length: 300, name: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 8, name: 'status' })
  status: string;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('resolved_at', { nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 300, name: 'resolution', nullable: true })
  resolution: string | null;

  @Column({ type: 'varchar', length: 36, name: 'resolved_by', nullable: true })
  resolvedBy: string | null;
}

@Entity('allowance_candidate')
@Index('uq_allowance_candidate_elder', ['elderIdHash'], { unique: true })
@Index('idx_allowance_candidate_community', ['communityCode', 'status'])
export class AllowanceCandidateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, name: 'elder_id_hash' })
  elderIdHash: string;

  /** the blind-index key version of `elder_id_hash` (issue 11: rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'elder_id_hash_kv', default: 1 })
  elderIdHashKv?: number;

  @Column({ type: 'varchar', length: 24, name: 'elder_id_masked' })
  elderIdMasked: string;

  @Column({ type: 'varchar', length: 64, name: 'elder_name' })
  elderName: string;

  @Column({ type: 'varchar', length: 10, name: 'birth_date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 7, name: 'eligible_month' })
  eligibleMonth: string;

  @Column({ type: 'varchar', length: 12, name: 'status' })
  status: string;

  @Column({ type: 'varchar', length: 300, name: 'note', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 36, name: 'application_id', nullable: true })
  applicationId: string | null;

  @DateTimeColumn('found_at')
  foundAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

@Entity('allowance_payment_settings')
@Index('idx_allowance_payment_settings_at', ['createdAt'])
export class AllowancePaymentSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12, name: 'period' })
  period: string;

  @Column({ type: 'integer', name: 'arrears_cap_months', nullable: true })
  arrearsCapMonths: number | null;

  @Column({ type: 'varchar', length: 16, name: 'bracket_change' })
  bracketChange: string;

  @Column({ type: 'integer', name: 'pay_day' })
  payDay: number;

  @Column({ type: 'integer', name: 'reverify_hold_bp' })
  reverifyHoldBp: number;

  @Column({ type: 'boolean', name: 'is_default', default: true })
  isDefault: boolean;

  @Column({ type: 'varchar', length: 36, name: 'created_by' })
  createdBy: string;

  @DateTimeColumn('created_at')
  createdAt: Date;
}

@Entity('allowance_ledger_audit')
@Index('idx_allowance_ledger_audit_at', ['at'])
export class AllowanceLedgerAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn('at')
  at: Date;

  @Column({ type: 'varchar', length: 16, name: 'actor_kind' })
  actorKind: string;

  @Column({ type: 'varchar', length: 36, name: 'actor_id' })
  actorId: string;

  @Column({ type: 'varchar', length: 32, name: 'action' })
  action: string;

  @Column({ type: 'varchar', length: 64, name: 'subject' })
  subject: string;

  @Column({ type: 'varchar', length: 200, name: 'detail', nullable: true })
  detail: string | null;
}

export const LEDGER_ENTITIES = [
  AllowanceRecipientEntity, AllowanceEntitlementEntity, AllowanceLedgerMonthEntity, AllowanceLedgerRunEntity, AllowanceRunChunkEntity, AllowancePaymentLineEntity, AllowanceLedgerImportEntity, AllowanceLedgerImportIssueEntity, AllowanceDecisionEntity, AllowanceOverpaymentEntity, AllowancePayTaskEntity, AllowanceCandidateEntity, AllowancePaymentSettingsEntity, AllowanceLedgerAuditEntity,
];
