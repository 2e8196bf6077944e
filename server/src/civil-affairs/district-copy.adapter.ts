import { Injectable } from '@nestjs/common';
import { normalizeIdNumber } from '@jianban/shared';
import { AppConfig } from '../common/config';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import { CivilAffairsRegistry, type HouseholdLookup, type RegistryLookup, type RegistryPerson } from './civil-affairs.port';
import { RegistryRepository, type RegistryRow } from './registry.repository';

const SOURCE = 'district-copy' as const;

// adapter 1: the district's own copy, filled by imports. A database failure is an outage ('unavailable'), never an
// exception; the reason names the failure, never a person.
@Injectable()
export class DistrictCopyRegistry extends CivilAffairsRegistry {
  constructor(
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly people: RegistryRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async lookup(idNumber: string): Promise<RegistryLookup> {
    const key = normalizeIdNumber(idNumber);
    const answers = await this.lookupMany([key]);
    return answers.get(key)!;
  }

  async lookupMany(idNumbers: readonly string[]): Promise<ReadonlyMap<string, RegistryLookup>> {
    const keys = [...new Set(idNumbers.map(normalizeIdNumber))];
    // every index a row may carry while a blind-index rotation is under way (the current key's first)
    const byHash = new Map(keys.flatMap((k) => this.cipher.blindIndexes('id_number', k).map((h) => [h, k] as const)));
    const answers = new Map<string, RegistryLookup>(keys.map((k) => [k, { kind: 'not-found', source: SOURCE }]));
    const hashes = [...byHash.keys()];
    try {
      for (let i = 0; i < hashes.length; i += this.config.civilAffairs.lookupChunk) {
        const chunk = hashes.slice(i, i + this.config.civilAffairs.lookupChunk);
        const rows = await this.db.read((m) => this.people.findByHashes(m, chunk));
        for (const row of rows) answers.set(byHash.get(row.idNumberHash)!, { kind: 'found', person: this.toPerson(row), asOf: row.asOf, source: SOURCE });
      }
    } catch (err) {
      const unavailable: RegistryLookup = { kind: 'unavailable', reason: `district copy: ${(err as Error).name}` };
      return new Map(keys.map((k) => [k, unavailable]));
    }
    return answers;
  }

  async household(householdNo: string): Promise<HouseholdLookup> {
    try {
      const rows = await this.db.read((m) => this.people.findHousehold(m, householdNo.trim()));
      if (rows.length === 0) return { kind: 'not-found', source: SOURCE };
      const asOf = new Date(Math.max(...rows.map((r) => r.asOf.getTime())));
      return { kind: 'found', householdNo: householdNo.trim(), members: rows.map((r) => this.toPerson(r)), asOf, source: SOURCE };
    } catch (err) {
      return { kind: 'unavailable', reason: `district copy: ${(err as Error).name}` };
    }
  }

  private toPerson(row: RegistryRow): RegistryPerson {
    return {
      idNumber: this.cipher.decrypt(row.idNumberEnc), name: row.name, sex: row.sex, birthDate: row.birthDate,
      hukouRegionCode: row.hukouRegionCode, householdNo: row.householdNo, deathDate: row.deathDate, movedOutDate: row.movedOutDate,
    };
  }
}
