import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// one row per (account, idempotency key): written in the booking transaction with the response it produced
@Entity('booking_idempotency')
@Index('uq_booking_idempotency_key', ['accountId', 'idemKey'], { unique: true })
@Index('idx_booking_idempotency_expires', ['expiresAt'])
export class IdempotencyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @Column({ type: 'varchar', length: 64, name: 'idem_key' })
  idemKey: string;

  @Column({ type: 'varchar', length: 64, name: 'request_hash' })
  requestHash: string;

  @Column({ type: 'varchar', length: 36, name: 'booking_id', nullable: true })
  bookingId: string | null;

  @Column({ type: 'integer', name: 'status_code' })
  statusCode: number;

  @Column({ type: 'text', name: 'response_json' })
  responseJson: string;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('expires_at')
  expiresAt: Date;
}
