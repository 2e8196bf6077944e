import { MigrationInterface, QueryRunner } from 'typeorm';

// catalog module tables (filled in by the catalog issue)
export class Catalog1764300000000 implements MigrationInterface {
  name = 'Catalog1764300000000';
  async up(_q: QueryRunner): Promise<void> {}
  async down(_q: QueryRunner): Promise<void> {}
}
