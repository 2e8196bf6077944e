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

  // the centre's address, phone and GCJ-02 map position; null until the community fills them in (nothing is guessed)
  @Column({ type: 'varchar', length: 200, name: 'centre_address', nullable: true })
  centreAddress: string | null;

  @Column({ type: 'varchar', length: 32, name: 'centre_phone', nullable: true })
  centrePhone: string | null;

  // degrees × 1e6 as integers: exact on both engines (no float rounding differences)
  @Column({ type: 'integer', name: 'centre_lat_e6', nullable: true })
  centreLatE6: number | null;

  @Column({ type: 'integer', name: 'centre_lng_e6', nullable: true })
  centreLngE6: number | null;

  @Column({ type: 'boolean', name: 'is_example', default: true })
  isExample: boolean;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
