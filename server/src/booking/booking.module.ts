import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { BookingAdminService } from './booking-admin.service';
import { BookingController, StaffBookingController } from './booking.controller';
import { BookingScope } from './booking-scope';
import { BookingRepository } from './bookings.repository';
import { BookingContactRepository } from './booking-contacts.repository';
import { CalendarRepository } from './calendar/calendar.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { LockRetry } from './booking.retry';
import { BookingService } from './booking.service';
import { BookingViews } from './booking.views';
import { CalendarService } from './calendar/calendar.service';
import { StatutoryRepository } from './calendar/statutory.repository';
import { StatutoryService } from './statutory.service';
import { ChineseDaysCalendar } from './calendar/chinese-days.calendar';
import { HolidayCalendar } from './calendar/holiday-calendar.port';
import { BookingReminderJob } from './reminder.job';
import { BookingFlagJob } from './flag.job';
import { StatutoryGapJob } from './statutory-gap.job';
import { StaffDeskService } from './staff-desk.service';

// one-stop booking with 首问负责制 (issue 5): see docs/booking.md
@Module({
  imports: [IdentityModule, NotificationsModule, CasesModule],
  controllers: [BookingController, StaffBookingController],
  providers: [
    BookingService, StaffDeskService, BookingAdminService, CalendarService, BookingViews, LockRetry, BookingReminderJob, BookingFlagJob, StatutoryGapJob,
    BookingScope, BookingRepository, BookingContactRepository, IdempotencyRepository, CalendarRepository, StatutoryRepository, StatutoryService,
    { provide: HolidayCalendar, useClass: ChineseDaysCalendar },
  ],
  exports: [HolidayCalendar],
})
export class BookingModule {}
