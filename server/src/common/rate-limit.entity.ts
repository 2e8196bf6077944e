import { Column, Entity, PrimaryColumn } from 'typeorm';

// sliding-window counters shared by every server instance: this window's hits and the previous window's
@Entity('rate_limit_bucket')
export class RateLimitBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 191, name: 'bucket_key' })
  bucketKey: string;

  @Column({ type: 'bigint', name: 'window_start' })
  windowStart: string;

  @Column({ type: 'int' })
  hits: number;

  @Column({ type: 'integer', name: 'prev_hits', default: 0 })
  prevHits: number;
}
