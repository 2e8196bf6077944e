import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the transactional outbox: one row per status change, written in the same transaction as the change
@Entity('notification_event')
@Index('idx_notification_event_due', ['pushState', 'nextAttemptAt'])
export class NotificationEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  // the caller's key for "this event"; a second record() with the same key is a no-op
  @Index('uq_notification_event_key', { unique: true })
  @Column({ type: 'varchar', length: 191, name: 'idempotency_key' })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 16, name: 'recipient_kind' })
  recipientKind: 'resident' | 'staff';

  @Index('idx_notification_event_recipient')
  @Column({ type: 'varchar', length: 36, name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'text', name: 'data_json' })
  dataJson: string;

  @Column({ type: 'varchar', length: 24, name: 'link_kind', nullable: true })
  linkKind: string | null;

  @Column({ type: 'varchar', length: 36, name: 'link_id', nullable: true })
  linkId: string | null;

  // WeChat push: pending → sending → sent | no_credit | needs_resubscribe | no_template | invalid | bad_template | dead
  // (pending again with a later next_attempt_at after a transient failure; see docs/notifications.md)
  @Column({ type: 'varchar', length: 24, name: 'push_state' })
  pushState: string;

  // the template the push uses, fixed when the dispatcher first takes the event
  @Column({ type: 'varchar', length: 64, name: 'template_id', nullable: true })
  templateId: string | null;

  // 1 while this event holds one of the recipient's subscription credits (taken once, kept across retries)
  @Column({ type: 'integer', name: 'credit_held', default: 0 })
  creditHeld: number;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @DateTimeColumn('next_attempt_at')
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 36, name: 'claim_token', nullable: true })
  claimToken: string | null;

  @DateTimeColumn('claim_expires_at', { nullable: true })
  claimExpiresAt: Date | null;

  @Column({ type: 'varchar', length: 255, name: 'last_error', nullable: true })
  lastError: string | null;

  @DateTimeColumn('sent_at', { nullable: true })
  sentAt: Date | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
