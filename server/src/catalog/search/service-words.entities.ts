import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// the words that lead a search to a service (issue 13), one row per service, edited by the district admin
@Entity('catalog_service_words')
export class ServiceWordsEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, name: 'service_id' })
  serviceId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', name: 'words_json' })
  wordsJson: string;

  @Column({ type: 'varchar', length: 36, name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// every version the words of a service ever had, with who made it and why (the audit of these edits)
@Entity('catalog_service_words_version')
@Index('uq_catalog_service_words_version', ['serviceId', 'version'], { unique: true })
export class ServiceWordsVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24, name: 'service_id' })
  serviceId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', name: 'words_json' })
  wordsJson: string;

  @Column({ type: 'varchar', length: 300, name: 'change_note' })
  changeNote: string;

  @Column({ type: 'varchar', length: 36, name: 'editor_id', nullable: true })
  editorId: string | null;

  @Column({ type: 'varchar', length: 64, name: 'editor_name', nullable: true })
  editorName: string | null;

  @Column({ type: 'varchar', length: 24, name: 'editor_role', nullable: true })
  editorRole: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}

export const SERVICE_WORDS_ENTITIES: Function[] = [ServiceWordsEntity, ServiceWordsVersionEntity];
