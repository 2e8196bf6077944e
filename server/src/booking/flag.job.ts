import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';
import { JobLeaseRepository } from '../common/job-lease.repository';
import { LeasedJob } from '../common/leased-job';
import { CaseKit } from '../cases/case-kit.service';
import { BookingViews, caseOf } from './booking.views';
import { BookingRepository, FLAG_REASON_SQL, flagReasonOf } from './bookings.repository';
import { CalendarService } from './calendar/calendar.service';

const BATCH = 200;

/**
 * 首问负责制: a booking left unconfirmed, or a case not closed after its time, past the community's `flagAfterMinutes`
 * is flagged to the community's lead — an inbox message (staff get no WeChat push) linking to the booking. Each flag
 * ('unconfirmed', then possibly 'not_closed') is raised once per booking: the flag is recorded by a
 * conditional UPDATE (the case kit's flagOnce on case_file.flagged_reason) in the same transaction as the outbox rows, and the
 * outbox key is per booking, flag and recipient.
 * The lead is `booking_settings.lead_staff_id`; without one (or if that account left the community), every active staff
 * member of the community is told. A DB lease lets one instance run it per tick.
 */
@Injectable()
export class BookingFlagJob extends LeasedJob {
  protected readonly leaseName = 'booking-flags';

  constructor(
    db: Db,
    private readonly repo: BookingRepository,
    private readonly cases: CaseKit,
    leases: JobLeaseRepository,
    private readonly views: BookingViews,
    private readonly calendar: CalendarService,
    clock: Clock,
    @Inject(AppConfig) config: AppConfig,
    @Inject(PINO) log: Logger,
  ) {
    super(db, leases, clock, log, { pollSeconds: config.booking.jobPollSeconds, owner: 'booking' });
  }

  /** raises due flags; returns how many bookings were flagged now (0 when another instance holds the lease) */
  protected async work(now: Date): Promise<number> {
    let flagged = 0;
    for (const code of await this.db.read((m) => this.repo.communitiesWithActive(m))) {
      const { settings, due, recipients } = await this.db.read(async (m) => {
        const s = await this.calendar.settings(m, code);
        const edge = new Date(now.getTime() - s.row.flagAfterMinutes * 60_000);
        const rows = await this.repo.flagCandidates(m, code, edge, this.cases.conditions.notYetFlagged('b.id', 'booking', FLAG_REASON_SQL), BATCH);
        if (!rows.length) return { settings: s, due: [], recipients: [] };
        return { settings: s, due: rows.map((b) => ({ b, reason: flagReasonOf(b, edge) })), recipients: await this.cases.flagRecipients(m, code, s.row.leadStaffId) };
      });
      if (!recipients.length && due.length) this.log.warn({ event: 'booking_flag_no_recipient', community: code, bookings: due.length }, 'flagged bookings but no staff to tell');
      for (const { b, reason } of due) {
        const done = await this.db.transaction(async (tx) => {
          const ctx = await this.views.context(tx, [b], now);
          return this.cases.flagOnce(tx, caseOf(b.id), reason, recipients, {
            type: 'booking_flagged',
            data: {
              serviceName: ctx.items.get(b.serviceItemId)?.name ?? '', personName: b.personName, startsAt: b.startsAt.toISOString(),
              communityName: ctx.regions.get(b.communityCode) ?? '', reason, thresholdMinutes: settings.row.flagAfterMinutes,
            },
          });
        });
        if (done) flagged++;
      }
    }
    return flagged;
  }
}
