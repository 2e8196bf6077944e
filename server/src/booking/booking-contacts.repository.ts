import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { BookingContactAccessEntity, BookingContactEntity } from './entities/booking-contact.entity';

/** the family's phone of a booking (stored encrypted; this repository never sees it in clear) and the record of who saw it */
@Injectable()
export class BookingContactRepository {
  async insertContact(tx: EntityManager, row: BookingContactEntity): Promise<void> {
    await tx.insert(BookingContactEntity, row);
  }

  async phoneOf(m: EntityManager, bookingId: string): Promise<string | null> {
    const row = await m.findOne(BookingContactEntity, { where: { bookingId } });
    return row?.phoneEnc ?? null;
  }

  /** encrypted phones of the given bookings, by booking id (bookings without one are absent) */
  async phonesOf(m: EntityManager, bookingIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < bookingIds.length; i += 500) {
      const rows = await m.find(BookingContactEntity, { where: { bookingId: In(bookingIds.slice(i, i + 500)) } });
      for (const r of rows) out.set(r.bookingId, r.phoneEnc);
    }
    return out;
  }

  async recordAccess(tx: EntityManager, row: BookingContactAccessEntity): Promise<void> {
    await tx.insert(BookingContactAccessEntity, row);
  }
}
