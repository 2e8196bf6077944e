import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// 办理记录: every step of a case (who, what, when). `note` may reach the resident when the row is visible to them;
// `internal_note` (e.g. a hand-over reason) is for staff only, always.
@Entity('case_log')
@Index('idx_case_log_subject', ['kind', 'subjectId', 'createdAt'])
export class CaseLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'varchar', length: 36, name: 'subject_id' })
  subjectId: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 16, name: 'actor_kind' })
  actorKind: 'resident' | 'staff' | 'system';

  @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64, name: 'actor_name' })
  actorName: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 500, name: 'internal_note', nullable: true })
  internalNote: string | null;

  @Column({ type: 'boolean', name: 'visible_to_resident', default: true })
  visibleToResident: boolean;

  @DateTimeColumn('created_at')
  createdAt: Date;
}
