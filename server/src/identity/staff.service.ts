import { Injectable } from '@nestjs/common';
import { Db } from '../common/db';
import { RegionRepository } from './identity.repository';
import { toRegionView } from './identity.mapper';

@Injectable()
export class StaffDirectoryService {
  constructor(
    private readonly db: Db,
    private readonly regions: RegionRepository,
  ) {}

  async listRegions() {
    const all = await this.db.read((m) => this.regions.findAll(m));
    return { items: all.map(toRegionView) };
  }
}
