import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeIdNumber, shanghaiDate } from '@jianban/shared';
import type { DataSource } from 'typeorm';
import { SystemClock } from '../common/clock';
import type { AppConfig } from '../common/config';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import { DEMO_DAUGHTER, DEMO_ELDER } from '../database/seed/regions';
import type { RegistryPerson } from './civil-affairs.port';
import { RegistryImportEntity, type RegistryImportKind } from './entities/registry.entities';
import { RegistryImportRepository } from './import/registry-import.repository';
import { RegistryImportService } from './import/registry-import.service';
import { RegistryRepository, type EncryptedPerson } from './registry.repository';
import { writeRegistryFiles } from './synthetic/registry-files';
import { generatePeople } from './synthetic/registry-generator';

export function encryptPerson(cipher: PiiCipher, p: RegistryPerson): EncryptedPerson {
  const idNumber = normalizeIdNumber(p.idNumber);
  return {
    idNumberHash: cipher.blindIndex('id_number', idNumber), idNumberHashKv: cipher.blindIndexVersion, idNumberEnc: cipher.encrypt(idNumber), name: p.name, sex: p.sex,
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

// the demo family's household: 王建国 (86, 梅村社区) and his daughter, the demo account's resident
export const DEMO_HOUSEHOLD_NO = '0030039000001';
export function demoHousehold(): RegistryPerson[] {
  const elder = normalizeIdNumber(DEMO_ELDER.idNumber);
  const base = { hukouRegionCode: DEMO_ELDER.communityCode, householdNo: DEMO_HOUSEHOLD_NO, deathDate: null, movedOutDate: null };
  return [
    { ...base, idNumber: elder, name: DEMO_ELDER.name, sex: 'male', birthDate: `${elder.slice(6, 10)}-${elder.slice(10, 12)}-${elder.slice(12, 14)}` },
    { ...base, idNumber: DEMO_DAUGHTER.idNumber, name: DEMO_DAUGHTER.name, sex: DEMO_DAUGHTER.sex, birthDate: DEMO_DAUGHTER.birthDate },
  ];
}

/**
 * the demo registry's people: the demo family, then `people` generated ones (seeded: the same for the same day). The
 * district copy's demo seed and the local data-sharing peer under `pnpm start` serve the same people.
 */
export function* demoRegistryPeople(today: string, people = 3000): Generator<RegistryPerson> {
  const demo = demoHousehold();
  yield* demo;
  yield* generatePeople({ seed: 20261201, people, today, reserved: demo.map((p) => p.idNumber) });
}

/**
 * development out of the box: a generated registry of `people` synthetic people plus the demo family, written as the
 * files the departments hand over and loaded through the real import. Only into an empty district copy (a copy that
 * holds real imports is never touched); returns what it did, for the seed's output.
 */
export async function seedDemoRegistry(ds: DataSource, config: AppConfig, people = 3000): Promise<string | null> {
  const held = Number((await ds.query('SELECT COUNT(*) AS n FROM registry_person'))[0].n);
  if (held > 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'jb-demo-registry-'));
  try {
    const files = await writeRegistryFiles(dir, 'csv', demoRegistryPeople(shanghaiDate(new Date()), people));
    const service = new RegistryImportService(new Db(ds), new PiiCipher(config), new RegistryImportRepository(), config, new SystemClock());
    for (const kind of ['roster', 'deaths', 'moveouts'] as RegistryImportKind[]) {
      const summary = await service.importFile({ kind, path: files[kind], fileName: `演示数据-${kind}.csv`, actor: 'seed' });
      if (summary.status === 'held') await service.approveHeld(summary.importId, 'seed');
      else if (summary.status !== 'published') throw new Error(`demo registry ${kind}: ${summary.status}`);
    }
    return `demo civil-affairs registry: ${files.counts.roster} synthetic people (${files.counts.deaths} deaths, ${files.counts.moveouts} move-outs), 王建国's household included`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
