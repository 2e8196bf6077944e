import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// every change to a staff account: who did what to whom, when, and what changed (never a password)
@Entity('staff_audit')
@Index('idx_staff_audit_target', ['targetStaffId', 'at'])
export class StaffAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn('at')
  at: Date;

  @Column({ type: 'varchar', length: 36, name: 'actor_staff_id' })
  actorStaffId: string;

  @Column({ type: 'varchar', length: 36, name: 'target_staff_id' })
  targetStaffId: string;

  @Column({ type: 'varchar', length: 24 })
  action: 'create' | 'update' | 'deactivate' | 'activate' | 'reset_password' | 'change_password';

  // [{ "field": "role", "from": "community_staff", "to": "street_reviewer" }, …]
  @Column({ type: 'text', name: 'changes_json' })
  changesJson: string;
}
