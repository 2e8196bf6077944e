import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// how many one-time subscribe messages a resident has allowed per template (accepted = +1, sent = −1, 43101 = 0)
@Entity('notification_credit')
export class NotificationCreditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'template_id' })
  templateId: string;

  @Column({ type: 'integer' })
  credits: number;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
