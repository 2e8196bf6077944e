import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

// civil-affairs: the district's own copy of the registry (hukou roster, death and move-out records), its imports with
// their per-row issues, the staging area that keeps half-imported rows invisible, and the import audit
const hashKey = () => varchar('id_number_hash', 64, { isPrimary: true });
const personal = () => [varchar('id_number_enc', 255), varchar('name', 64)];
const touched = () => [varchar('import_id', 36), datetime('updated_at')];

export class CivilAffairsRegistry1764430000000 implements MigrationInterface {
  name = 'CivilAffairsRegistry1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      'registry_person',
      [hashKey(), ...personal(), varchar('sex', 8), varchar('birth_date', 10), varchar('hukou_region_code', 12), varchar('household_no', 32), ...touched()],
      [index('idx_registry_person_household', ['household_no'])],
    );
    await createTable(q, 'registry_death', [hashKey(), ...personal(), varchar('event_date', 10), ...touched()]);
    await createTable(q, 'registry_move_out', [hashKey(), ...personal(), varchar('event_date', 10), ...touched()]);
    await createTable(
      q,
      'registry_import',
      [
        id(), varchar('kind', 16), varchar('file_name', 200), varchar('file_sha256', 64), varchar('status', 16),
        int('total_rows', { default: 0 }), int('accepted_rows', { default: 0 }), int('rejected_rows', { default: 0 }),
        varchar('actor', 36), datetime('started_at'), datetime('finished_at', { isNullable: true }), varchar('error', 200, { isNullable: true }),
      ],
      [index('idx_registry_import_file', ['kind', 'file_sha256']), index('idx_registry_import_started', ['started_at'])],
    );
    await createTable(q, 'registry_import_issue', [
      varchar('import_id', 36, { isPrimary: true }), int('row_no', { isPrimary: true }), varchar('column_name', 32, { isPrimary: true }), varchar('reason', 32),
    ]);
    await createTable(
      q,
      'registry_staging',
      [
        varchar('import_id', 36, { isPrimary: true }), int('row_no', { isPrimary: true }), varchar('id_number_hash', 64), ...personal(),
        varchar('sex', 8, { isNullable: true }), varchar('birth_date', 10, { isNullable: true }), varchar('hukou_region_code', 12, { isNullable: true }),
        varchar('household_no', 32, { isNullable: true }), varchar('event_date', 10, { isNullable: true }),
      ],
    ); // no secondary index: staging a million rows stays an append, and the checks across rows group once
    await createTable(
      q,
      'registry_audit',
      [id(), datetime('at'), varchar('actor', 36), varchar('action', 24), varchar('import_id', 36), text('detail_json')],
      [index('idx_registry_audit_at', ['at'])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['registry_audit', 'registry_staging', 'registry_import_issue', 'registry_import', 'registry_move_out', 'registry_death', 'registry_person']) {
      await q.dropTable(t);
    }
  }
}
