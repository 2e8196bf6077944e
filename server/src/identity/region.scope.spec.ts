import { describe, expect, it } from '@jest/globals';
import { ErrorCode, type StaffRole } from '@jianban/shared';
import {
  COMMUNITY_A1, COMMUNITY_A2, COMMUNITY_B1, DISTRICT, FakeRegionRepository, READER, STREET_A, STREET_B, domainErrorFrom, regionTree,
} from '../../test/support/identity-fakes';
import type { Caller } from './caller';
import { RegionScope } from './region.scope';

type Staff = Extract<Caller, { kind: 'staff' }>;

const ALL = [DISTRICT, STREET_A, STREET_B, COMMUNITY_A1, COMMUNITY_A2, COMMUNITY_B1];
const staffAt = (role: StaffRole, regionCode: string): Staff => ({ kind: 'staff', staffId: 'staff-1', role, regionCode, sessionId: 'session-1' });

function setup() {
  const sut = new RegionScope(new FakeRegionRepository(regionTree()));
  const covered = async (staff: Staff): Promise<string[]> => {
    const codes: string[] = [];
    for (const code of ALL) {
      const region = await sut.assertCovers(READER, staff, code).catch(() => null);
      if (region) codes.push(region.code);
    }
    return codes;
  };
  return { sut, covered };
}

describe(RegionScope.name, () => {
  it('lets community staff cover only their own community', async () => {
    const { covered } = setup();

    expect(await covered(staffAt('community_staff', COMMUNITY_A1))).toEqual([COMMUNITY_A1]);
  });

  it("lets a street reviewer cover the street and its communities, not the district or another street's", async () => {
    const { covered } = setup();

    expect(await covered(staffAt('street_reviewer', STREET_A))).toEqual([STREET_A, COMMUNITY_A1, COMMUNITY_A2]);
  });

  it('lets a district admin cover every region in the district', async () => {
    const { covered } = setup();

    expect(await covered(staffAt('district_admin', DISTRICT))).toEqual(ALL);
  });

  it('returns the region asked for', async () => {
    const { sut } = setup();

    const region = await sut.assertCovers(READER, staffAt('street_reviewer', STREET_A), COMMUNITY_A2);

    expect(region).toMatchObject({ code: COMMUNITY_A2, level: 'community', parentCode: STREET_A });
  });

  it('answers an unknown code and an out-of-scope code with the same NOT_FOUND error', async () => {
    const { sut } = setup();
    const staff = staffAt('community_staff', COMMUNITY_A1);

    const unknown = await domainErrorFrom(sut.assertCovers(READER, staff, '421003009009'));
    const outside = await domainErrorFrom(sut.assertCovers(READER, staff, COMMUNITY_B1));

    expect(unknown.code).toBe(ErrorCode.NotFound);
    expect([outside.code, outside.message, outside.details]).toEqual([unknown.code, unknown.message, unknown.details]);
  });

  it('answers "is this a community" with the region or null (unknown code, street), and null for a street in scope', async () => {
    const { sut } = setup();

    expect((await sut.findCommunity(READER, COMMUNITY_B1))?.code).toBe(COMMUNITY_B1);
    expect([await sut.findCommunity(READER, STREET_A), await sut.findCommunity(READER, '421003009009')]).toEqual([null, null]);
    expect((await sut.coveredCommunity(READER, staffAt('street_reviewer', STREET_A), COMMUNITY_A2))?.code).toBe(COMMUNITY_A2);
    expect(await sut.coveredCommunity(READER, staffAt('district_admin', DISTRICT), STREET_A)).toBeNull();
    // out of scope is still the scope's NOT_FOUND, not null
    expect((await domainErrorFrom(sut.coveredCommunity(READER, staffAt('community_staff', COMMUNITY_A1), COMMUNITY_B1))).code).toBe(ErrorCode.NotFound);
    expect((await domainErrorFrom(sut.knownCommunity(READER, STREET_A))).code).toBe(ErrorCode.NotFound);
  });

  it('looks regions up by code, leaving out codes the tree no longer has', async () => {
    const { sut } = setup();

    const found = await sut.regionsByCode(READER, [COMMUNITY_A1, '421003009009', COMMUNITY_B1]);

    expect([...found.keys()].sort()).toEqual([COMMUNITY_A1, COMMUNITY_B1].sort());
  });
});
