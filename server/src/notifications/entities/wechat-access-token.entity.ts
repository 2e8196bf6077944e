import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the one access token per mini-program (from stable_token), shared by every server instance.
// refresh_lease_* lets exactly one instance fetch a new token at a time.
@Entity('wechat_access_token')
export class WechatAccessTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'app_id' })
  appId: string;

  // AES-GCM encrypted (a token is a credential)
  @Column({ type: 'varchar', length: 1024, name: 'token_enc', nullable: true })
  tokenEnc: string | null;

  @DateTimeColumn('expires_at', { nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'varchar', length: 36, name: 'refresh_lease', nullable: true })
  refreshLease: string | null;

  @DateTimeColumn('refresh_lease_until', { nullable: true })
  refreshLeaseUntil: Date | null;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
