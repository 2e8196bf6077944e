import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// A year of the statutory holiday schedule entered by the district admin (the State Council's notice for that year).
// A year with a row here is decided by its booking_statutory_day rows alone; other years come from the bundled package.
@Entity('booking_statutory_year')
export class StatutoryYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 200, name: 'source_note' })
  sourceNote: string;

  @Column({ type: 'varchar', length: 36, name: 'updated_by' })
  updatedBy: string;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// one statutory day off ('holiday') or 调休 working weekend day ('makeup_workday') of an entered year
@Entity('booking_statutory_day')
@Index('idx_booking_statutory_day_year', ['year'])
export class StatutoryDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  kind: 'holiday' | 'makeup_workday';

  @Column({ type: 'varchar', length: 32 })
  name: string;
}
