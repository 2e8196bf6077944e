import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../common/columns';

// the senior allowance (issue 11). ID numbers, accounts and phones: AES-GCM at rest (*_enc), looked up through the HMAC
// blind index (elder_id_hash); only masks are stored in the clear.

/**
 * The elder's one active slot: an application holds it ('1') while it is being processed, waits for more information or
 * is approved, and frees it (NULL) once it failed a check, was rejected or closed — a failed check must not block a
 * corrected application or another verified proxy's. NULLs never collide in the unique index; the CHECK constraint
 * (`ck_allowance_application_slot`) keeps `active_key` and `status` in step, and the repository derives one from the other.
 */
export const SLOT_FREE_STATUSES = ['check_failed', 'rejected', 'closed'] as const;
export const slotOf = (status: string): '1' | null => ((SLOT_FREE_STATUSES as readonly string[]).includes(status) ? null : '1');
export const SLOT_CHECK_SQL = `(status IN ('check_failed', 'rejected', 'closed') AND active_key IS NULL) OR (status NOT IN ('check_failed', 'rejected', 'closed') AND active_key IS NOT NULL AND active_key = '1')`;

@Entity('allowance_application')
@Check('ck_allowance_application_slot', SLOT_CHECK_SQL)
@Index('uq_allowance_application_active', ['elderIdHash', 'activeKey'], { unique: true })
@Index('idx_allowance_application_community', ['communityCode', 'status', 'submittedAt'])
@Index('idx_allowance_application_status', ['status', 'nextCheckAt'])
@Index('idx_allowance_application_street', ['streetCode', 'status', 'submittedAt'])
@Index('idx_allowance_application_account', ['applicantAccountId', 'submittedAt'])
@Index('uq_allowance_application_publicity', ['publicityId'], { unique: true })
@Index('uq_allowance_application_idempotency', ['applicantAccountId', 'idempotencyKey'], { unique: true })
export class AllowanceApplicationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, name: 'elder_id_hash' })
  elderIdHash: string;

  /** the blind-index key version of `elder_id_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'elder_id_hash_kv', default: 1 })
  elderIdHashKv?: number;

  @Column({ type: 'varchar', length: 255, name: 'elder_id_enc' })
  elderIdEnc: string;

  @Column({ type: 'varchar', length: 24, name: 'elder_id_masked' })
  elderIdMasked: string;

  @Column({ type: 'varchar', length: 64, name: 'elder_name' })
  elderName: string;

  /** from the registry once it answered, else from the ID number */
  @Column({ type: 'varchar', length: 10, name: 'elder_birth_date' })
  elderBirthDate: string;

  @Column({ type: 'varchar', length: 36, name: 'family_member_id', nullable: true })
  familyMemberId: string | null;

  /** the account that applied and receives the messages (null: applied at the counter) */
  @Column({ type: 'varchar', length: 36, name: 'applicant_account_id', nullable: true })
  applicantAccountId: string | null;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  /** the community's street (街道/镇), for the street's review queue */
  @Column({ type: 'varchar', length: 12, name: 'street_code' })
  streetCode: string;

  @Column({ type: 'varchar', length: 20 })
  status: string;

  @Column({ type: 'varchar', length: 1, name: 'active_key', nullable: true })
  activeKey: '1' | null;

  @Column({ type: 'varchar', length: 24, name: 'account_kind' })
  accountKind: string;

  @Column({ type: 'varchar', length: 255, name: 'account_enc' })
  accountEnc: string;

  @Column({ type: 'varchar', length: 4, name: 'account_last4' })
  accountLast4: string;

  @Column({ type: 'varchar', length: 60, name: 'bank_name', nullable: true })
  bankName: string | null;

  @Column({ type: 'varchar', length: 255, name: 'phone_enc' })
  phoneEnc: string;

  @Column({ type: 'varchar', length: 16, name: 'phone_masked' })
  phoneMasked: string;

  @Column({ type: 'text', name: 'missing_items_json', nullable: true })
  missingItemsJson: string | null;

  @Column({ type: 'varchar', length: 500, name: 'reject_reason', nullable: true })
  rejectReason: string | null;

  /** first month the age rule is met ('YYYY-MM'), once the checks ran */
  @Column({ type: 'varchar', length: 7, name: 'eligible_from', nullable: true })
  eligibleFrom: string | null;

  @Column({ type: 'varchar', length: 7, name: 'first_paid_month', nullable: true })
  firstPaidMonth: string | null;

  @Column({ type: 'varchar', length: 36, name: 'publicity_id', nullable: true })
  publicityId: string | null;

  @Column({ type: 'varchar', length: 10, name: 'publicity_starts_on', nullable: true })
  publicityStartsOn: string | null;

  @Column({ type: 'varchar', length: 10, name: 'publicity_ends_on', nullable: true })
  publicityEndsOn: string | null;

  @DateTimeColumn('stage_due_at', { nullable: true })
  stageDueAt: Date | null;

  /** when the job re-runs checks the registry could not answer */
  @DateTimeColumn('next_check_at', { nullable: true })
  nextCheckAt: Date | null;

  @Column({ type: 'integer', name: 'check_attempts', default: 0 })
  checkAttempts: number;

  /** the elder's death is known: no more messages except one careful notice */
  @Column({ type: 'boolean', default: false })
  deceased: boolean;

  /** a death the family reported (the date they gave), waiting for / confirmed by the community */
  @Column({ type: 'varchar', length: 10, name: 'death_reported_on', nullable: true })
  deathReportedOn: string | null;

  @DateTimeColumn('death_reported_at', { nullable: true })
  deathReportedAt: Date | null;

  @Column({ type: 'varchar', length: 36, name: 'death_reported_by', nullable: true })
  deathReportedBy: string | null;

  /** reported | confirmed | not_confirmed */
  @Column({ type: 'varchar', length: 16, name: 'death_report_state', nullable: true })
  deathReportState: string | null;

  /** per applicant account, unique (uq_allowance_application_idempotency): a repeated submit answers with this row */
  @Column({ type: 'varchar', length: 36, name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @DateTimeColumn('submitted_at')
  submittedAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

/** the separate consent (个人信息保护法 arts. 28–29) with the text version and time; G5: no checks without it */
@Entity('allowance_consent')
@Index('idx_allowance_consent_application', ['applicationId'])
export class AllowanceConsentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'application_id' })
  applicationId: string;

  @Column({ type: 'varchar', length: 60 })
  version: string;

  @Column({ type: 'varchar', length: 20 })
  basis: string;

  /** family (a proxy's or the elder's own WeChat) or staff_counter */
  @Column({ type: 'varchar', length: 16, name: 'given_by' })
  givenBy: string;

  @Column({ type: 'varchar', length: 36, name: 'given_by_id' })
  givenById: string;

  @DateTimeColumn('given_at')
  givenAt: Date;

  @DateTimeColumn('withdrawn_at', { nullable: true })
  withdrawnAt: Date | null;
}

/** one automatic check with its evidence (what the registry said, source, asOf) and the family's sentence */
@Entity('allowance_check')
export class AllowanceCheckEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'application_id' })
  applicationId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  result: string;

  @Column({ type: 'varchar', length: 200 })
  sentence: string;

  @Column({ type: 'text', name: 'evidence_json' })
  evidenceJson: string;

  @DateTimeColumn('checked_at')
  checkedAt: Date;
}

@Entity('allowance_objection')
@Index('idx_allowance_objection_application', ['applicationId', 'receivedAt'])
export class AllowanceObjectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'application_id' })
  applicationId: string;

  @Column({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @DateTimeColumn('received_at')
  receivedAt: Date;

  @DateTimeColumn('resolved_at', { nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  resolution: string | null;

  @Column({ type: 'varchar', length: 36, name: 'resolved_by', nullable: true })
  resolvedBy: string | null;
}

/** a district policy version: brackets, age rule, pre-registration, from `effective_from` */
@Entity('allowance_policy')
@Index('uq_allowance_policy_from', ['effectiveFrom'], { unique: true })
export class AllowancePolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 10, name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'text', name: 'brackets_json' })
  bracketsJson: string;

  @Column({ type: 'varchar', length: 16, name: 'age_rule' })
  ageRule: string;

  @Column({ type: 'integer', name: 'pre_registration_months' })
  preRegistrationMonths: number;

  @Column({ type: 'boolean', name: 'is_default', default: true })
  isDefault: boolean;

  @Column({ type: 'varchar', length: 36, name: 'created_by' })
  createdBy: string;

  @DateTimeColumn('created_at')
  createdAt: Date;
}

/** G3: every staff read of a full ID number or account, every decision; the app only ever inserts here */
@Entity('allowance_audit')
@Index('idx_allowance_audit_at', ['at'])
@Index('idx_allowance_audit_application', ['applicationId'])
export class AllowanceAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn('at')
  at: Date;

  @Column({ type: 'varchar', length: 16, name: 'actor_kind' })
  actorKind: string;

  @Column({ type: 'varchar', length: 36, name: 'actor_id' })
  actorId: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 36, name: 'application_id' })
  applicationId: string;

  @Column({ type: 'varchar', length: 16 })
  result: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  detail: string | null;
}

export const ALLOWANCE_ENTITIES = [
  AllowanceApplicationEntity, AllowanceConsentEntity, AllowanceCheckEntity, AllowanceObjectionEntity, AllowancePolicyEntity, AllowanceAuditEntity,
];
