import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

// catalog: the department directory alternative routes point to, and every version of an entry (issue 14 item 1)
export class CatalogDepartments1764474000000 implements MigrationInterface {
  name = 'CatalogDepartments1764474000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'catalog_department', [
      id(), varchar('code', 32), int('position'), varchar('name', 60), varchar('address', 200, { isNullable: true }), varchar('phone', 40, { isNullable: true }),
      varchar('hours', 200, { isNullable: true }), varchar('online_channel', 200, { isNullable: true }), text('field_sources_json'), text('item_codes_json'),
      varchar('checked_by', 64, { isNullable: true }), varchar('checked_on', 10, { isNullable: true }), int('version'), datetime('created_at'), datetime('updated_at'),
    ], [index('uq_catalog_department_code', ['code'], true)]);
    await createTable(q, 'catalog_department_version', [
      id(), varchar('department_id', 36), int('version'), text('content_json'), varchar('change_note', 300),
      varchar('editor_id', 36, { isNullable: true }), varchar('editor_name', 64, { isNullable: true }), datetime('created_at'),
    ], [index('uq_catalog_department_version', ['department_id', 'version'], true)]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['catalog_department_version', 'catalog_department']) await q.dropTable(t, true);
  }
}
