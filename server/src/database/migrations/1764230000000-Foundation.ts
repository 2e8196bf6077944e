import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, int, varchar } from './schema-helpers';

// Chinese names need utf8mb4; tables inherit the database default, so refuse a database created without it
async function assertUtf8mb4(q: QueryRunner): Promise<void> {
  if (q.connection.driver.options.type === 'better-sqlite3') return;
  const [row] = await q.query('SELECT @@character_set_database AS cs');
  if (row?.cs !== 'utf8mb4') {
    throw new Error(`database default character set is ${row?.cs}; create it with CHARACTER SET utf8mb4 (ALTER DATABASE <name> CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)`);
  }
}

export class Foundation1764230000000 implements MigrationInterface {
  name = 'Foundation1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await assertUtf8mb4(q);
    await createTable(q, 'region', [
      varchar('code', 12, { isPrimary: true }), varchar('name', 64), varchar('level', 16),
      varchar('parent_code', 12, { isNullable: true }), int('sort_order', { default: 0 }),
    ], [index('idx_region_parent', ['parent_code'])]);

    await createTable(q, 'resident_account', [
      id(), varchar('openid_hash', 64), varchar('openid_enc', 255), varchar('display_name', 64),
      int('family_count', { default: 0 }), datetime('created_at'), datetime('updated_at'),
    ], [index('uq_resident_account_openid_hash', ['openid_hash'], true)]);

    await createTable(q, 'staff_account', [
      id(), varchar('username', 64), varchar('display_name', 64), varchar('role', 32), varchar('region_code', 12),
      varchar('password_hash', 255, { isNullable: true }), varchar('openid_hash', 64, { isNullable: true }),
      { name: 'active', type: 'boolean', isNullable: false, default: 1 }, datetime('created_at'), datetime('updated_at'),
    ], [index('uq_staff_account_username', ['username'], true), index('uq_staff_account_openid_hash', ['openid_hash'], true)]);

    await createTable(q, 'auth_session', [
      id(), varchar('token_hash', 64), varchar('refresh_hash', 64), varchar('subject_kind', 16), varchar('subject_id', 36),
      datetime('expires_at'), datetime('refresh_expires_at'), datetime('revoked_at', { isNullable: true }), datetime('created_at'),
    ], [
      index('uq_auth_session_token_hash', ['token_hash'], true), index('uq_auth_session_refresh_hash', ['refresh_hash'], true),
      index('idx_auth_session_subject', ['subject_id']),
    ]);

    await createTable(q, 'family_member', [
      id(), varchar('account_id', 36), varchar('name', 64), varchar('id_number_enc', 255), varchar('id_number_hash', 64),
      varchar('birth_date', 10), varchar('gender', 8), varchar('relationship', 16), varchar('community_code', 12),
      datetime('created_at'), datetime('updated_at'),
    ], [
      index('uq_family_member_account_id_number', ['account_id', 'id_number_hash'], true),
      index('idx_family_member_account', ['account_id']), index('idx_family_member_id_number_hash', ['id_number_hash']),
      index('idx_family_member_community', ['community_code']),
    ]);

    await createTable(q, 'rate_limit_bucket', [
      varchar('bucket_key', 191, { isPrimary: true }), { name: 'window_start', type: 'bigint', isNullable: false }, int('hits'),
    ], []);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rate_limit_bucket', 'family_member', 'auth_session', 'staff_account', 'resident_account', 'region']) {
      await q.dropTable(t, true);
    }
  }
}
