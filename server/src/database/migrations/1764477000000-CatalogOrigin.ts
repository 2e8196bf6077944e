import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// catalog items get their origin, derived from their source (shared originOfJurisdiction): the national and Hubei
// lists apply to 荆州区, community items are 荆州's own, every other province's or city's item is 'other_place' and is
// no longer shown to residents until the district admin adopts it. Nothing is deleted: existing rows are only marked.
export class CatalogOrigin1764477000000 implements MigrationInterface {
  name = 'CatalogOrigin1764477000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('catalog_item', new TableColumn({ name: 'origin', type: 'varchar', length: '16', isNullable: false, default: "'other_place'" }));
    await q.query(`UPDATE catalog_item SET origin = CASE
      WHEN owner <> 'district' THEN 'jingzhou'
      WHEN LOWER(COALESCE(jurisdiction, '')) LIKE '%national%' OR COALESCE(jurisdiction, '') LIKE '%民发〔2020〕20号%' THEN 'national'
      WHEN LOWER(COALESCE(jurisdiction, '')) LIKE 'hubei%' OR COALESCE(jurisdiction, '') LIKE '%鄂民政发%' THEN 'hubei'
      WHEN COALESCE(jurisdiction, '') LIKE '%荆州区%' THEN 'jingzhou'
      ELSE 'other_place' END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('catalog_item', 'origin');
  }
}
