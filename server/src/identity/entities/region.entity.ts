import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: 'district' | 'street' | 'community';

  @Index('idx_region_parent')
  @Column({ type: 'varchar', length: 12, name: 'parent_code', nullable: true })
  parentCode: string | null;

  @Column({ type: 'int', name: 'sort_order', default: 0 })
  sortOrder: number;
}
