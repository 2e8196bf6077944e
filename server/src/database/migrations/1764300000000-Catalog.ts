import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

// catalog module tables: items with their versions, proposals, work lists, demand reports, the catalog version counter
export class Catalog1764300000000 implements MigrationInterface {
  name = 'Catalog1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'catalog_item', [
      id(), varchar('code', 32), varchar('owner', 16), varchar('name', 80), varchar('list', 16), int('version'),
      text('content_json'), varchar('jurisdiction', 200, { isNullable: true }), text('sources_json'), datetime('created_at'), datetime('updated_at'),
    ], [index('uq_catalog_item_code', ['code'], true), index('uq_catalog_item_owner_name', ['owner', 'name'], true)]);
    await createTable(q, 'catalog_item_version', [
      id(), varchar('item_id', 36), int('version'), text('content_json'), varchar('change_note', 300), text('changed_fields'),
      varchar('editor_id', 36, { isNullable: true }), varchar('editor_name', 64, { isNullable: true }), varchar('editor_role', 24, { isNullable: true }),
      varchar('proposal_id', 36, { isNullable: true }), datetime('created_at'),
    ], [index('uq_catalog_item_version', ['item_id', 'version'], true)]);
    await createTable(q, 'catalog_proposal', [
      id(), varchar('item_id', 36), int('base_version'), text('changes_json'), varchar('reason', 500), varchar('status', 16),
      varchar('proposer_id', 36), varchar('proposer_name', 64), varchar('proposer_role', 24),
      varchar('decided_by_id', 36, { isNullable: true }), varchar('decided_by_name', 64, { isNullable: true }), datetime('decided_at', { isNullable: true }),
      varchar('decision_note', 300, { isNullable: true }), int('applied_version', { isNullable: true }), datetime('created_at'),
    ], [index('idx_catalog_proposal_status', ['status', 'created_at']), index('idx_catalog_proposal_proposer', ['proposer_id', 'created_at'])]);
    await createTable(q, 'catalog_work_list', [
      { ...varchar('kind', 16), isPrimary: true }, varchar('title', 40), int('example'), varchar('note', 500, { isNullable: true }), text('entries_json'),
      int('version'), varchar('updated_by', 36, { isNullable: true }), datetime('updated_at'),
    ]);
    await createTable(q, 'catalog_demand_report', [
      id(), varchar('reporter_id', 36), varchar('item_code', 32), varchar('item_name', 80), varchar('item_list', 16),
      varchar('community_code', 12, { isNullable: true }), varchar('place', 100, { isNullable: true }), varchar('happened_on', 10),
      varchar('note', 500, { isNullable: true }), varchar('status', 16), varchar('staff_note', 500, { isNullable: true }), datetime('created_at'), datetime('updated_at'),
    ], [index('idx_catalog_demand_reporter', ['reporter_id', 'created_at']), index('idx_catalog_demand_status', ['status', 'created_at'])]);
    await createTable(q, 'catalog_meta', [{ ...varchar('key', 32), isPrimary: true }, int('value')]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['catalog_meta', 'catalog_demand_report', 'catalog_work_list', 'catalog_proposal', 'catalog_item_version', 'catalog_item']) await q.dropTable(t, true);
  }
}
