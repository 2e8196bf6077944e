import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// one bookable time slot of a community (created lazily on first booking). Capacity is enforced ONLY by
// `UPDATE booking_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity` inside the booking transaction.
@Entity('booking_slot')
@Index('uq_booking_slot_time', ['communityCode', 'date', 'startTime'], { unique: true })
export class SlotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 5, name: 'start_time' })
  startTime: string;

  @DateTimeColumn('starts_at')
  startsAt: Date;

  @DateTimeColumn('ends_at')
  endsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  booked: number;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
