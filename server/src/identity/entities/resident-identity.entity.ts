import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// a resident account's own verified identity: by WeChat 人脸核身 or by staff at the counter who saw the ID card.
// A name and an ID number that merely match the registry never create a row here.
@Entity('resident_identity')
export class ResidentIdentityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Index('idx_resident_identity_id_number_hash')
  @Column({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  /** the blind-index key version of `id_number_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'id_number_hash_kv', default: 1 })
  idNumberHashKv?: number;

  @Column({ type: 'varchar', length: 16 })
  method: 'face' | 'counter';

  // the staff member at the counter (null for a face check)
  @Column({ type: 'varchar', length: 36, name: 'verified_by_staff_id', nullable: true })
  verifiedByStaffId: string | null;

  @DateTimeColumn('verified_at')
  verifiedAt: Date;
}
