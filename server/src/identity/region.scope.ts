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

  /**
   * a community (社区/村) the staff member may act on; unknown or out of scope is NOT_FOUND, a region that is not a
   * community answers `notCommunity` (NOT_FOUND unless a module's contract names its own code, e.g. the catalog's)
   */
  async community(m: EntityManager, staff: Staff, code: string, notCommunity: ErrorCode = ErrorCode.NotFound): Promise<RegionEntity> {
    const region = await this.assertCovers(m, staff, code);
    if (region.level !== 'community') throw new DomainError(notCommunity, 'no such community in your scope');
    return region;
  }

  /**
   * a community by code for anyone (a resident picking a centre, a search scoped to a community); unknown or not a
   * community answers `notFound` (NOT_FOUND unless a module's contract names its own code, e.g. the catalog's)
   */
  async knownCommunity(m: EntityManager, code: string, notFound: ErrorCode = ErrorCode.NotFound): Promise<RegionEntity> {
    const region = (await this.regions.findByCodes(m, [code]))[0];
    if (!region || region.level !== 'community') throw new DomainError(notFound, 'no such community');
    return region;
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
