import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// an ad-hoc whole-day closure of a community's centre (local date, Asia/Shanghai)
@Entity('booking_closure')
@Index('uq_booking_closure_day', ['communityCode', 'date'], { unique: true })
export class ClosureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 128 })
  reason: string;

  @Column({ type: 'varchar', length: 36, name: 'created_by' })
  createdBy: string;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
