import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { index, varchar } from './schema-helpers';

// identity: refresh-token families (RFC 9700 §4.14). Every session row belongs to the family its login started;
// `revoke_reason` tells a rotated row (whose refresh token must never come back) from a logout or a family revocation.
export class SessionFamilies1764390000000 implements MigrationInterface {
  name = 'SessionFamilies1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('auth_session', new TableColumn(varchar('family_id', 36, { isNullable: true })));
    // a session issued before families existed is a family of its own
    await q.query('UPDATE auth_session SET family_id = id');
    await q.changeColumn('auth_session', 'family_id', new TableColumn(varchar('family_id', 36)));
    await q.addColumn('auth_session', new TableColumn(varchar('revoke_reason', 16, { isNullable: true })));
    await q.createIndex('auth_session', new TableIndex(index('idx_auth_session_family', ['family_id'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('auth_session', 'idx_auth_session_family');
    await q.dropColumn('auth_session', 'revoke_reason');
    await q.dropColumn('auth_session', 'family_id');
  }
}
