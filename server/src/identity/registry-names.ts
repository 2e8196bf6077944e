import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO } from '../common/logger';
import { CivilAffairsRegistry, type RegistryLookup } from '../civil-affairs/civil-affairs.port';

// what identity asks the civil-affairs registry: names for staff's elder list, and whether two people share a household
export type SameHousehold =
  | { kind: 'same'; elderName: string; householdNo: string }
  | { kind: 'different' }
  | { kind: 'unavailable'; reason: string };

@Injectable()
export class RegistryNames {
  constructor(
    private readonly registry: CivilAffairsRegistry,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  // the registry's names by normalized ID number; a person it does not have (or an outage) is simply left out
  async namesOf(idNumbers: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!idNumbers.length) return out;
    let answers: ReadonlyMap<string, RegistryLookup>;
    try {
      answers = await this.registry.lookupMany(idNumbers);
    } catch (err) {
      // the list still shows (with the verified or typed names) when the registry fails outright
      this.log.error({ err: (err as Error).message }, 'registry names failed for the elder list');
      return out;
    }
    let unavailable = 0;
    for (const [id, a] of answers) {
      if (a.kind === 'found') out.set(id, a.person.name);
      else if (a.kind === 'unavailable') unavailable++;
    }
    if (unavailable) this.log.warn({ unavailable }, 'registry names unavailable for part of the elder list');
    return out;
  }

  // both registered (alive or not) in one household (户号)
  async sameHousehold(residentId: string, elderId: string): Promise<SameHousehold> {
    const answers = await this.registry.lookupMany([residentId, elderId]);
    const resident = answers.get(residentId);
    const elder = answers.get(elderId);
    if (!resident || !elder) return { kind: 'unavailable', reason: 'registry answered without these people' };
    if (resident.kind === 'unavailable') return { kind: 'unavailable', reason: resident.reason };
    if (elder.kind === 'unavailable') return { kind: 'unavailable', reason: elder.reason };
    if (resident.kind !== 'found' || elder.kind !== 'found') return { kind: 'different' };
    if (resident.person.householdNo !== elder.person.householdNo) return { kind: 'different' };
    return { kind: 'same', elderName: elder.person.name, householdNo: elder.person.householdNo };
  }
}
