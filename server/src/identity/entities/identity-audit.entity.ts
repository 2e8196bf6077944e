import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// append-only: who verified, confirmed, revoked or was refused what, when (G3). The application only inserts here;
// the production database user gets INSERT and SELECT on this table, never UPDATE or DELETE.
@Entity('identity_audit')
@Index('idx_identity_audit_object', ['objectId', 'at'])
export class IdentityAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn('at')
  at: Date;

  @Column({ type: 'varchar', length: 16, name: 'actor_kind' })
  actorKind: 'resident' | 'staff' | 'system';

  @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 24, name: 'object_kind' })
  objectKind: 'resident' | 'family_member' | 'invitation' | 'staff' | 'region_hold';

  @Column({ type: 'varchar', length: 36, name: 'object_id' })
  objectId: string;

  @Column({ type: 'varchar', length: 16 })
  result: 'ok' | 'refused';

  // no ID numbers or names here: reasons and codes only
  @Column({ type: 'text', name: 'detail_json' })
  detailJson: string;
}
