import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, text, varchar } from './schema-helpers';

// catalog search (issue 13): the words that lead a search to each service, versioned like the items' everyday words
export class SearchServiceWords1764473000000 implements MigrationInterface {
  name = 'SearchServiceWords1764473000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'catalog_service_words', [
      { ...varchar('service_id', 24), isPrimary: true }, int('version'), text('words_json'), varchar('updated_by', 36, { isNullable: true }), datetime('updated_at'),
    ]);
    await createTable(
      q,
      'catalog_service_words_version',
      [
        id(), varchar('service_id', 24), int('version'), text('words_json'), varchar('change_note', 300),
        varchar('editor_id', 36, { isNullable: true }), varchar('editor_name', 64, { isNullable: true }), varchar('editor_role', 24, { isNullable: true }), datetime('created_at'),
      ],
      [index('uq_catalog_service_words_version', ['service_id', 'version'], true)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['catalog_service_words_version', 'catalog_service_words']) await q.dropTable(t, true);
  }
}
