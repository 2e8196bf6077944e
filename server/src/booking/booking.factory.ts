import { randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode } from '@jianban/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { BookingRepository } from './bookings.repository';
import { BookingEntity } from './entities/booking.entity';

const PASS_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newPassCode(): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += PASS_ALPHABET[b % PASS_ALPHABET.length];
  return s;
}

/** what a new booking is made of; everything else starts empty */
export type NewBooking = Pick<
  BookingEntity,
  'accountId' | 'communityCode' | 'serviceItemId' | 'slotId' | 'date' | 'startTime' | 'startsAt' | 'endsAt' | 'personName' | 'familyMemberId' | 'channel' | 'status' | 'note' | 'createdByStaffId' | 'createdAt'
> & { id?: string; personKey?: string; activeKey?: string | null };

/** the one factory for a booking row: id, pass code and the empty fields (online bookings and walk-ins alike) */
export function newBooking(f: NewBooking): BookingEntity {
  const id = f.id ?? randomUUID();
  return Object.assign(new BookingEntity(), {
    id, accountId: f.accountId, communityCode: f.communityCode, serviceItemId: f.serviceItemId, slotId: f.slotId, date: f.date,
    startTime: f.startTime, startsAt: f.startsAt, endsAt: f.endsAt, personName: f.personName, familyMemberId: f.familyMemberId,
    personKey: f.personKey ?? `walkin:${id}`, activeKey: f.activeKey ?? null, channel: f.channel, status: f.status, passCode: newPassCode(),
    missingMaterialsJson: null, rejectReason: null, note: f.note, reminderFor: null, createdByStaffId: f.createdByStaffId,
    createdAt: f.createdAt, updatedAt: f.createdAt, closedAt: null,
  } satisfies BookingEntity);
}

/**
 * Inserts the booking, drawing a new pass code on a (rare) collision. 'active' when the person already holds an
 * active booking for this service; CONFLICT (retry) when three codes in a row collided.
 */
export async function insertBooking(tx: EntityManager, repo: BookingRepository, b: BookingEntity): Promise<'inserted' | 'active'> {
  let inserted = await repo.insert(tx, b);
  for (let i = 0; inserted === 'pass' && i < 3; i++) {
    b.passCode = newPassCode();
    inserted = await repo.insert(tx, b);
  }
  if (inserted === 'pass') throw new DomainError(ErrorCode.Conflict, 'please retry');
  return inserted;
}
