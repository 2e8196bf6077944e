import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the district's own copy of the civil-affairs registry, filled by imports of the files public security and health hand
// over. ID numbers: AES-GCM at rest (id_number_enc) and joined / looked up only through the HMAC blind index
// (id_number_hash, the primary key). Names are personal data too: never logged.

@Entity('registry_person')
@Index('idx_registry_person_household', ['householdNo'])
export class RegistryPersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  /** the blind-index key version of `id_number_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'id_number_hash_kv', default: 1 })
  idNumberHashKv?: number;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  sex: 'male' | 'female';

  @Column({ type: 'varchar', length: 10, name: 'birth_date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 12, name: 'hukou_region_code' })
  hukouRegionCode: string;

  @Column({ type: 'varchar', length: 32, name: 'household_no' })
  householdNo: string;

  @Column({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// a death record (health / public security); may arrive before the roster knows the person
@Entity('registry_death')
export class RegistryDeathEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  /** the blind-index key version of `id_number_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'id_number_hash_kv', default: 1 })
  idNumberHashKv?: number;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 10, name: 'event_date' })
  eventDate: string;

  @Column({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// a hukou moved out of the district
@Entity('registry_move_out')
export class RegistryMoveOutEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  /** the blind-index key version of `id_number_hash` (rotate-pii re-indexes what is not on the current one) */
  @Column({ type: 'integer', name: 'id_number_hash_kv', default: 1 })
  idNumberHashKv?: number;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 10, name: 'event_date' })
  eventDate: string;

  @Column({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

export type RegistryImportKind = 'roster' | 'deaths' | 'moveouts';
// held: a death or move-out file that would mark more of the roster than the threshold waits for a person to approve it (F5)
export type RegistryImportStatus = 'staging' | 'held' | 'published' | 'failed' | 'duplicate';

// one file handed over: what it was (kind, name, SHA-256 of its bytes), who imported it and how it went
@Entity('registry_import')
@Index('idx_registry_import_file', ['kind', 'fileSha256'])
@Index('idx_registry_import_started', ['startedAt'])
export class RegistryImportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: RegistryImportKind;

  @Column({ type: 'varchar', length: 200, name: 'file_name' })
  fileName: string;

  @Column({ type: 'varchar', length: 64, name: 'file_sha256' })
  fileSha256: string;

  @Column({ type: 'varchar', length: 16 })
  status: RegistryImportStatus;

  @Column({ type: 'int', name: 'total_rows', default: 0 })
  totalRows: number;

  @Column({ type: 'int', name: 'accepted_rows', default: 0 })
  acceptedRows: number;

  @Column({ type: 'int', name: 'rejected_rows', default: 0 })
  rejectedRows: number;

  /** the staff account id, or 'cli' / 'seed' */
  @Column({ type: 'varchar', length: 36 })
  actor: string;

  @DateTimeColumn('started_at')
  startedAt: Date;

  @DateTimeColumn('finished_at', { nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  error: string | null;
}

// one problem with one row of an import (never the ID number itself: the row number points into the file)
@Entity('registry_import_issue')
export class RegistryImportIssueEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @PrimaryColumn({ type: 'int', name: 'row_no' })
  rowNo: number;

  @PrimaryColumn({ type: 'varchar', length: 32, name: 'column_name' })
  columnName: string;

  @Column({ type: 'varchar', length: 32 })
  reason: string;
}

// rows of an import before it is published: invisible to lookups until the publish transaction copies them
@Entity('registry_staging')
export class RegistryStagingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @PrimaryColumn({ type: 'int', name: 'row_no' })
  rowNo: number;

  @Column({ type: 'varchar', length: 64, name: 'id_number_hash' })
  idNumberHash: string;

  @Column({ type: 'varchar', length: 255, name: 'id_number_enc' })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  sex: string | null;

  @Column({ type: 'varchar', length: 10, name: 'birth_date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 12, name: 'hukou_region_code', nullable: true })
  hukouRegionCode: string | null;

  @Column({ type: 'varchar', length: 32, name: 'household_no', nullable: true })
  householdNo: string | null;

  @Column({ type: 'varchar', length: 10, name: 'event_date', nullable: true })
  eventDate: string | null;
}

// every import and every staff download of a report: who, what, when (insert only)
@Entity('registry_audit')
@Index('idx_registry_audit_at', ['at'])
export class RegistryAuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn('at')
  at: Date;

  @Column({ type: 'varchar', length: 36 })
  actor: string;

  @Column({ type: 'varchar', length: 24 })
  action: 'import' | 'download_report';

  @Column({ type: 'varchar', length: 36, name: 'import_id' })
  importId: string;

  @Column({ type: 'text', name: 'detail_json' })
  detailJson: string;
}

// the civil-affairs module's TypeORM entities; registered in database/entities.ts
export const CIVIL_AFFAIRS_ENTITIES: Function[] = [
  RegistryPersonEntity, RegistryDeathEntity, RegistryMoveOutEntity, RegistryImportEntity, RegistryImportIssueEntity, RegistryStagingEntity,
  RegistryAuditEntity,
];
