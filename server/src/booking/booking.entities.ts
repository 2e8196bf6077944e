import { AccountQuotaEntity } from './entities/account-quota.entity';
import { BookingSettingsEntity } from './entities/booking-settings.entity';
import { BookingEntity } from './entities/booking.entity';
import { ClosureEntity } from './entities/closure.entity';
import { IdempotencyEntity } from './entities/idempotency.entity';
import { ServiceItemEntity } from './entities/service-item.entity';
import { SlotEntity } from './entities/slot.entity';
import { StatutoryDayEntity, StatutoryYearEntity } from './entities/statutory.entity';
import { BookingContactAccessEntity, BookingContactEntity } from './entities/booking-contact.entity';

// the booking module's TypeORM entities; registered in database/entities.ts
export const BOOKING_ENTITIES: Function[] = [
  ServiceItemEntity, BookingSettingsEntity, ClosureEntity, SlotEntity, BookingEntity, IdempotencyEntity,
  AccountQuotaEntity, StatutoryYearEntity, StatutoryDayEntity,
  BookingContactEntity, BookingContactAccessEntity,
];
