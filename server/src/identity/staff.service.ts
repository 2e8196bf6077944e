import { Injectable } from '@nestjs/common';
import type { PageQuery } from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from './caller';
import { FamilyMemberRepository, RegionRepository } from './identity.repository';
import { toElderView, toRegionView } from './identity.mapper';
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

  async communityElders(staff: Staff, communityCode: string, q: PageQuery) {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const community = await this.scope.assertCovers(m, staff, communityCode);
      const { rows, total } = await this.members.pagePeopleInCommunity(m, community.code, q.page, q.pageSize);
      const region = toRegionView(community);
      const items = rows.map((r) => toElderView(r, this.cipher.decrypt(r.idNumberEnc), region, today));
      return { items, total, page: q.page, pageSize: q.pageSize };
    });
  }

  async listRegions() {
    const all = await this.db.read((m) => this.regions.findAll(m));
    return { items: all.map(toRegionView) };
  }
}
