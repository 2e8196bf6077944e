import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the family's phone for one online booking, given with consent on the confirm page (issue 14 item 11); encrypted at
// rest like every phone (PiiCipher). A row exists only when the family gave a number.
@Entity('booking_contact')
export class BookingContactEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'booking_id' })
  bookingId: string;

  @Column({ type: 'varchar', length: 255, name: 'phone_enc' })
  phoneEnc: string;

  @DateTimeColumn('consented_at')
  consentedAt: Date;
}

// every time staff saw a family's full phone: a reveal in the booking detail, or an export of the day carrying the numbers
@Entity('booking_contact_access')
@Index('idx_booking_contact_access_booking', ['bookingId', 'at'])
@Index('idx_booking_contact_access_staff', ['staffId', 'at'])
export class BookingContactAccessEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  // the booking whose phone was shown; null for an export (which names its community and day instead)
  @Column({ type: 'varchar', length: 36, name: 'booking_id', nullable: true })
  bookingId: string | null;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 36, name: 'staff_id' })
  staffId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'reveal' | 'export';

  // the day an export covered; null for a reveal
  @Column({ type: 'varchar', length: 10, nullable: true })
  day: string | null;

  @Column({ type: 'integer', name: 'phone_count' })
  phoneCount: number;

  @DateTimeColumn('at')
  at: Date;
}
