import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, id, index, text, varchar } from './schema-helpers';

// identity: residents' own verified identity (face check or counter), face-check sessions, verified family proxies,
// single-use invitations the elder confirms, and the append-only identity audit
export class VerifiedProxies1764460000000 implements MigrationInterface {
  name = 'VerifiedProxies1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      'resident_identity',
      [
        id('account_id'), varchar('name', 64), varchar('id_number_enc', 255), varchar('id_number_hash', 64), varchar('method', 16),
        varchar('verified_by_staff_id', 36, { isNullable: true }), datetime('verified_at'),
      ],
      [index('idx_resident_identity_id_number_hash', ['id_number_hash'])],
    );
    await createTable(
      q,
      'real_name_check',
      [
        id(), varchar('account_id', 36), varchar('out_seq_no', 32), varchar('verify_id_enc', 512), varchar('name', 64), varchar('id_number_enc', 255),
        varchar('status', 16), datetime('expires_at'), datetime('created_at'),
      ],
      [index('idx_real_name_check_account', ['account_id']), index('uq_real_name_check_seq', ['out_seq_no'], true)],
    );
    await createTable(
      q,
      'family_proxy',
      [
        id('family_member_id'), varchar('account_id', 36), varchar('id_number_hash', 64), varchar('state', 16), varchar('via', 16, { isNullable: true }),
        varchar('verified_by_kind', 16, { isNullable: true }), varchar('verified_by_id', 36, { isNullable: true }), datetime('verified_at', { isNullable: true }),
        varchar('verified_name', 64, { isNullable: true }), datetime('revoked_at', { isNullable: true }),
        varchar('revoked_by', 24, { isNullable: true }), varchar('revoked_by_id', 36, { isNullable: true }),
      ],
      [index('idx_family_proxy_pair', ['account_id', 'id_number_hash']), index('idx_family_proxy_elder', ['id_number_hash'])],
    );
    await createTable(
      q,
      'proxy_invitation',
      [
        id(), varchar('family_member_id', 36), varchar('inviter_account_id', 36), varchar('code_hash', 64), datetime('expires_at'),
        datetime('used_at', { isNullable: true }), varchar('used_by_account_id', 36, { isNullable: true }), datetime('created_at'),
      ],
      [index('idx_proxy_invitation_member', ['family_member_id']), index('uq_proxy_invitation_code', ['code_hash'], true)],
    );
    await createTable(
      q,
      'identity_audit',
      [
        id(), datetime('at'), varchar('actor_kind', 16), varchar('actor_id', 36, { isNullable: true }), varchar('action', 40),
        varchar('object_kind', 24), varchar('object_id', 36), varchar('result', 16), text('detail_json'),
      ],
      [index('idx_identity_audit_object', ['object_id', 'at'])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['identity_audit', 'proxy_invitation', 'family_proxy', 'real_name_check', 'resident_identity']) await q.dropTable(t);
  }
}
