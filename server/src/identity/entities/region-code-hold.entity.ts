import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// a placeholder region code the move to the official codes (RegionCodes1764350000000) could not map: the rows that
// used it now carry `heldCode` until the district admin assigns the official code
@Entity('region_code_hold')
export class RegionCodeHoldEntity {
  @PrimaryColumn({ type: 'varchar', length: 12, name: 'held_code' })
  heldCode: string;

  @Column({ type: 'varchar', length: 12, name: 'old_code' })
  oldCode: string;

  @Column({ type: 'varchar', length: 64, name: 'old_name', nullable: true })
  oldName: string | null;

  @Column({ type: 'varchar', length: 64, name: 'old_parent_name', nullable: true })
  oldParentName: string | null;

  // rows per table at the time of the move, e.g. {"family_member":3,"booking":1}
  @Column({ type: 'text', name: 'rows_json' })
  rowsJson: string;

  @DateTimeColumn('held_at')
  heldAt: Date;

  @Column({ type: 'varchar', length: 12, name: 'assigned_code', nullable: true })
  assignedCode: string | null;

  @Column({ type: 'varchar', length: 36, name: 'assigned_by', nullable: true })
  assignedBy: string | null;

  @DateTimeColumn('assigned_at', { nullable: true })
  assignedAt: Date | null;
}
