import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// one row per community: opening hours, posts, window; created with example values by the seed
@Entity('booking_settings')
export class BookingSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'text', name: 'opening_hours_json' })
  openingHoursJson: string;

  @Column({ type: 'integer', name: 'slot_minutes' })
  slotMinutes: number;

  @Column({ type: 'integer', name: 'post_count' })
  postCount: number;

  @Column({ type: 'integer', name: 'window_start_days' })
  windowStartDays: number;

  @Column({ type: 'integer', name: 'window_days' })
  windowDays: number;

  @Column({ type: 'integer', name: 'min_notice_minutes' })
  minNoticeMinutes: number;

  @Column({ type: 'integer', name: 'cutoff_minutes' })
  cutoffMinutes: number;

  @Column({ type: 'varchar', length: 32, name: 'post_title' })
  postTitle: string;

  @Column({ type: 'integer', name: 'flag_after_minutes' })
  flagAfterMinutes: number;

  // the community's lead (a staff account of this community) who is told about flagged cases; null = all its staff
  @Column({ type: 'varchar', length: 36, name: 'lead_staff_id', nullable: true })
  leadStaffId: string | null;

  @Column({ type: 'boolean', name: 'is_example', default: true })
  isExample: boolean;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
