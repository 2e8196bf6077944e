import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

// the district copy's reads and direct writes. Plain SQL both engines run: lookups join the roster with the death
// and move-out records through the blind index, one statement per chunk of ID numbers.
export interface RegistryRow {
  idNumberHash: string;
  idNumberEnc: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  hukouRegionCode: string;
  householdNo: string;
  deathDate: string | null;
  movedOutDate: string | null;
  /** the latest moment an import touched the person, their death or their move-out */
  asOf: Date;
}

export interface EncryptedPerson {
  idNumberHash: string;
  /** the key version of idNumberHash (PiiCipher.blindIndexVersion) */
  idNumberHashKv?: number;
  idNumberEnc: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  hukouRegionCode: string;
  householdNo: string;
  deathDate: string | null;
  movedOutDate: string | null;
}

const SELECT_PERSON = `SELECT p.id_number_hash AS h, p.id_number_enc AS enc, p.name AS name, p.sex AS sex, p.birth_date AS birth_date,
  p.hukou_region_code AS region, p.household_no AS household, p.updated_at AS p_at,
  d.event_date AS death_date, d.updated_at AS d_at, m.event_date AS moved_out_date, m.updated_at AS m_at
  FROM registry_person p
  LEFT JOIN registry_death d ON d.id_number_hash = p.id_number_hash
  LEFT JOIN registry_move_out m ON m.id_number_hash = p.id_number_hash`;

// datetime(3) comes back as a Date from MariaDB and as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) from SQLite
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  return new Date(String(v).replace(' ', 'T') + (String(v).endsWith('Z') ? '' : 'Z'));
}

// the parameter form of a datetime(3) both drivers accept
export function sqlDateTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

type Raw = Record<string, unknown>;

function toRow(r: Raw): RegistryRow {
  const times = [toDate(r.p_at), toDate(r.d_at), toDate(r.m_at)].filter((d): d is Date => d !== null);
  return {
    idNumberHash: String(r.h), idNumberEnc: String(r.enc), name: String(r.name), sex: r.sex === 'female' ? 'female' : 'male',
    birthDate: String(r.birth_date), hukouRegionCode: String(r.region), householdNo: String(r.household),
    deathDate: (r.death_date as string | null) ?? null, movedOutDate: (r.moved_out_date as string | null) ?? null,
    asOf: new Date(Math.max(...times.map((d) => d.getTime()))),
  };
}

/** a multi-row INSERT of `rows` (each an array in `columns` order): one statement */
export async function insertRows(m: EntityManager, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const one = `(${columns.map(() => '?').join(', ')})`;
  await m.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => one).join(', ')}`, rows.flat());
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

@Injectable()
export class RegistryRepository {
  /** the people among `hashes` the roster holds (one statement) */
  async findByHashes(m: EntityManager, hashes: readonly string[]): Promise<RegistryRow[]> {
    if (hashes.length === 0) return [];
    const rows: Raw[] = await m.query(`${SELECT_PERSON} WHERE p.id_number_hash IN (${marks(hashes.length)})`, [...hashes]);
    return rows.map(toRow);
  }

  async findHousehold(m: EntityManager, householdNo: string): Promise<RegistryRow[]> {
    const rows: Raw[] = await m.query(`${SELECT_PERSON} WHERE p.household_no = ? ORDER BY p.birth_date, p.id_number_hash`, [householdNo]);
    return rows.map(toRow);
  }

  /**
   * writes people straight into the district copy (the out-of-the-box seed and test fixtures), replacing whatever the
   * copy held for them: one DELETE and one INSERT per table for the whole chunk
   */
  async replacePeople(m: EntityManager, people: readonly EncryptedPerson[], importId: string, at: Date): Promise<void> {
    if (people.length === 0) return;
    const hashes = people.map((p) => p.idNumberHash);
    const now = sqlDateTime(at);
    for (const table of ['registry_person', 'registry_death', 'registry_move_out']) {
      await m.query(`DELETE FROM ${table} WHERE id_number_hash IN (${marks(hashes.length)})`, hashes);
    }
    await insertRows(m, 'registry_person', PERSON_COLUMNS, people.map((p) => [
      p.idNumberHash, p.idNumberEnc, p.name, p.sex, p.birthDate, p.hukouRegionCode, p.householdNo, importId, now, p.idNumberHashKv ?? 1,
    ]));
    const events = (pick: (p: EncryptedPerson) => string | null) =>
      people.filter((p) => pick(p) !== null).map((p) => [p.idNumberHash, p.idNumberEnc, p.name, pick(p), importId, now, p.idNumberHashKv ?? 1]);
    await insertRows(m, 'registry_death', EVENT_COLUMNS, events((p) => p.deathDate));
    await insertRows(m, 'registry_move_out', EVENT_COLUMNS, events((p) => p.movedOutDate));
  }
}

export const PERSON_COLUMNS = ['id_number_hash', 'id_number_enc', 'name', 'sex', 'birth_date', 'hukou_region_code', 'household_no', 'import_id', 'updated_at', 'id_number_hash_kv'] as const;
export const EVENT_COLUMNS = ['id_number_hash', 'id_number_enc', 'name', 'event_date', 'import_id', 'updated_at', 'id_number_hash_kv'] as const;
