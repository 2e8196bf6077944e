import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { Caller } from './caller';
import type { RegionEntity } from './entities/region.entity';
import { RegionRepository } from './identity.repository';

type Staff = Extract<Caller, { kind: 'staff' }>;

/**
 * Staff scope in one place: staff see only their own place in the region tree and what lies below it. Every answer
 * about "may this staff member act here" and "what lies above this community" comes from here; an unknown region, a
 * region outside the caller's scope and a region of the wrong level all answer the same NOT_FOUND.
 */
@Injectable()
export class RegionScope {
  constructor(private readonly regions: RegionRepository) {}

  /** the region if it lies inside the staff member's scope (their own region or below) */
  async assertCovers(m: EntityManager, staff: Staff, regionCode: string): Promise<RegionEntity> {
    const chain = await this.regions.ancestry(m, regionCode);
    // an unknown region and a region outside scope answer the same way
    if (chain.length === 0 || !chain.some((r) => r.code === staff.regionCode)) {
      throw new DomainError(ErrorCode.NotFound, 'no such region in your scope');
    }
    return chain[0];
  }

  /** a community (社区/村) the staff member may act on; anything else (unknown, out of scope, a street) is NOT_FOUND */
  async community(m: EntityManager, staff: Staff, code: string): Promise<RegionEntity> {
    const region = await this.coveredCommunity(m, staff, code);
    if (!region) throw new DomainError(ErrorCode.NotFound, 'no such community in your scope');
    return region;
  }

  /** a community by code for anyone signed in (a resident picking a centre); unknown or not a community is NOT_FOUND */
  async knownCommunity(m: EntityManager, code: string): Promise<RegionEntity> {
    const region = await this.findCommunity(m, code);
    if (!region) throw new DomainError(ErrorCode.NotFound, 'no such community');
    return region;
  }

  /**
   * "is this a community (社区/村)?" for anyone: the region, or null when the code is unknown or names a street or the
   * district. A module whose contract names its own not-found code (the catalog's CATALOG_COMMUNITY_NOT_FOUND) throws it.
   */
  async findCommunity(m: EntityManager, code: string): Promise<RegionEntity | null> {
    const region = (await this.regions.findByCodes(m, [code]))[0];
    return region && region.level === 'community' ? region : null;
  }

  /** the same inside a staff member's scope: NOT_FOUND when unknown or out of scope, null when it is not a community */
  async coveredCommunity(m: EntityManager, staff: Staff, code: string): Promise<RegionEntity | null> {
    const region = await this.assertCovers(m, staff, code);
    return region.level === 'community' ? region : null;
  }

  /** the region and everything above it, nearest first (community → street/town → district); [] when unknown */
  async ancestry(m: EntityManager, code: string): Promise<RegionEntity[]> {
    return this.regions.ancestry(m, code);
  }

  async regionsByCode(m: EntityManager, codes: string[]): Promise<Map<string, RegionEntity>> {
    const found = await this.regions.findByCodes(m, codes);
    return new Map(found.map((r) => [r.code, r]));
  }
}
