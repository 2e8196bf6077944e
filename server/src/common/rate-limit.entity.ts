import { Column, Entity, PrimaryColumn } from 'typeorm';

// fixed-window counters shared by every server instance
@Entity('rate_limit_bucket')
export class RateLimitBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 191, name: 'bucket_key' })
  bucketKey: string;

  @Column({ type: 'bigint', name: 'window_start' })
  windowStart: string;

  @Column({ type: 'int' })
  hits: number;
}
