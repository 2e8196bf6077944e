import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';
import { JobLeaseRepository } from '../common/job-lease.repository';
import { LeasedJob } from '../common/leased-job';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { BookingRepository } from './bookings.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { BookingViews } from './booking.views';
import { addDays, shanghaiParts } from './calendar/schedule';

/**
 * The day-before reminder, exactly once per booking and start time.
 * Reminders are NOT pre-recorded at confirmation: from BOOKING_REMINDER_HOUR (Asia/Shanghai) on the day before, this
 * job records one for every booking that is confirmed for tomorrow at that moment, with idempotency key
 * `booking:<id>:reminder:<date>T<HH:mm>` and `booking.reminder_for` set in the same transaction. A booking cancelled or
 * rescheduled before then is simply not found (or found at its new time), so no reminder goes out for an old time.
 * A DB lease makes one instance run it per tick; the key and reminder_for make even overlapping runs record one.
 */
@Injectable()
export class BookingReminderJob extends LeasedJob {
  protected readonly leaseName = 'booking-reminders';

  constructor(
    db: Db,
    private readonly repo: BookingRepository,
    private readonly idempotency: IdempotencyRepository,
    leases: JobLeaseRepository,
    private readonly views: BookingViews,
    private readonly outbox: NotificationOutbox,
    clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) log: Logger,
  ) {
    super(db, leases, clock, log, { pollSeconds: config.booking.jobPollSeconds, owner: 'booking' });
  }

  /** records due reminders; returns how many were recorded now (0 when another instance holds the lease) */
  protected async work(now: Date): Promise<number> {
    const local = shanghaiParts(now);
    // housekeeping under the same lease: idempotency keys past their TTL (≥ 24 h, BOOKING_IDEMPOTENCY_TTL_HOURS)
    await this.db.transaction((tx) => this.idempotency.purgeIdempotency(tx, now));
    if (local.minutes < this.config.booking.reminderHour * 60) return 0;
    const tomorrow = addDays(local.date, 1);
    const due = await this.db.read((m) => this.repo.confirmedOn(m, tomorrow));
    let recorded = 0;
    for (const b of due) {
      const key = `${b.date}T${b.startTime}`;
      if (b.reminderFor === key || !b.accountId) continue;
      const done = await this.db.transaction(async (tx) => {
        if (!(await this.repo.markReminder(tx, b.id, b.date, b.startTime, key))) return false;
        const ctx = await this.views.context(tx, [b], now);
        await this.outbox.record({
          recipient: { kind: 'resident', id: b.accountId! },
          type: 'booking_reminder',
          data: { serviceName: ctx.items.get(b.serviceItemId)?.name ?? '', personName: b.personName, startsAt: b.startsAt.toISOString(), place: `${ctx.regions.get(b.communityCode) ?? ''}党群服务中心` },
          idempotencyKey: `booking:${b.id}:reminder:${key}`,
          link: { kind: 'booking', id: b.id },
        });
        return true;
      });
      if (done) recorded++;
    }
    return recorded;
  }
}
