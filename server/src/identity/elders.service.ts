import { Injectable } from '@nestjs/common';
import { type PageQuery, type RegionView } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from './caller';
import type { FamilyMemberEntity } from './entities/family-member.entity';
import { AccountRepository, FamilyMemberRepository } from './identity.repository';
import { toElderView, toProxyVerification, toRegionView, type ElderExtras } from './identity.mapper';
import { ProxyRepository } from './proxies.repository';
import { RegionScope } from './region.scope';
import { RegistryNames } from './registry-names';

type Staff = Extract<Caller, { kind: 'staff' }>;

// what a resident calls themself (a nickname, maybe with brackets or a role): only its first character shows
const maskAccountName = (name: string) => `${[...name.trim()][0] ?? '居'}**`;

@Injectable()
export class ElderListService {
  constructor(
    private readonly db: Db,
    private readonly members: FamilyMemberRepository,
    private readonly accounts: AccountRepository,
    private readonly proxies: ProxyRepository,
    private readonly scope: RegionScope,
    private readonly registry: RegistryNames,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  // one row per person; the name is the registry's (or a verified one), never what one family typed for another's
  // elder; each account acting for the person is listed, masked, with its own typed name and its verification
  async communityElders(staff: Staff, communityCode: string, q: PageQuery) {
    const today = this.clock.today();
    const page = await this.db.read(async (m) => {
      const community = await this.scope.assertCovers(m, staff, communityCode);
      const { rows, total } = await this.members.pagePeopleInCommunity(m, community.code, q.page, q.pageSize);
      return { community, rows, total, extras: await this.proxiesOf(m, community.code, rows) };
    });
    const ids = page.rows.map((r) => this.cipher.decrypt(r.idNumberEnc));
    // outside any transaction: the registry may be slow or away (then the verified or typed names stand)
    const registryNames = await this.registry.namesOf(ids);
    const region: RegionView = toRegionView(page.community);
    const items = page.rows.map((r, i) => {
      const e = page.extras.get(r.idNumberHash)!;
      const registryName = registryNames.get(ids[i]);
      const named: Pick<ElderExtras, 'name' | 'nameSource'> = registryName
        ? { name: registryName, nameSource: 'registry' }
        : e.verifiedName ? { name: e.verifiedName, nameSource: 'verified' } : { name: r.name, nameSource: 'family' };
      return toElderView(r, ids[i], region, today, { ...named, proxies: e.proxies });
    });
    return { items, total: page.total, page: q.page, pageSize: q.pageSize };
  }

  private async proxiesOf(m: EntityManager, communityCode: string, people: FamilyMemberEntity[]) {
    const all = await this.proxies.membersOfPeople(m, communityCode, people.map((p) => p.idNumberHash));
    const accountIds = [...new Set(all.map((f) => f.accountId))];
    const names = new Map((accountIds.length ? await this.accounts.findResidents(m, accountIds) : []).map((a) => [a.id, a.displayName]));
    const verifiedAccounts = new Set((await this.proxies.identitiesOf(m, accountIds)).map((i) => i.accountId));
    const relations = new Map((await this.proxies.proxiesOfMembers(m, all.map((f) => f.id))).map((p) => [p.familyMemberId, p]));
    const out = new Map<string, { verifiedName: string | null; proxies: ElderExtras['proxies'] }>();
    for (const f of all) {
      const entry = out.get(f.idNumberHash) ?? { verifiedName: null, proxies: [] };
      const relation = relations.get(f.id);
      const verification = toProxyVerification(f, relation);
      if (verification.state === 'verified' && relation?.verifiedName) entry.verifiedName = relation.verifiedName;
      entry.proxies.push({
        id: f.id, accountId: f.accountId, accountNameMasked: maskAccountName(names.get(f.accountId) ?? '居民'), enteredName: f.name,
        relationship: f.relationship as ElderExtras['proxies'][number]['relationship'], accountVerified: verifiedAccounts.has(f.accountId), verification,
      });
      out.set(f.idNumberHash, entry);
    }
    for (const p of people) if (!out.has(p.idNumberHash)) out.set(p.idNumberHash, { verifiedName: null, proxies: [] });
    return out;
  }
}
