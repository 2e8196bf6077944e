import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { int } from './schema-helpers';

// issue 11: the key version beside every HMAC blind index, so `rotate-pii` can re-index online (see
// database/blind-index-rotation.ts). Every existing row was made with the one key there was: version 1.
const COLUMNS: [string, string][] = [
  ['registry_person', 'id_number_hash_kv'], ['registry_death', 'id_number_hash_kv'], ['registry_move_out', 'id_number_hash_kv'],
  ['family_member', 'id_number_hash_kv'], ['resident_identity', 'id_number_hash_kv'], ['family_proxy', 'id_number_hash_kv'],
  ['allowance_application', 'elder_id_hash_kv'], ['allowance_recipient', 'elder_id_hash_kv'], ['allowance_candidate', 'elder_id_hash_kv'],
  ['resident_account', 'openid_hash_kv'],
];

export class BlindIndexVersion1764482200000 implements MigrationInterface {
  name = 'BlindIndexVersion1764482200000';

  async up(q: QueryRunner): Promise<void> {
    // MariaDB: plain ALTERs (the same type as schema-helpers' int; no slow schema read per table). SQLite: through
    // TypeORM, whose cached table definitions a later table rebuild in the same run would otherwise use without them
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    for (const [table, column] of COLUMNS) {
      if (sqlite) await q.addColumn(table, new TableColumn(int(column, { default: 1 })));
      else await q.query(`ALTER TABLE ${table} ADD COLUMN ${column} integer NOT NULL DEFAULT 1`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    for (const [table, column] of [...COLUMNS].reverse()) {
      if (sqlite) await q.dropColumn(table, column);
      else await q.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}
