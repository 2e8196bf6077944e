import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

@Entity('staff_account')
export class StaffAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_staff_account_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 64, name: 'display_name' })
  displayName: string;

  @Column({ type: 'varchar', length: 32 })
  role: 'community_staff' | 'street_reviewer' | 'district_admin';

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'varchar', length: 255, name: 'password_hash', nullable: true })
  passwordHash: string | null;

  @Index('uq_staff_account_openid_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'openid_hash', nullable: true })
  openidHash: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  // a temporary password (new account or reset by the district admin) must be replaced at the next login
  @Column({ type: 'boolean', name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
