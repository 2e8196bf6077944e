import type { BookingStatus } from '@jianban/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the status column holds the contract's statuses
export type BookingStatusValue = BookingStatus;

// one visit. active_key = '<person_key>|<service_item_id>' while active (pending/confirmed/checked_in), NULL after:
// its unique index is "one active booking per person per service".
@Entity('booking')
@Index('idx_booking_account', ['accountId', 'createdAt'])
@Index('idx_booking_day', ['communityCode', 'date', 'startTime'])
@Index('idx_booking_status_date', ['status', 'date'])
// the staff queue across days: a community's bookings of one status in date and time order (created_at + the primary key
// appended by InnoDB cover the tie-breakers, so the page is read in index order without a sort)
@Index('idx_booking_queue', ['communityCode', 'status', 'date', 'startTime', 'createdAt'])
@Index('idx_booking_slot', ['slotId'])
export class BookingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  // null for walk-ins (no resident account)
  @Column({ type: 'varchar', length: 36, name: 'account_id', nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 36, name: 'service_item_id' })
  serviceItemId: string;

  @Column({ type: 'varchar', length: 36, name: 'slot_id' })
  slotId: string;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 5, name: 'start_time' })
  startTime: string;

  @DateTimeColumn('starts_at')
  startsAt: Date;

  @DateTimeColumn('ends_at')
  endsAt: Date;

  @Column({ type: 'varchar', length: 64, name: 'person_name' })
  personName: string;

  @Column({ type: 'varchar', length: 36, name: 'family_member_id', nullable: true })
  familyMemberId: string | null;

  // who the visit is for: 'id:<id-number blind index>' for a family member a verified proxy books, 'acct:<sha256 of
  // account|blind index>' for one an unverified member books (counts within that account only), 'self:<account>' or
  // 'walkin:<booking>'
  @Column({ type: 'varchar', length: 80, name: 'person_key' })
  personKey: string;

  @Index('uq_booking_active_key', { unique: true })
  @Column({ type: 'varchar', length: 128, name: 'active_key', nullable: true })
  activeKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel: 'online' | 'walk_in';

  @Column({ type: 'varchar', length: 16 })
  status: BookingStatusValue;

  @Index('uq_booking_pass_code', { unique: true })
  @Column({ type: 'varchar', length: 16, name: 'pass_code' })
  passCode: string;

  // ownership (首问负责), the current handler and overdue flags live in the case kit's case_file (kind 'booking')

  @Column({ type: 'text', name: 'missing_materials_json', nullable: true })
  missingMaterialsJson: string | null;

  @Column({ type: 'varchar', length: 255, name: 'reject_reason', nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  note: string | null;

  // the reminder already recorded for this date+time ('<date>T<HH:mm>'), so each is recorded once
  @Column({ type: 'varchar', length: 20, name: 'reminder_for', nullable: true })
  reminderFor: string | null;

  @Column({ type: 'varchar', length: 36, name: 'created_by_staff_id', nullable: true })
  createdByStaffId: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;

  @DateTimeColumn('closed_at', { nullable: true })
  closedAt: Date | null;
}
