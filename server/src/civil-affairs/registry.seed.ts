import { randomUUID } from 'node:crypto';
import { normalizeIdNumber } from '@jianban/shared';
import type { DataSource } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import type { RegistryPerson } from './civil-affairs.port';
import { RegistryImportEntity } from './entities/registry.entities';
import { RegistryRepository, type EncryptedPerson } from './registry.repository';

export function encryptPerson(cipher: PiiCipher, p: RegistryPerson): EncryptedPerson {
  const idNumber = normalizeIdNumber(p.idNumber);
  return {
    idNumberHash: cipher.blindIndex('id_number', idNumber), idNumberEnc: cipher.encrypt(idNumber), name: p.name, sex: p.sex,
    birthDate: p.birthDate, hukouRegionCode: p.hukouRegionCode, householdNo: p.householdNo, deathDate: p.deathDate, movedOutDate: p.movedOutDate,
  };
}

/**
 * writes people straight into the district copy in one transaction, recorded as one published roster import by
 * `actor` (the out-of-the-box seed, test fixtures). Real files go through the import instead.
 */
export async function writeRegistryPeople(
  ds: DataSource,
  cipher: PiiCipher,
  people: readonly RegistryPerson[],
  opts: { actor: string; label: string; chunk?: number },
): Promise<string> {
  const repo = new RegistryRepository();
  const importId = randomUUID();
  const now = new Date();
  const chunk = opts.chunk ?? 500;
  await ds.transaction(async (tx) => {
    await tx.insert(RegistryImportEntity, {
      id: importId, kind: 'roster', fileName: opts.label, fileSha256: '-', status: 'published', totalRows: people.length,
      acceptedRows: people.length, rejectedRows: 0, actor: opts.actor, startedAt: now, finishedAt: now, error: null,
    });
    for (let i = 0; i < people.length; i += chunk) {
      await repo.replacePeople(tx, people.slice(i, i + chunk).map((p) => encryptPerson(cipher, p)), importId, now);
    }
  });
  return importId;
}
