import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { Caller } from './caller';
import type { RegionEntity } from './entities/region.entity';
import { RegionRepository } from './identity.repository';

type Staff = Extract<Caller, { kind: 'staff' }>;

// staff see only their own place in the region tree and what lies below it
@Injectable()
export class RegionScope {
  constructor(private readonly regions: RegionRepository) {}

  async assertCovers(m: EntityManager, staff: Staff, regionCode: string): Promise<RegionEntity> {
    const chain = await this.regions.ancestry(m, regionCode);
    // an unknown region and a region outside scope answer the same way
    if (chain.length === 0 || !chain.some((r) => r.code === staff.regionCode)) {
      throw new DomainError(ErrorCode.NotFound, 'no such region in your scope');
    }
    return chain[0];
  }

  async regionsByCode(m: EntityManager, codes: string[]): Promise<Map<string, RegionEntity>> {
    const found = await this.regions.findByCodes(m, codes);
    return new Map(found.map((r) => [r.code, r]));
  }
}
