// The civil-affairs registry as the rest of the product sees it: who a person is, where their hukou is,
// whether they are alive and still registered in the district. Adapters (the district's imported copy,
// a signed data-sharing service over HTTP) own every vendor detail; expected outcomes are values, never
// exceptions. Where someone's hukou is comes only from `hukouRegionCode`, never from the ID number's prefix.

export interface RegistryPerson {
  /** normalized 18-character ID number (upper-case X) */
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  /** YYYY-MM-DD, as registered (not derived from the ID number) */
  birthDate: string;
  /** 12-digit official statistical code of the community or village holding the hukou */
  hukouRegionCode: string;
  /** 户号 */
  householdNo: string;
  /** YYYY-MM-DD or null while alive */
  deathDate: string | null;
  /** YYYY-MM-DD the hukou left the district, or null */
  movedOutDate: string | null;
}

export type RegistrySource = 'district-copy' | 'data-sharing';

export type RegistryLookup =
  | {
      kind: 'found';
      person: RegistryPerson;
      /** how current the answer is: the import that last touched the row, or the moment the service answered */
      asOf: Date;
      source: RegistrySource;
    }
  | { kind: 'not-found'; source: RegistrySource }
  | {
      kind: 'unavailable';
      /** for the log and staff, never shown to residents verbatim */
      reason: string;
      /** a hint when the source said when to come back (HTTP 429 retry-after) */
      retryAfterMs?: number;
    };

export type HouseholdLookup =
  | { kind: 'found'; householdNo: string; members: RegistryPerson[]; asOf: Date; source: RegistrySource }
  | { kind: 'not-found'; source: RegistrySource }
  | { kind: 'unavailable'; reason: string; retryAfterMs?: number };

export abstract class CivilAffairsRegistry {
  /** one person by ID number (any accepted spelling; the adapter normalizes) */
  abstract lookup(idNumber: string): Promise<RegistryLookup>;

  /**
   * Many people at once: the answer has exactly one entry per distinct normalized input. Adapters batch
   * (one statement per chunk, or the service's batch limit) — never one call per person.
   */
  abstract lookupMany(idNumbers: readonly string[]): Promise<ReadonlyMap<string, RegistryLookup>>;

  /** everyone registered in one household (户号), the deceased and moved-out included */
  abstract household(householdNo: string): Promise<HouseholdLookup>;
}
