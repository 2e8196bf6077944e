import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// one WeChat 人脸核身 session (getVerifyId … queryVerifyInfo): kept in the database so any server instance can finish it
@Entity('real_name_check')
export class RealNameCheckEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_real_name_check_account')
  @Column({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  // our serial number (out_seq_no), unique per appid
  @Index('uq_real_name_check_seq', { unique: true })
  @Column({ type: 'varchar', length: 32, name: 'out_seq_no' })
  outSeqNo: string;

  @Column({ type: 'varchar', length: 512, name: 'verify_id_enc' })
  verifyIdEnc: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'started' | 'passed' | 'failed';

  @DateTimeColumn('expires_at')
  expiresAt: Date;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
