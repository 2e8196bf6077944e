import { DataSource, Not, Like } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import { FamilyMemberEntity } from '../identity/entities/family-member.entity';
import { ResidentAccountEntity } from '../identity/entities/resident-account.entity';
import { AllowanceApplicationEntity } from '../allowance/allowance.entities';

// every encrypted column in the schema; a new one must be added here to take part in key rotation
const ENCRYPTED = [
  { entity: ResidentAccountEntity, column: 'openidEnc' as const, name: 'resident_account.openid_enc' },
  { entity: FamilyMemberEntity, column: 'idNumberEnc' as const, name: 'family_member.id_number_enc' },
  { entity: AllowanceApplicationEntity, column: 'elderIdEnc' as const, name: 'allowance_application.elder_id_enc' },
  { entity: AllowanceApplicationEntity, column: 'accountEnc' as const, name: 'allowance_application.account_enc' },
  { entity: AllowanceApplicationEntity, column: 'phoneEnc' as const, name: 'allowance_application.phone_enc' },
];

const BATCH = 500;

// re-encrypts, in short batches, every value not yet under the current key; safe to rerun after an interruption
export async function reencryptAll(ds: DataSource, cipher: PiiCipher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { entity, column, name } of ENCRYPTED) {
    counts[name] = 0;
    for (;;) {
      const rows = (await ds.getRepository(entity).find({
        where: { [column]: Not(Like(`${cipher.currentKeyId}.%`)) },
        select: { id: true, [column]: true } as never,
        take: BATCH,
      })) as unknown as { id: string; [k: string]: string }[];
      if (rows.length === 0) break;
      await ds.transaction(async (tx) => {
        for (const row of rows) await tx.update(entity, { id: row.id }, { [column]: cipher.encrypt(cipher.decrypt(row[column])) });
      });
      counts[name] += rows.length;
    }
  }
  return counts;
}
