import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// account: the district admin deactivated the staff account or reset its password, or its holder changed it
export type SessionRevokeReason = 'rotated' | 'logout' | 'reuse' | 'account';

// sessions live in the database so any server instance can check any token; only hashes are stored
@Entity('auth_session')
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_auth_session_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  @Index('uq_auth_session_refresh_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'refresh_hash' })
  refreshHash: string;

  @Column({ type: 'varchar', length: 16, name: 'subject_kind' })
  subjectKind: 'resident' | 'staff';

  @Index('idx_auth_session_subject')
  @Column({ type: 'varchar', length: 36, name: 'subject_id' })
  subjectId: string;

  // the login this session descends from through refresh-token rotation; reuse of a rotated token ends the whole family
  @Index('idx_auth_session_family')
  @Column({ type: 'varchar', length: 36, name: 'family_id' })
  familyId: string;

  @DateTimeColumn('expires_at')
  expiresAt: Date;

  @DateTimeColumn('refresh_expires_at')
  refreshExpiresAt: Date;

  @DateTimeColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  // why revokedAt was set: 'rotated' (its refresh token was exchanged), 'logout', 'reuse' (its family was revoked)
  @Column({ type: 'varchar', length: 16, name: 'revoke_reason', nullable: true })
  revokeReason: SessionRevokeReason | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  // when the family's login happened (copied on every rotation): staff logins end at login + STAFF_LOGIN_MAX_SECONDS
  // however often they refresh. NULL on rows written before it existed (then created_at stands in)
  @DateTimeColumn('login_at', { nullable: true })
  loginAt: Date | null;

  // staff re-entered their password: routes marked stepUp are open until then (copied on rotation, never extended by it)
  @DateTimeColumn('step_up_until', { nullable: true })
  stepUpUntil: Date | null;
}
