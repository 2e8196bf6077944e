import { checkDigitOf } from '@jianban/shared';
import type { DataSource } from 'typeorm';
import type { RegistryPerson } from '../../src/civil-affairs/civil-affairs.port';
import { writeRegistryPeople } from '../../src/civil-affairs/registry.seed';
import { PiiCipher } from '../../src/common/pii-cipher';
import { loadConfig, type AppConfig } from '../../src/config';

/**
 * writes people into the district copy of the civil-affairs registry for an integration test (one published roster
 * import by 'test'). Pass the app's config when it runs on other than the development keys (the blind index must agree).
 */
export async function seedRegistry(ds: DataSource, people: readonly RegistryPerson[], config?: AppConfig): Promise<string> {
  const cipher = new PiiCipher(config ?? loadConfig({ NODE_ENV: 'test' }));
  return writeRegistryPeople(ds, cipher, people, { actor: 'test', label: 'test fixture' });
}

/** a living person registered in 梅村社区 unless told otherwise */
export function aRegistryPerson(over: Partial<RegistryPerson> & Pick<RegistryPerson, 'idNumber'>): RegistryPerson {
  const id = over.idNumber;
  return {
    name: '测试', sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    hukouRegionCode: '421003003003', householdNo: 'H-TEST', deathDate: null, movedOutDate: null, ...over,
  };
}

/** a valid 18-character ID number: 6-digit prefix, birth date, 3-digit sequence (odd: male), check digit */
export function anIdNumber(prefix: string, birthDate: string, seq: number): string {
  const first17 = `${prefix}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigitOf(first17);
}
