import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addMonths, ageOn, ALLOWANCE_CONSENT_VERSION, monthOf, ErrorCode, maskIdNumber, maskPersonName, maskPhone, normalizeIdNumber, ruleAgeInMonth, bracketForAge, bracketLabel,
  type AllowanceApplicationDetailView, type AllowanceApplicationList, type ApplyAllowanceInput, type PublicityList, type ReportAllowanceDeathInput, type ResubmitAllowanceInput, type WithdrawAllowanceConsentInput,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { CaseKit, type CaseActor, type StaffActor } from '../cases/case-kit.service';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from '../identity/caller';
import { RegionScope } from '../identity/region.scope';
import { reindexPeople } from '../database/blind-index-rotation';
import { AllowanceAccess } from './allowance.access';
import { AllowanceChecker } from './allowance.checker';
import { AllowanceNotices } from './allowance.notices';
import { AllowancePolicyService } from './allowance.policy';
import { AllowanceRepository, type ApplicationRow } from './allowance.repository';
import { AllowanceViews, RESUBMITTABLE } from './allowance.views';

type Resident = Extract<Caller, { kind: 'resident' }>;
const notFound = () => new DomainError(ErrorCode.NotFound, 'no such application');

export interface NewApplication {
  elder: { name: string; idNumber: string; communityCode: string; familyMemberId: string | null };
  applicantAccountId: string | null;
  consent: ApplyAllowanceInput['consent'];
  consentBy: { kind: 'family' | 'staff_counter'; id: string };
  account: ApplyAllowanceInput['account'];
  phone: string;
  idempotencyKey: string | null;
  firstStep: { action: string; actor: CaseActor };
  /** staff who apply at the counter own the case from the start */
  owner?: StaffActor;
}

/** the family's side of the allowance: apply, follow, correct and resubmit, read the 公示 list, raise an objection */
@Injectable()
export class AllowanceService {
  constructor(
    private readonly db: Db,
    private readonly repo: AllowanceRepository,
    private readonly access: AllowanceAccess,
    private readonly checker: AllowanceChecker,
    private readonly views: AllowanceViews,
    private readonly policies: AllowancePolicyService,
    private readonly regions: RegionScope,
    private readonly cipher: PiiCipher,
    private readonly cases: CaseKit,
    private readonly notices: AllowanceNotices,
    private readonly clock: Clock,
  ) {}

  async apply(caller: Resident, input: ApplyAllowanceInput): Promise<AllowanceApplicationDetailView> {
    if (input.idempotencyKey) {
      const again = await this.db.read((m) => this.repo.byIdempotencyKey(m, caller.accountId, input.idempotencyKey as string));
      if (again) return this.get(caller, again.id);
    }
    const elder = await this.db.read((m) => this.access.elderFor(m, caller, input.familyMemberId));
    if (!elder) throw notFound();
    let id: string;
    try {
      id = await this.submit({
        elder: { name: elder.name, idNumber: elder.idNumber, communityCode: elder.communityCode, familyMemberId: elder.familyMemberId },
        applicantAccountId: caller.accountId, consent: input.consent, consentBy: { kind: 'family', id: caller.accountId }, account: input.account,
        phone: input.phone, idempotencyKey: input.idempotencyKey ?? null, firstStep: { action: 'submitted', actor: { kind: 'resident', id: caller.accountId, name: '家属' } },
      });
    } catch (err) {
      // the same key submitted twice at once: the unique (account, key) index (or the elder's slot) stopped the loser,
      // whose transaction rolled back whole; it answers with the winner's application, like a later retry would
      if (!input.idempotencyKey || !(err instanceof DomainError) || err.code !== ErrorCode.AllowanceAlreadyApplied) throw err;
      const winner = await this.db.read((m) => this.repo.byIdempotencyKey(m, caller.accountId, input.idempotencyKey as string));
      if (!winner) throw err;
      return this.get(caller, winner.id);
    }
    await this.checker.run(id);
    return this.get(caller, id);
  }

  /** writes the application, its consent, its case and the "received" message in one transaction (D2, E1) */
  async submit(n: NewApplication): Promise<string> {
    if (n.consent.version !== ALLOWANCE_CONSENT_VERSION) throw new DomainError(ErrorCode.AllowanceConsentOutdated, 'consent text version is not current');
    const idNumber = normalizeIdNumber(n.elder.idNumber);
    const now = this.clock.now();
    const id = randomUUID();
    // retried whole when MariaDB picks it as a deadlock victim (two inserts meeting on the unique indexes at once): the
    // retry then meets the winner's row and answers like any later submit would
    await this.db.retrying(async (tx) => {
      const place = await this.placeOf(tx, n.elder.communityCode);
      // during a blind-index rotation the elder's rows elsewhere (registry copy, proxies, recipients) move onto the current key first
      await reindexPeople(tx, this.cipher, 'id_number', [idNumber]);
      const row: ApplicationRow = {
        id, elderIdHash: this.cipher.blindIndex('id_number', idNumber), elderIdHashKv: this.cipher.blindIndexVersion, elderIdEnc: this.cipher.encrypt(idNumber), elderIdMasked: maskIdNumber(idNumber),
        elderName: n.elder.name, elderBirthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        familyMemberId: n.elder.familyMemberId, applicantAccountId: n.applicantAccountId, ...place, status: 'checking', activeKey: '1',
        accountKind: n.account.kind, accountEnc: this.cipher.encrypt(n.account.number), accountLast4: n.account.number.slice(-4), bankName: n.account.bankName ?? null,
        phoneEnc: this.cipher.encrypt(n.phone), phoneMasked: maskPhone(n.phone), missingItemsJson: null, rejectReason: null, eligibleFrom: null,
        firstPaidMonth: null, deathReportedOn: null, deathReportedAt: null, deathReportedBy: null, deathReportState: null, publicityId: null, publicityStartsOn: null, publicityEndsOn: null, stageDueAt: null,
        // a crash before the checks ran leaves it for the job to pick up
        nextCheckAt: new Date(now.getTime() + 60_000), checkAttempts: 0, deceased: false, idempotencyKey: n.idempotencyKey, submittedAt: now, updatedAt: now,
      };
      await this.repo.insertApplication(tx, row);
      await this.repo.insertConsent(tx, {
        id: randomUUID(), applicationId: id, version: n.consent.version, basis: n.consent.basis, givenBy: n.consentBy.kind, givenById: n.consentBy.id, givenAt: now, withdrawnAt: null,
      });
      await this.cases.open(tx, { kind: 'allowance', subjectId: id }, place.communityCode, { ...n.firstStep, at: now }, n.owner);
      await this.notices.toFamily(tx, row, 'allowance_received', now);
    });
    return id;
  }

  private async placeOf(m: EntityManager, communityCode: string): Promise<{ communityCode: string; streetCode: string }> {
    const chain = await this.regions.ancestry(m, communityCode);
    return { communityCode, streetCode: chain[1]?.code ?? communityCode };
  }

  /** the applications of every elder the caller is a verified proxy for, whoever submitted them (each says who) */
  async mine(caller: Resident, page: number, pageSize: number): Promise<AllowanceApplicationList> {
    return this.db.read(async (m) => {
      const [rows, total] = await this.repo.ofElders(m, await this.access.eldersOf(m, caller), page, pageSize);
      return { items: await this.views.rows(m, rows, caller.accountId), total, page, pageSize };
    });
  }

  async get(caller: Resident, id: string): Promise<AllowanceApplicationDetailView> {
    return this.db.read(async (m) => {
      const app = await this.repo.byId(m, id);
      if (!app || !(await this.access.mayRead(m, caller, app))) throw notFound();
      return this.views.detail(m, app, caller.accountId);
    });
  }

  /**
   * The family withdraws the separate consent. Before approval the application stops at once (closed, the elder's one
   * active slot freed, the case closed); after approval the consent row records the withdrawal and payments stop from
   * next month (the payment ledger reads allowance_consent.withdrawn_at). Both are logged for staff and told to the family.
   */
  async withdrawConsent(caller: Resident, id: string, input: WithdrawAllowanceConsentInput): Promise<AllowanceApplicationDetailView> {
    const now = this.clock.now();
    const actor = { kind: 'resident' as const, id: caller.accountId, name: '家属' };
    await this.db.retrying(async (tx) => {
      const app = await this.repo.byId(tx, id);
      if (!app || !(await this.access.mayRead(tx, caller, app))) throw notFound();
      const ref = { kind: 'allowance' as const, subjectId: id };
      if (app.status === 'rejected' || app.status === 'closed' || app.deceased) throw new DomainError(ErrorCode.AllowanceStateConflict, `cannot withdraw in ${app.status}`);
      if (!(await this.repo.withdrawConsent(tx, id, now))) throw new DomainError(ErrorCode.AllowanceStateConflict, 'consent already withdrawn');
      if (app.status === 'approved') {
        const stop = addMonths(monthOf(this.clock.today()), 1);
        await this.cases.log(tx, ref, { action: 'consent_withdrawn_after_approval', actor, at: now, note: `从${Number(stop.slice(0, 4))}年${Number(stop.slice(5, 7))}月起停发`, internalNote: input.note ?? null });
        await this.notices.toFamily(tx, app, 'allowance_consent_withdrawn', now, { period: `${Number(stop.slice(0, 4))}年${Number(stop.slice(5, 7))}月` });
        return;
      }
      // a conditional UPDATE on the status read: a reviewer deciding at the same moment makes one of the two a conflict
      const closed = await this.repo.transition(tx, id, [app.status], { status: 'closed', stageDueAt: null, nextCheckAt: null, updatedAt: now });
      if (!closed) throw new DomainError(ErrorCode.AllowanceStateConflict, 'changed meanwhile');
      await this.cases.log(tx, ref, { action: 'consent_withdrawn', actor, at: now, internalNote: input.note ?? null });
      await this.cases.close(tx, ref, now);
      await this.notices.toFamily(tx, app, 'allowance_consent_withdrawn', now);
    });
    return this.get(caller, id);
  }

  /** correct what was wrong and run the checks again (after check_failed or more_info) */
  async resubmit(caller: Resident, id: string, input: ResubmitAllowanceInput): Promise<AllowanceApplicationDetailView> {
    const now = this.clock.now();
    await this.db.retrying(async (tx) => {
      const app = await this.repo.byId(tx, id);
      if (!app || !(await this.access.mayRead(tx, caller, app))) throw notFound();
      // only what the family can change (a name, the account, the phone) or an age whose month has come may go again
      const [view] = await this.views.rows(tx, [app], caller.accountId);
      if (!RESUBMITTABLE.includes(app.status) || !view.canResubmit) throw new DomainError(ErrorCode.AllowanceStateConflict, `cannot resubmit in ${app.status}`);
      const patch: Partial<ApplicationRow> = { status: 'checking', missingItemsJson: null, nextCheckAt: new Date(now.getTime() + 60_000), checkAttempts: 0, updatedAt: now };
      if (input.elderName) patch.elderName = input.elderName;
      if (input.account) Object.assign(patch, { accountKind: input.account.kind, accountEnc: this.cipher.encrypt(input.account.number), accountLast4: input.account.number.slice(-4), bankName: input.account.bankName ?? null });
      if (input.phone) Object.assign(patch, { phoneEnc: this.cipher.encrypt(input.phone), phoneMasked: maskPhone(input.phone) });
      if (!(await this.repo.reopen(tx, id, [app.status], patch))) throw new DomainError(ErrorCode.AllowanceStateConflict, 'changed meanwhile');
      await this.cases.log(tx, { kind: 'allowance', subjectId: id }, { action: 'resubmitted', actor: { kind: 'resident', id: caller.accountId, name: '家属' }, at: now, note: input.note ?? null });
    });
    await this.checker.run(id);
    return this.get(caller, id);
  }

  /**
   * A verified proxy reports the elder's death (the date they give). Nothing stops yet: it becomes a task for the
   * community (the case's owner, else its staff) to confirm; the registry stays the source for payments.
   */
  async reportDeath(caller: Resident, id: string, input: ReportAllowanceDeathInput): Promise<AllowanceApplicationDetailView> {
    const now = this.clock.now();
    if (input.diedOn > this.clock.today()) throw new DomainError(ErrorCode.Validation, 'the date of death is in the future', { issues: [{ path: 'body.diedOn', message: '日期不能晚于今天' }] });
    await this.db.retrying(async (tx) => {
      const app = await this.repo.byId(tx, id);
      if (!app || !(await this.access.mayRead(tx, caller, app))) throw notFound();
      if (app.deceased || app.status === 'rejected' || app.status === 'closed') throw new DomainError(ErrorCode.AllowanceStateConflict, `cannot report in ${app.status}`);
      const patch = { deathReportedOn: input.diedOn, deathReportedAt: now, deathReportedBy: caller.accountId, deathReportState: 'reported', updatedAt: now };
      if (!(await this.repo.reportDeath(tx, id, patch))) throw new DomainError(ErrorCode.AllowanceStateConflict, 'a report is already waiting');
      const ref = { kind: 'allowance' as const, subjectId: id };
      const md = `${Number(input.diedOn.slice(0, 4))}年${Number(input.diedOn.slice(5, 7))}月${Number(input.diedOn.slice(8, 10))}日`;
      await this.cases.log(tx, ref, { action: 'death_reported', actor: { kind: 'resident', id: caller.accountId, name: '家属' }, at: now, note: `家属报告老人于${md}去世`, internalNote: input.note ?? null });
      const file = await this.cases.file(tx, ref);
      const owners = [file?.handlerStaffId, file?.responsibleStaffId].filter((x): x is string => !!x);
      const to = owners.length ? owners : await this.cases.flagRecipients(tx, app.communityCode, null);
      await this.notices.deathReported(tx, to, app, md);
    });
    return this.get(caller, id);
  }

  /** the community's public list: masked name, age, bracket, dates — nothing else */
  async publicity(code: string, page: number, pageSize: number): Promise<PublicityList> {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const community = await this.regions.knownCommunity(m, code);
      const policy = await this.policies.policyOn(m, today);
      const [rows, total] = await this.repo.publicityOf(m, code, today, page, pageSize);
      const items = rows.map((a) => {
        const age = ageOn(a.elderBirthDate, today);
        const b = bracketForAge(policy.brackets, ruleAgeInMonth(a.elderBirthDate, today.slice(0, 7), policy.ageRule));
        return {
          id: a.publicityId as string, maskedName: maskPersonName(a.elderName), age, bracketLabel: b ? bracketLabel(b) : '', monthlyCny: b?.monthlyCny ?? 0,
          startsOn: a.publicityStartsOn as string, endsOn: a.publicityEndsOn as string,
        };
      });
      return { communityCode: code, communityName: community.name, items, total, page, pageSize };
    });
  }

  /** any signed-in resident may object during the 公示; the objection reaches the case's owner (or the community's staff) */
  async raiseObjection(caller: Resident, publicityId: string, reason: string): Promise<{ id: string; receivedAt: string }> {
    const now = this.clock.now();
    const today = this.clock.today();
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const app = await this.repo.byPublicityId(tx, publicityId);
      if (!app) throw new DomainError(ErrorCode.NotFound, 'no such publicity entry');
      const open = app.status === 'publicity' && (app.publicityStartsOn ?? '9') <= today && today <= (app.publicityEndsOn ?? '0');
      if (!open) throw new DomainError(ErrorCode.AllowanceObjectionClosed, 'publicity is not running');
      await this.repo.insertObjection(tx, { id, applicationId: app.id, accountId: caller.accountId, reason, receivedAt: now, resolvedAt: null, resolution: null, resolvedBy: null });
      const ref = { kind: 'allowance' as const, subjectId: app.id };
      await this.cases.log(tx, ref, { action: 'objection_raised', actor: { kind: 'system', id: null, name: '系统' }, at: now, internalNote: reason, visibleToResident: false });
      const file = await this.cases.file(tx, ref);
      const owners = [file?.handlerStaffId, file?.responsibleStaffId].filter((x): x is string => !!x);
      const to = owners.length ? owners : await this.cases.flagRecipients(tx, app.communityCode, null);
      await this.notices.toStaff(tx, to, app, `objection:${id}`, { reason });
    });
    return { id, receivedAt: now.toISOString() };
  }
}
