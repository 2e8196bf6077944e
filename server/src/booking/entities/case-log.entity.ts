import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// 办理记录: every action on a booking (who, what, when, note)
@Entity('booking_case_log')
@Index('idx_booking_case_log_booking', ['bookingId', 'createdAt'])
export class CaseLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'booking_id' })
  bookingId: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 16, name: 'actor_kind' })
  actorKind: 'resident' | 'staff' | 'system';

  @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64, name: 'actor_name' })
  actorName: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'boolean', name: 'visible_to_resident', default: true })
  visibleToResident: boolean;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
