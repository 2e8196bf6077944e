import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// one case of any module (a booking, an allowance application …): who owns it (首问负责), who handles it now, which
// overdue flag its community's lead has already been told about. Keyed by the module's own subject id.
@Entity('case_file')
@Index('idx_case_file_responsible', ['kind', 'responsibleStaffId'])
@Index('idx_case_file_handler', ['kind', 'handlerStaffId'])
export class CaseFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  kind: string;

  @PrimaryColumn({ type: 'varchar', length: 36, name: 'subject_id' })
  subjectId: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  // 首问负责人: set once (conditional UPDATE) by the first staff member who takes the case; stays accountable
  @Column({ type: 'varchar', length: 36, name: 'responsible_staff_id', nullable: true })
  responsibleStaffId: string | null;

  @DateTimeColumn('responsible_at', { nullable: true })
  responsibleAt: Date | null;

  // current handler (changes on hand-over)
  @Column({ type: 'varchar', length: 36, name: 'handler_staff_id', nullable: true })
  handlerStaffId: string | null;

  // the last overdue flag already sent to the community's lead, so each is sent once
  @Column({ type: 'varchar', length: 16, name: 'flagged_reason', nullable: true })
  flaggedReason: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;

  @DateTimeColumn('closed_at', { nullable: true })
  closedAt: Date | null;
}
