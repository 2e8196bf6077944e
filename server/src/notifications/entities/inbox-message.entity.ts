import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// what the resident reads in the 消息 tab; written with its event, push or no push
@Entity('inbox_message')
@Index('idx_inbox_message_recipient', ['recipientId', 'createdAt'])
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_inbox_message_event', { unique: true })
  @Column({ type: 'varchar', length: 36, name: 'event_id' })
  eventId: string;

  @Column({ type: 'varchar', length: 16, name: 'recipient_kind' })
  recipientKind: 'resident' | 'staff';

  @Column({ type: 'varchar', length: 36, name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ type: 'varchar', length: 24, name: 'link_kind', nullable: true })
  linkKind: string | null;

  @Column({ type: 'varchar', length: 36, name: 'link_id', nullable: true })
  linkId: string | null;

  @DateTimeColumn('read_at', { nullable: true })
  readAt: Date | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
