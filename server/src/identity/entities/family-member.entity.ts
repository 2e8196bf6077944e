import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

@Entity('family_member')
@Index('uq_family_member_account_id_number', ['accountId', 'idNumberHash'], { unique: true })
export class FamilyMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_family_member_account')
  @Column({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Index('idx_family_member_id_number_hash')
  @Column({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  /** the blind-index key version of `id_number_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'id_number_hash_kv', default: 1 })
  idNumberHashKv?: number;

  @Column({ type: 'varchar', length: 10, name: 'birth_date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 8 })
  gender: 'male' | 'female';

  @Column({ type: 'varchar', length: 16 })
  relationship: string;

  @Index('idx_family_member_community')
  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
