import { Injectable } from '@nestjs/common';
import { ageOn, maskIdNumber, type RegionView } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from './caller';
import { FamilyMemberRepository, RegionRepository } from './identity.repository';
import { toRegionView } from './identity.mapper';
import { RegionScope } from './region.scope';

type Staff = Extract<Caller, { kind: 'staff' }>;

@Injectable()
export class StaffDirectoryService {
  constructor(
    private readonly db: Db,
    private readonly members: FamilyMemberRepository,
    private readonly regions: RegionRepository,
    private readonly scope: RegionScope,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async communityElders(staff: Staff, communityCode: string) {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const community = await this.scope.assertCovers(m, staff, communityCode);
      const rows = await this.members.listByCommunity(m, community.code);
      const view: RegionView = toRegionView(community);
      // one person may be registered by several families: list them once
      const seen = new Set<string>();
      const items = rows
        .filter((r) => !seen.has(r.idNumberHash) && seen.add(r.idNumberHash))
        .map((r) => ({
          id: r.id, name: r.name, idNumberMasked: maskIdNumber(this.cipher.decrypt(r.idNumberEnc)),
          gender: r.gender, age: ageOn(r.birthDate, today), community: view,
        }));
      return { items };
    });
  }

  async listRegions() {
    const all = await this.db.read((m) => this.regions.findAll(m));
    return { items: all.map(toRegionView) };
  }
}
