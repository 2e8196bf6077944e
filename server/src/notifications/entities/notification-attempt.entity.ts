import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// every call the dispatcher made to WeChat for an event, with what came back
@Entity('notification_attempt')
@Index('idx_notification_attempt_event', ['eventId', 'attemptNo'])
export class NotificationAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'event_id' })
  eventId: string;

  @Column({ type: 'integer', name: 'attempt_no' })
  attemptNo: number;

  // 0 = delivered; a WeChat errcode; null when no WeChat answer came (timeout, network, HTTP status)
  @Column({ type: 'integer', nullable: true })
  errcode: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  error: string | null;

  // what the dispatcher decided: sent | retry | dead | needs_resubscribe | invalid | bad_template | token_retry
  @Column({ type: 'varchar', length: 24 })
  outcome: string;

  @Column({ type: 'integer', name: 'duration_ms' })
  durationMs: number;

  @DateTimeColumn('at')
  at: Date;
}
