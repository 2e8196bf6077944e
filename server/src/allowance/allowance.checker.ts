import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseKit } from '../cases/case-kit.service';
import { CivilAffairsRegistry } from '../civil-affairs/civil-affairs.port';
import { Clock } from '../common/clock';
import { AppConfig } from '../common/config';
import { Db } from '../common/db';
import { PiiCipher } from '../common/pii-cipher';
import { RegionScope } from '../identity/region.scope';
import { evaluateChecks, firstFailure, type CheckOutcome } from './allowance.checks';
import { AllowanceNotices } from './allowance.notices';
import { AllowancePolicyService } from './allowance.policy';
import { AllowanceRepository, type ApplicationRow } from './allowance.repository';

const SYSTEM = { kind: 'system' as const, id: null, name: '系统' };
const MAX_BACKOFF_S = 6 * 3600;
/** 社区初审 within 3 days of the checks passing (广水: 3 working days) */
export const COMMUNITY_REVIEW_DAYS = 3;

/**
 * Runs an application's automatic checks: the registry is asked with no transaction open, then one short transaction
 * stores the checks with their evidence and moves the status — conditionally, from checking/waiting only, so a job run
 * and a request racing on the same application write it once. Registry unavailable → waiting, retried by the job.
 */
@Injectable()
export class AllowanceChecker {
  constructor(
    private readonly db: Db,
    private readonly repo: AllowanceRepository,
    private readonly registry: CivilAffairsRegistry,
    private readonly policies: AllowancePolicyService,
    private readonly regions: RegionScope,
    private readonly cipher: PiiCipher,
    private readonly cases: CaseKit,
    private readonly notices: AllowanceNotices,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** returns the status the application ended in (unchanged when someone else moved it first) */
  async run(applicationId: string): Promise<string | null> {
    const app = await this.db.read((m) => this.repo.byId(m, applicationId));
    if (!app || (app.status !== 'checking' && app.status !== 'waiting')) return app?.status ?? null;
    // G5: no sensitive processing without the stored separate consent
    const consent = await this.db.read((m) => this.repo.consentOf(m, app.id));
    if (!consent || consent.withdrawnAt) return app.status;
    const idNumber = this.cipher.decrypt(app.elderIdEnc);
    const lookup = await this.registry.lookup(idNumber); // outside any transaction
    const today = this.clock.today();
    const outcome = await this.db.read(async (m) => {
      const policy = await this.policies.policyOn(m, today);
      const duplicate = await this.repo.otherActive(m, app.elderIdHash, app.id);
      const code = lookup.kind === 'found' ? lookup.person.hukouRegionCode : null;
      const names = code ? await this.regions.regionsByCode(m, [code]) : new Map();
      return evaluateChecks({
        idNumber, elderName: app.elderName, today, lookup, duplicate, regionName: (c) => names.get(c)?.name ?? null,
        policy: { minAge: policy.brackets[0]?.minAge ?? 80, ageRule: policy.ageRule, preRegistrationMonths: policy.preRegistrationMonths },
      });
    });
    return this.store(app, outcome);
  }

  private async store(app: ApplicationRow, outcome: CheckOutcome): Promise<string> {
    const now = this.clock.now();
    return this.db.retrying(async (tx) => {
      const next = await this.nextState(tx, app, outcome, now);
      const moved = await this.repo.transition(tx, app.id, ['checking', 'waiting'], { ...next, updatedAt: now });
      if (!moved) return (await this.repo.byId(tx, app.id))?.status ?? app.status;
      await this.repo.replaceChecks(tx, app.id, outcome.checks.map((c) => ({
        applicationId: app.id, kind: c.kind, result: c.result, sentence: c.sentence.slice(0, 200), evidenceJson: JSON.stringify(c.evidence), checkedAt: now,
      })));
      await this.followHukou(tx, app, next.communityCode, now);
      await this.logAndNotify(tx, { ...app, ...next } as ApplicationRow, outcome, now, app.status);
      return next.status as string;
    });
  }

  private async nextState(tx: EntityManager, app: ApplicationRow, outcome: CheckOutcome, now: Date): Promise<Partial<ApplicationRow>> {
    if (outcome.kind === 'waiting') {
      const wait = Math.min(MAX_BACKOFF_S, this.config.allowance.retrySeconds * 2 ** Math.min(app.checkAttempts, 16));
      return { status: 'waiting', nextCheckAt: new Date(now.getTime() + wait * 1000), checkAttempts: app.checkAttempts + 1 };
    }
    const place = outcome.communityCode ? await this.placeOf(tx, outcome.communityCode) : null;
    const where = place ?? { communityCode: app.communityCode, streetCode: app.streetCode };
    if (outcome.kind === 'passed') {
      const due = new Date(now.getTime() + COMMUNITY_REVIEW_DAYS * 86_400_000);
      return { status: 'community_review', nextCheckAt: null, elderBirthDate: outcome.birthDate, eligibleFrom: outcome.eligibleFrom, stageDueAt: due, ...where };
    }
    if (outcome.deceased) return { status: 'closed', deceased: true, nextCheckAt: null, elderBirthDate: outcome.birthDate, ...where };
    return { status: 'check_failed', nextCheckAt: null, elderBirthDate: outcome.birthDate, ...where };
  }

  /** the registry put the hukou in another community: the case file moves with the application (new staff see and own it) */
  private async followHukou(tx: EntityManager, app: ApplicationRow, to: string | undefined, now: Date): Promise<void> {
    if (!to || to === app.communityCode) return;
    const names = await this.regions.regionsByCode(tx, [app.communityCode, to]);
    const from = names.get(app.communityCode)?.name ?? '原社区';
    const name = names.get(to)?.name ?? '户籍所在社区';
    await this.cases.moveCommunity(tx, { kind: 'allowance', subjectId: app.id }, to, {
      action: 'moved_community', actor: SYSTEM, at: now, note: `户籍在${name}，由${name}办理`, internalNote: `从${from}转来（按户籍库的户籍地）`,
    });
  }

  /** the community and its street, when the registry's hukou community is one we know */
  private async placeOf(m: EntityManager, code: string): Promise<{ communityCode: string; streetCode: string } | null> {
    const chain = await this.regions.ancestry(m, code);
    if (chain[0]?.level !== 'community') return null;
    return { communityCode: chain[0].code, streetCode: chain[1]?.code ?? chain[0].code };
  }

  private async logAndNotify(tx: EntityManager, app: ApplicationRow, outcome: CheckOutcome, now: Date, before: string): Promise<void> {
    const ref = { kind: 'allowance' as const, subjectId: app.id };
    if (outcome.kind === 'waiting') {
      if (before !== 'waiting') await this.cases.log(tx, ref, { action: 'checks_waiting', actor: SYSTEM, at: now, internalNote: outcome.reason.slice(0, 200) });
      return;
    }
    if (outcome.kind === 'passed') {
      await this.cases.log(tx, ref, { action: 'checks_passed', actor: SYSTEM, at: now });
      await this.notices.toFamily(tx, app, 'allowance_verified', now);
      return;
    }
    const reason = firstFailure(outcome.checks);
    await this.cases.log(tx, ref, { action: outcome.deceased ? 'closed_deceased' : 'check_failed', actor: SYSTEM, at: now, note: reason });
    if (outcome.deceased) {
      await this.cases.close(tx, ref, now);
      await this.notices.toFamily(tx, app, 'allowance_closed', now);
      return;
    }
    await this.notices.toFamily(tx, app, 'allowance_check_failed', now, { reason });
  }
}

