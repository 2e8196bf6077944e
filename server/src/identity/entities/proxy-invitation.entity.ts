import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// a single-use invitation the elder confirms from their own WeChat; only the code's hash is stored
@Entity('proxy_invitation')
export class ProxyInvitationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_proxy_invitation_member')
  @Column({ type: 'varchar', length: 36, name: 'family_member_id' })
  familyMemberId: string;

  @Column({ type: 'varchar', length: 36, name: 'inviter_account_id' })
  inviterAccountId: string;

  @Index('uq_proxy_invitation_code', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'code_hash' })
  codeHash: string;

  @DateTimeColumn('expires_at')
  expiresAt: Date;

  @DateTimeColumn('used_at', { nullable: true })
  usedAt: Date | null;

  @Column({ type: 'varchar', length: 36, name: 'used_by_account_id', nullable: true })
  usedByAccountId: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
