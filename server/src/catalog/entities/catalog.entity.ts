import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/columns';

// one certificate item; `owner` is 'district' or the community code of a community's own item
@Entity('catalog_item')
@Index('uq_catalog_item_owner_name', ['owner', 'name'], { unique: true })
export class CatalogItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_catalog_item_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  owner: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  list: string;

  @Column({ type: 'integer' })
  version: number;

  // the current ItemContent (name, aliases, list, category, route steps, materials …) as JSON
  @Column({ type: 'text', name: 'content_json' })
  contentJson: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  jurisdiction: string | null;

  @Column({ type: 'text', name: 'sources_json' })
  sourcesJson: string;

  // whose rule it is, from its source (shared PolicyOrigin): 'other_place' items reach residents only once adopted
  @Column({ type: 'varchar', length: 16, default: 'other_place' })
  origin: string;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// every version an item ever had, with who made it
@Entity('catalog_item_version')
@Index('uq_catalog_item_version', ['itemId', 'version'], { unique: true })
export class CatalogItemVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'item_id' })
  itemId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', name: 'content_json' })
  contentJson: string;

  @Column({ type: 'varchar', length: 300, name: 'change_note' })
  changeNote: string;

  @Column({ type: 'text', name: 'changed_fields' })
  changedFields: string;

  @Column({ type: 'varchar', length: 36, name: 'editor_id', nullable: true })
  editorId: string | null;

  @Column({ type: 'varchar', length: 64, name: 'editor_name', nullable: true })
  editorName: string | null;

  @Column({ type: 'varchar', length: 24, name: 'editor_role', nullable: true })
  editorRole: string | null;

  @Column({ type: 'varchar', length: 36, name: 'proposal_id', nullable: true })
  proposalId: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}

@Entity('catalog_proposal')
@Index('idx_catalog_proposal_status', ['status', 'createdAt'])
@Index('idx_catalog_proposal_proposer', ['proposerId', 'createdAt'])
export class CatalogProposalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'item_id' })
  itemId: string;

  @Column({ type: 'integer', name: 'base_version' })
  baseVersion: number;

  @Column({ type: 'text', name: 'changes_json' })
  changesJson: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 36, name: 'proposer_id' })
  proposerId: string;

  @Column({ type: 'varchar', length: 64, name: 'proposer_name' })
  proposerName: string;

  @Column({ type: 'varchar', length: 24, name: 'proposer_role' })
  proposerRole: string;

  @Column({ type: 'varchar', length: 36, name: 'decided_by_id', nullable: true })
  decidedById: string | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by_name', nullable: true })
  decidedByName: string | null;

  @DateTimeColumn('decided_at', { nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 300, name: 'decision_note', nullable: true })
  decisionNote: string | null;

  @Column({ type: 'integer', name: 'applied_version', nullable: true })
  appliedVersion: number | null;

  @DateTimeColumn('created_at')
  createdAt: Date;
}

// 主责 / 协助 / 负面 lists, one row each
@Entity('catalog_work_list')
export class CatalogWorkListEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'varchar', length: 40 })
  title: string;

  @Column({ type: 'integer' })
  example: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'text', name: 'entries_json' })
  entriesJson: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 36, name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

@Entity('catalog_demand_report')
@Index('idx_catalog_demand_reporter', ['reporterId', 'createdAt'])
@Index('idx_catalog_demand_status', ['status', 'createdAt'])
export class CatalogDemandReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'reporter_id' })
  reporterId: string;

  @Column({ type: 'varchar', length: 32, name: 'item_code' })
  itemCode: string;

  @Column({ type: 'varchar', length: 80, name: 'item_name' })
  itemName: string;

  @Column({ type: 'varchar', length: 16, name: 'item_list' })
  itemList: string;

  @Column({ type: 'varchar', length: 12, name: 'community_code', nullable: true })
  communityCode: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  place: string | null;

  @Column({ type: 'varchar', length: 10, name: 'happened_on' })
  happenedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 500, name: 'staff_note', nullable: true })
  staffNote: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// one counter bumped by every catalog edit; each server instance compares it to rebuild its search index
@Entity('catalog_meta')
export class CatalogMetaEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  key: string;

  @Column({ type: 'integer' })
  value: number;
}

// the department directory (issue 14 item 1): one office alternative routes send residents to
@Entity('catalog_department')
export class CatalogDepartmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_catalog_department_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  hours: string | null;

  @Column({ type: 'varchar', length: 200, name: 'online_channel', nullable: true })
  onlineChannel: string | null;

  // { field: where it is read } — a public source or the district admin who entered it
  @Column({ type: 'text', name: 'field_sources_json' })
  fieldSourcesJson: string;

  @Column({ type: 'text', name: 'item_codes_json' })
  itemCodesJson: string;

  @Column({ type: 'varchar', length: 64, name: 'checked_by', nullable: true })
  checkedBy: string | null;

  @Column({ type: 'varchar', length: 10, name: 'checked_on', nullable: true })
  checkedOn: string | null;

  @Column({ type: 'integer' })
  version: number;

  @DateTimeColumn('created_at')
  createdAt: Date;

  @DateTimeColumn('updated_at')
  updatedAt: Date;
}

// every version of a department's entry, with who made it
@Entity('catalog_department_version')
@Index('uq_catalog_department_version', ['departmentId', 'version'], { unique: true })
export class CatalogDepartmentVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'department_id' })
  departmentId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', name: 'content_json' })
  contentJson: string;

  @Column({ type: 'varchar', length: 300, name: 'change_note' })
  changeNote: string;

  @Column({ type: 'varchar', length: 36, name: 'editor_id', nullable: true })
  editorId: string | null;

  @Column({ type: 'varchar', length: 64, name: 'editor_name', nullable: true })
  editorName: string | null;

  @DateTimeColumn('created_at')
  createdAt: Date;

  // what this version changed: [{ "field": "phone", "from": null, "to": "0716-…" }, …]; null on versions written before
  // DepartmentVersionChanges1764480000000
  @Column({ type: 'text', name: 'changes_json', nullable: true })
  changesJson: string | null;
}
