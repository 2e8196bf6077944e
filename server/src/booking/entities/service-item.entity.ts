import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// what a community's centre offers; catalog_code is the certificate catalog's stable code ('IS-08'), not a foreign key
@Entity('booking_service_item')
@Index('idx_booking_service_item_community', ['communityCode', 'sortOrder'])
@Index('uq_booking_service_item_seed', ['communityCode', 'seedKey'], { unique: true })
export class ServiceItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code' })
  communityCode: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes: number;

  @Column({ type: 'text', name: 'materials_json' })
  materialsJson: string;

  @Column({ type: 'varchar', length: 16, name: 'catalog_code', nullable: true })
  catalogCode: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder: number;

  // set for seeded rows so the seed is idempotent; null for items staff add
  @Column({ type: 'varchar', length: 64, name: 'seed_key', nullable: true })
  seedKey: string | null;

  // 'required' | 'proxy_ok'; null = the community has not said whether the person must come
  @Column({ type: 'varchar', length: 16, name: 'in_person', nullable: true })
  inPerson: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}
