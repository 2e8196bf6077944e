import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from './columns';

// a periodic job runs on one instance per tick: whoever moves expires_at forward first holds the lease. Any module's
// LeasedJob keeps its lease here (one row per job name); the table keeps the name it was created with.
@Entity('booking_job_lease')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  holder: string;

  @DateTimeColumn('expires_at')
  expiresAt: Date;
}
