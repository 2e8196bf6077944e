import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { PINO } from '../common/logger';
import type { Caller } from '../identity/caller';
import { RegionScope } from '../identity/region.scope';
import { BookingRepository } from './bookings.repository';
import type { BookingEntity } from './entities/booking.entity';

type Staff = Extract<Caller, { kind: 'staff' }>;
type Resident = Extract<Caller, { kind: 'resident' }>;

/**
 * Who may touch which booking or centre, for all three booking services: the region question goes to identity's
 * RegionScope; this adds the booking lookups and logs every denial (user, route, object id, time). An unknown object
 * and one outside the caller's reach answer the same NOT_FOUND (A1).
 */
@Injectable()
export class BookingScope {
  constructor(
    private readonly regions: RegionScope,
    private readonly repo: BookingRepository,
    private readonly clock: Clock,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  /** a community the staff member may act on */
  async community(m: EntityManager, staff: Staff, code: string, route: string) {
    try {
      return await this.regions.community(m, staff, code);
    } catch (err) {
      if (err instanceof DomainError) this.denied(`staff:${staff.staffId}`, route, code);
      throw err;
    }
  }

  /** the community of an object (closure, service item) the staff member asked for by id: out of scope is that object's 404 */
  async communityOfObject(m: EntityManager, staff: Staff, code: string | null, route: string, objectId: string): Promise<void> {
    const ok = code !== null && (await this.regions.community(m, staff, code).then(() => true, (err) => (err instanceof DomainError ? false : Promise.reject(err))));
    if (!ok) {
      this.denied(`staff:${staff.staffId}`, route, objectId);
      throw new DomainError(ErrorCode.NotFound, 'not found');
    }
  }

  /** a booking in the staff member's region */
  async staffBooking(m: EntityManager, staff: Staff, id: string, route: string): Promise<BookingEntity> {
    const b = await this.repo.find(m, id);
    if (b && (await this.regions.assertCovers(m, staff, b.communityCode).then(() => true, (err) => (err instanceof DomainError ? false : Promise.reject(err))))) return b;
    this.denied(`staff:${staff.staffId}`, route, id);
    throw new DomainError(ErrorCode.NotFound, 'no such booking');
  }

  /** the resident's own booking: someone else's and a missing one answer the same 404 */
  async residentBooking(m: EntityManager, caller: Resident, id: string, route: string): Promise<BookingEntity> {
    const b = await this.repo.find(m, id);
    if (b && b.accountId === caller.accountId) return b;
    this.denied(`resident:${caller.accountId}`, route, id);
    throw new DomainError(ErrorCode.NotFound, 'no such booking');
  }

  /** logs a denied object access (no data about the object itself) */
  denied(user: string, route: string, objectId: string): void {
    this.log.warn({ event: 'object_access_denied', user, route, objectId, at: this.clock.now().toISOString() }, 'object access denied');
  }
}
