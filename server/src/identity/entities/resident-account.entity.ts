import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

@Entity('resident_account')
export class ResidentAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  // openids are personal data: HMAC for lookup, AES-GCM for the value
  @Index('uq_resident_account_openid_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'openid_hash' })
  openidHash: string;

  /** the blind-index key version of `openid_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'openid_hash_kv', default: 1 })
  openidHashKv?: number;

  @Column({ type: 'varchar', length: 255, name: 'openid_enc' })
  openidEnc: string;

  @Column({ type: 'varchar', length: 64, name: 'display_name' })
  displayName: string;

  @Column({ type: 'int', name: 'family_count', default: 0 })
  familyCount: number;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
