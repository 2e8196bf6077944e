import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { PINO } from '../common/logger';
import { AppConfig } from '../common/config';
import { JobLeaseRepository } from '../common/job-lease.repository';
import { LeasedJob } from '../common/leased-job';
import { PeopleDirectory } from '../identity/people.directory';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { shanghaiParts } from './calendar/schedule';
import { StatutoryService } from './statutory.service';

/**
 * A month before the booking window reaches a year with no statutory holiday schedule (StatutoryService.gap), every
 * active district admin gets one inbox message linking to the 节假日安排 page. Once per year and admin, however many
 * ticks and instances: the outbox key `statutory:<year>:missing:<staffId>` is unique in notification_event, so a second
 * recording is a no-op. The in-process set only saves the repeated INSERT attempts on later ticks.
 */
@Injectable()
export class StatutoryGapJob extends LeasedJob {
  protected readonly leaseName = 'statutory-gap';
  private readonly settled = new Set<string>();

  constructor(
    db: Db,
    private readonly people: PeopleDirectory,
    leases: JobLeaseRepository,
    private readonly statutory: StatutoryService,
    private readonly outbox: NotificationOutbox,
    clock: Clock,
    @Inject(AppConfig) config: AppConfig,
    @Inject(PINO) log: Logger,
  ) {
    super(db, leases, clock, log, { pollSeconds: config.booking.jobPollSeconds, owner: 'booking' });
  }

  /** records the message for admins who have not had it; returns how many were recorded now */
  protected async work(now: Date): Promise<number> {
    const { gap } = await this.statutory.gap(now);
    if (!gap) return 0;
    const admins = await this.db.read((m) => this.people.activeStaffWithRole(m, 'district_admin'));
    if (!admins.length) this.log.warn({ event: 'statutory_gap_no_admin', year: gap.year }, 'a year has no holiday schedule but no district admin to tell');
    const reached = shanghaiParts(now).date >= gap.reachesOn;
    let recorded = 0;
    for (const admin of admins) {
      const key = `statutory:${gap.year}:missing:${admin.id}`;
      if (this.settled.has(key)) continue;
      const outcome = await this.outbox.record({
        recipient: { kind: 'staff', id: admin.id },
        type: 'statutory_year_missing',
        data: { year: gap.year, reachesOn: gap.reachesOn, reached },
        idempotencyKey: key,
        link: { kind: 'statutory_year', id: String(gap.year) },
      });
      if (outcome === 'recorded') recorded++;
      this.settled.add(key);
    }
    return recorded;
  }
}
