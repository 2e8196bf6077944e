import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// how a family member became a verified proxy (how, by whom, when) and whether it was revoked. No row: unverified.
// Rows outlive a removed family member so a revocation is remembered for the (account, elder) pair.
@Entity('family_proxy')
@Index('idx_family_proxy_pair', ['accountId', 'idNumberHash'])
export class FamilyProxyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'family_member_id' })
  familyMemberId: string;

  @Column({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  // the elder's ID blind index
  @Index('idx_family_proxy_elder')
  @Column({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  /** the blind-index key version of `id_number_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'id_number_hash_kv', default: 1 })
  idNumberHashKv?: number;

  @Column({ type: 'varchar', length: 16 })
  state: 'verified' | 'revoked';

  // null: revoked before it was ever verified (the elder or staff blocked it)
  @Column({ type: 'varchar', length: 16, nullable: true })
  via: 'household' | 'staff' | 'invitation' | null;

  // 'registry' (household match), a staff id, or the resident account that confirmed the invitation
  @Column({ type: 'varchar', length: 16, name: 'verified_by_kind', nullable: true })
  verifiedByKind: 'registry' | 'staff' | 'resident' | null;

  @Column({ type: 'varchar', length: 36, name: 'verified_by_id', nullable: true })
  verifiedById: string | null;

  @DateTimeColumn('verified_at', { nullable: true })
  verifiedAt: Date | null;

  // the elder's name as verified (the registry's, or typed by staff from the ID card), null when nobody checked it
  @Column({ type: 'varchar', length: 64, name: 'verified_name', nullable: true })
  verifiedName: string | null;

  @DateTimeColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 24, name: 'revoked_by', nullable: true })
  revokedBy: 'elder' | 'staff' | 'consent_withdrawn' | null;

  @Column({ type: 'varchar', length: 36, name: 'revoked_by_id', nullable: true })
  revokedById: string | null;
}
