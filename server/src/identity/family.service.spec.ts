import { describe, expect, it } from '@jest/globals';
import { ErrorCode, type AddFamilyMemberInput } from '@jianban/shared';
import {
  COMMUNITY_A1, COMMUNITY_B1, FakeAccountRepository, FakeDb, FakeFamilyMemberRepository, FakeRegionRepository, FixedClock, STREET_A,
  aResidentAccount, domainErrorFrom, regionTree,
} from '../../test/support/identity-fakes';
import { PiiCipher } from '../common/pii-cipher';
import { loadConfig } from '../config';
import type { Caller } from './caller';
import { FAMILY_MEMBER_LIMIT, FamilyService } from './family.service';
import { RegionScope } from './region.scope';
import { ProxyRepository } from './proxies.repository';

// no verified proxies in these tests (the proxy rules have their own specs)
class NoProxies extends ProxyRepository {
  override async proxiesOfMembers() {
    return [];
  }
}

type Resident = Extract<Caller, { kind: 'resident' }>;

// valid numbers (check digits verified in shared/src/id-number.spec.ts)
const GRANDPA = '42100319400315001X'; // male, born 1940-03-15
const VALID_IDS = [GRANDPA, '421003194207080025', '421003193001010035', '421002194003150013', '11010519491231002X', '34052419800101001X'];

function setup() {
  const cipher = new PiiCipher(loadConfig({ NODE_ENV: 'test' }));
  const clock = new FixedClock(new Date('2025-06-01T02:00:00Z')); // 2025-06-01 in Shanghai
  const accounts = new FakeAccountRepository();
  const members = new FakeFamilyMemberRepository();
  const regions = new FakeRegionRepository(regionTree());
  const db = new FakeDb([accounts, members]);
  const sut = new FamilyService(db.asDb(), accounts, members, regions, new RegionScope(regions), new NoProxies(), cipher, clock);
  const newResident = (): Resident => {
    const a = aResidentAccount();
    accounts.residents.set(a.id, a);
    return { kind: 'resident', accountId: a.id, sessionId: `session-of-${a.id}` };
  };
  const familyCount = (r: Resident) => accounts.residents.get(r.accountId)?.familyCount;
  return { sut, cipher, accounts, members, regions, db, newResident, familyCount };
}

const aMember = (over: Partial<AddFamilyMemberInput> = {}): AddFamilyMemberInput => ({
  name: '张建国', idNumber: GRANDPA, relationship: 'parent', communityCode: COMMUNITY_A1, ...over,
});

describe(FamilyService.name, () => {
  describe('add', () => {
    it('refuses an invalid ID number with ID_NUMBER_INVALID naming the problem, storing nothing', async () => {
      const { sut, members, newResident, familyCount } = setup();
      const me = newResident();

      const err = await domainErrorFrom(sut.add(me, aMember({ idNumber: '421003194003150011' })));

      expect(err.code).toBe(ErrorCode.IdNumberInvalid);
      expect(err.details).toEqual({ problem: 'bad_check_digit' });
      expect(members.rows.size).toBe(0);
      expect(familyCount(me)).toBe(0);
    });

    it.each([
      ['an unknown region', '421003009009'],
      ['a street instead of a community', STREET_A],
    ])('refuses %s with VALIDATION_FAILED on body.communityCode', async (_, communityCode) => {
      const { sut, members, newResident } = setup();

      const err = await domainErrorFrom(sut.add(newResident(), aMember({ communityCode })));

      expect(err.code).toBe(ErrorCode.Validation);
      expect(err.details).toEqual({ issues: [{ path: 'body.communityCode', message: expect.any(String) }] });
      expect(members.rows.size).toBe(0);
    });

    it('stores the ID number encrypted with its blind index and returns only the masked number', async () => {
      const { sut, cipher, members, newResident, familyCount } = setup();
      const me = newResident();

      const view = await sut.add(me, aMember());

      const [row] = members.rows.values();
      expect(row).toMatchObject({ accountId: me.accountId, name: '张建国', birthDate: '1940-03-15', gender: 'male', communityCode: COMMUNITY_A1 });
      expect(row.idNumberEnc).not.toContain(GRANDPA);
      expect(cipher.decrypt(row.idNumberEnc)).toBe(GRANDPA);
      expect(row.idNumberHash).toBe(cipher.blindIndex('id_number', GRANDPA));
      expect(JSON.stringify(view)).not.toContain(GRANDPA);
      expect(view).toMatchObject({
        id: row.id, idNumberMasked: '421003**********1X', relationship: 'parent', age: 85, community: { code: COMMUNITY_A1, name: '东门社区' },
      });
      expect(familyCount(me)).toBe(1);
    });

    it('refuses the sixth member with FAMILY_MEMBER_LIMIT and keeps five', async () => {
      const { sut, members, newResident, familyCount } = setup();
      const me = newResident();
      for (const idNumber of VALID_IDS.slice(0, FAMILY_MEMBER_LIMIT)) await sut.add(me, aMember({ idNumber }));

      const err = await domainErrorFrom(sut.add(me, aMember({ idNumber: VALID_IDS[FAMILY_MEMBER_LIMIT] })));

      expect(FAMILY_MEMBER_LIMIT).toBe(5);
      expect(err.code).toBe(ErrorCode.FamilyMemberLimit);
      expect(err.details).toEqual({ limit: 5 });
      expect(members.rows.size).toBe(5);
      expect(familyCount(me)).toBe(5);
    });

    it('tells a full list that re-adds someone already in it "already added", not "list full"', async () => {
      const { sut, newResident, familyCount } = setup();
      const me = newResident();
      for (const idNumber of VALID_IDS.slice(0, FAMILY_MEMBER_LIMIT)) await sut.add(me, aMember({ idNumber }));

      const err = await domainErrorFrom(sut.add(me, aMember({ idNumber: VALID_IDS[0] })));

      expect(err.code).toBe(ErrorCode.FamilyMemberDuplicate);
      expect(familyCount(me)).toBe(5);
    });

    it('refuses the same person twice, however the number is typed, and gives the claimed slot back', async () => {
      const { sut, members, newResident, familyCount } = setup();
      const me = newResident();
      await sut.add(me, aMember());

      const err = await domainErrorFrom(sut.add(me, aMember({ name: '张建国', idNumber: '４２１００３１９４００３１５００１x' })));

      expect(err.code).toBe(ErrorCode.FamilyMemberDuplicate);
      expect(members.rows.size).toBe(1);
      expect(familyCount(me)).toBe(1);
    });

    it('lets two families register the same person', async () => {
      const { sut, members, newResident } = setup();

      await sut.add(newResident(), aMember());
      await sut.add(newResident(), aMember());

      expect(members.rows.size).toBe(2);
    });
  });

  describe('remove', () => {
    it('deletes an own member and releases its slot', async () => {
      const { sut, members, newResident, familyCount } = setup();
      const me = newResident();
      const view = await sut.add(me, aMember());

      await sut.remove(me, view.id);

      expect(members.rows.has(view.id)).toBe(false);
      expect(familyCount(me)).toBe(0);
    });

    it.each([
      ["another family's member", true],
      ['a missing id', false],
    ])('answers NOT_FOUND for %s and changes nothing', async (_, someoneElses) => {
      const { sut, members, newResident, familyCount } = setup();
      const me = newResident();
      const other = newResident();
      await sut.add(me, aMember());
      const theirs = await sut.add(other, aMember({ idNumber: VALID_IDS[1] }));
      const id = someoneElses ? theirs.id : '00000000-0000-4000-8000-000000000000';

      const err = await domainErrorFrom(sut.remove(me, id));

      expect(err.code).toBe(ErrorCode.NotFound);
      expect(members.rows.size).toBe(2);
      expect([familyCount(me), familyCount(other)]).toEqual([1, 1]);
    });

    it('releases no slot when a concurrent request deleted the row first', async () => {
      const { sut, members, newResident, familyCount } = setup();
      const me = newResident();
      await sut.add(me, aMember());
      const second = await sut.add(me, aMember({ idNumber: VALID_IDS[1] }));
      // the other request has deleted the row and released its slot before our delete runs
      members.beforeDelete = (id) => {
        members.rows.delete(id);
      };

      await sut.remove(me, second.id);

      expect(familyCount(me)).toBe(2);
    });
  });

  describe('list', () => {
    it("lists only the caller's members, with masked numbers and their communities", async () => {
      const { sut, newResident } = setup();
      const me = newResident();
      await sut.add(me, aMember());
      await sut.add(me, aMember({ name: '李秀英', idNumber: VALID_IDS[1], communityCode: COMMUNITY_B1 }));
      await sut.add(newResident(), aMember({ name: '别人家', idNumber: VALID_IDS[2] }));

      const list = await sut.list(me);

      expect(list.limit).toBe(5);
      expect(list.items.map((i) => [i.name, i.idNumberMasked, i.community.name])).toEqual([
        ['张建国', '421003**********1X', '东门社区'],
        ['李秀英', '421003**********25', '文庙社区'],
      ]);
    });

    it('shows a member whose community was retired with the 「社区已调整」 placeholder instead of failing', async () => {
      const { sut, regions, newResident } = setup();
      const me = newResident();
      await sut.add(me, aMember());
      regions.regions.delete(COMMUNITY_A1);

      const list = await sut.list(me);

      expect(list.items).toHaveLength(1);
      expect(list.items[0].community.code).toBe(COMMUNITY_A1);
      expect(list.items[0].community.name).toContain('社区已调整');
    });
  });
});
