import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ALLOWANCE_STATUS_TEXT } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { CaseKit } from '../cases/case-kit.service';
import { PeopleDirectory } from '../identity/people.directory';
import { Clock } from '../common/clock';
import { AppConfig } from '../common/config';
import { Db } from '../common/db';
import { JobLeaseRepository } from '../common/job-lease.repository';
import { LeasedJob } from '../common/leased-job';
import { PINO } from '../common/logger';
import { AllowanceChecker } from './allowance.checker';
import { AllowanceRepository, type ApplicationRow } from './allowance.repository';
import { DISTRICT_CODE } from './allowance.checks';
import { UPPER_REVIEW_DAYS } from './allowance-review.service';

const BATCH = 100;

/**
 * The allowance's clockwork, one instance at a time (DB lease): re-runs the checks of applications the registry could not
 * answer (and of any left in `checking` by a crash), and sends a finished 公示 without open objections on to the street.
 */
@Injectable()
export class AllowanceJob extends LeasedJob {
  protected readonly leaseName = 'allowance';

  constructor(
    db: Db,
    leases: JobLeaseRepository,
    clock: Clock,
    private readonly repo: AllowanceRepository,
    private readonly checker: AllowanceChecker,
    private readonly cases: CaseKit,
    private readonly people: PeopleDirectory,
    @Inject(AppConfig) config: AppConfig,
    @Inject(PINO) log: Logger,
  ) {
    super(db, leases, clock, log, { pollSeconds: config.allowance.jobPollSeconds, owner: 'allowance' });
  }

  protected async work(now: Date): Promise<number> {
    return (await this.recheck(now)) + (await this.endPublicity(now)) + (await this.flagOverdue(now));
  }

  /** a review stage past its deadline is flagged once per application and stage to those who must act (the case kit) */
  private async flagOverdue(now: Date): Promise<number> {
    let flagged = 0;
    for (const status of ['community_review', 'street_review', 'district_review'] as const) {
      const cond = this.cases.conditions.notYetFlagged('a.id', 'allowance', `'${status.slice(0, 16)}'`);
      const due = await this.db.read((m) => this.repo.overdue(m, now, [status], cond, BATCH));
      for (const app of due) {
        const ok = await this.db.retrying(async (tx) => {
          const to = await this.recipients(tx, status, app);
          const data = { personName: app.elderName, stageText: ALLOWANCE_STATUS_TEXT[status] };
          return this.cases.flagOnce(tx, { kind: 'allowance', subjectId: app.id }, status.slice(0, 16), to, { type: 'allowance_flagged', data });
        });
        if (ok) flagged++;
      }
    }
    return flagged;
  }

  /** the community's lead (else its staff) at the first stage, then the street's reviewers, then the district's admins */
  private async recipients(m: EntityManager, status: string, app: ApplicationRow): Promise<string[]> {
    if (status === 'community_review') {
      const file = await this.cases.file(m, { kind: 'allowance', subjectId: app.id });
      return file?.handlerStaffId ? [file.handlerStaffId] : this.cases.flagRecipients(m, app.communityCode, null);
    }
    const staff = await this.people.activeStaffInRegions(m, [status === 'street_review' ? app.streetCode : DISTRICT_CODE]);
    return staff.filter((s) => s.role === (status === 'street_review' ? 'street_reviewer' : 'district_admin')).map((s) => s.id);
  }

  private async recheck(now: Date): Promise<number> {
    let moved = 0;
    for (const app of await this.db.read((m) => this.repo.dueForCheck(m, now, BATCH))) {
      const status = await this.checker.run(app.id);
      if (status !== 'waiting' && status !== 'checking') moved++;
    }
    return moved;
  }

  private async endPublicity(now: Date): Promise<number> {
    const today = this.clock.today();
    let moved = 0;
    for (const app of await this.db.read((m) => this.repo.publicityOver(m, today, BATCH))) {
      const done = await this.db.retrying(async (tx) => {
        // an objection still open keeps the application with its owner until it is resolved
        if ((await this.repo.openObjectionCounts(tx, [app.id])).get(app.id)) return false;
        const ok = await this.repo.transition(tx, app.id, ['publicity'], { status: 'street_review', stageDueAt: new Date(now.getTime() + UPPER_REVIEW_DAYS * 86_400_000), updatedAt: now });
        if (ok) await this.cases.log(tx, { kind: 'allowance', subjectId: app.id }, { action: 'publicity_ended', actor: { kind: 'system', id: null, name: '系统' }, at: now });
        return ok;
      });
      if (done) moved++;
    }
    return moved;
  }
}
