import { Column, Entity, PrimaryColumn } from 'typeorm';

// B1: active bookings an account holds; taken with `active_count = active_count + 1 WHERE active_count < limit`
@Entity('booking_account_quota')
export class AccountQuotaEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @Column({ type: 'integer', name: 'active_count', default: 0 })
  activeCount: number;
}
