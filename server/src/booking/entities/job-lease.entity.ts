import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// a periodic job runs on one instance per tick: whoever moves expires_at forward first holds the lease
@Entity('booking_job_lease')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  holder: string;

  @DateTimeColumn('expires_at')
  expiresAt: Date;
}
