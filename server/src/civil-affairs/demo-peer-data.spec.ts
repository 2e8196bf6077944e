import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { demoHousehold, demoRegistryPeople } from './registry.seed';

// the local data-sharing peer's default people (scripts/civil-affairs-peer/demo-people.json) are the demo seed's
// household, so the demo family reads the same whichever adapter answers
describe('the data-sharing peer demo data', () => {
  it('demo-people.json holds exactly the demo household of the district copy seed', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../../scripts/civil-affairs-peer/demo-people.json'), 'utf8')) as { people: unknown[] };
    const byId = (a: { idNumber: string }, b: { idNumber: string }) => a.idNumber.localeCompare(b.idNumber);
    expect([...(file.people as { idNumber: string }[])].sort(byId)).toEqual([...demoHousehold()].sort(byId));
  });

  it('the whole demo registry starts with that household and is the same for the same day', () => {
    const a = [...demoRegistryPeople('2026-12-06', 200)];
    expect(a).toHaveLength(202);
    expect(a.slice(0, 2)).toEqual(demoHousehold());
    expect([...demoRegistryPeople('2026-12-06', 200)]).toEqual(a);
  });
});
