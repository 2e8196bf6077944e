import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  addDays, bracketForAge, ErrorCode, firstPaidMonth, parseIdNumber, ruleAgeInMonth,
  type AllowancePublicityPrintView, type ConfirmAllowanceDeathInput, type AllowanceStage, type DecideAllowanceInput, type PublicityEntryView, type StaffAllowanceDetailView, type StaffAllowanceList, type StaffCounterApplyInput,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { CaseKit, type StaffActor } from '../cases/case-kit.service';
import { loadFont } from '../catalog/notice/notice-board.renderer';
import { Clock } from '../common/clock';
import { AppConfig } from '../common/config';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { PiiCipher } from '../common/pii-cipher';
import type { Caller } from '../identity/caller';
import { RegionScope } from '../identity/region.scope';
import { AllowanceChecker } from './allowance.checker';
import { AllowanceNotices } from './allowance.notices';
import { AllowancePolicyService } from './allowance.policy';
import { AllowanceRepository, type ApplicationRow } from './allowance.repository';
import { AllowanceService } from './allowance.service';
import { AllowanceViews } from './allowance.views';
import { enrolApprovedApplication } from './ledger/ledger.enrol';
import { renderPublicitySheet } from './allowance-publicity.renderer';

type Staff = Extract<Caller, { kind: 'staff' }>;
type QueueView = 'waiting' | 'mine' | 'publicity' | 'objections' | 'all';

export const PUBLICITY_DAYS = 7;
/** 街道审核 and 区审批 within 10 days each (广水: 10 working days) */
export const UPPER_REVIEW_DAYS = 10;
const DAY_MS = 86_400_000;
const STAGE_ROLES: Record<AllowanceStage, readonly Staff['role'][]> = {
  community_review: ['community_staff', 'district_admin'],
  street_review: ['street_reviewer', 'district_admin'],
  district_review: ['district_admin'],
};
const ref = (id: string) => ({ kind: 'allowance' as const, subjectId: id });
const notFound = () => new DomainError(ErrorCode.NotFound, 'no such application');
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** staff's side: queues, detail with evidence, 首问 take, staged decisions, objections, reveal (audited), the counter */
@Injectable()
export class AllowanceReviewService {
  constructor(
    private readonly db: Db,
    private readonly repo: AllowanceRepository,
    private readonly views: AllowanceViews,
    private readonly regions: RegionScope,
    private readonly cases: CaseKit,
    private readonly notices: AllowanceNotices,
    private readonly policies: AllowancePolicyService,
    private readonly checker: AllowanceChecker,
    private readonly applications: AllowanceService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** the community's 公示 list as an A4 PDF for its notice board (the same masked rows as the app, how to object) */
  async printPublicity(staff: Staff, code: string): Promise<AllowancePublicityPrintView> {
    await this.db.read((m) => this.regions.community(m, staff, code));
    const { path, family } = this.config.catalog.noticeFont;
    const font = loadFont(path);
    if (!font) throw new DomainError(ErrorCode.NoticeFontMissing, 'no CJK font for the printed list (set CATALOG_NOTICE_FONT)');
    const entries: PublicityEntryView[] = [];
    let communityName = '';
    for (let page = 1; ; page++) {
      const list = await this.applications.publicity(code, page, 100);
      communityName = list.communityName;
      entries.push(...list.items);
      if (entries.length >= list.total || list.items.length === 0) break;
    }
    const today = this.clock.today();
    const { pdf, pageCount } = await renderPublicitySheet({ communityName, entries, printedOn: today }, font, path.endsWith('.ttc') ? family : undefined);
    return {
      fileName: `高龄津贴公示-${communityName}-${today}.pdf`, contentType: 'application/pdf', base64: pdf.toString('base64'), sizeBytes: pdf.length, pageCount,
      entryCount: entries.length, generatedAt: this.clock.now().toISOString(),
    };
  }

  async queue(staff: Staff, code: string, view: QueueView, page: number, pageSize: number): Promise<StaffAllowanceList> {
    return this.db.read(async (m) => {
      await this.regions.community(m, staff, code);
      const where = {
        waiting: { statuses: ['community_review'] },
        mine: { extra: this.cases.conditions.ownedOrHandledBy('a.id', 'allowance', staff.staffId) },
        publicity: { statuses: ['publicity'] },
        objections: { withOpenObjections: true },
        all: {},
      }[view];
      const [rows, total] = await this.repo.queue(m, { communityCode: code, ...where }, page, pageSize);
      return { items: await this.views.staffRows(m, rows), total, page, pageSize };
    });
  }

  async reviews(staff: Staff, code: string, stage: 'street_review' | 'district_review', page: number, pageSize: number): Promise<StaffAllowanceList> {
    return this.db.read(async (m) => {
      const region = await this.regions.assertCovers(m, staff, code);
      if (region.level === 'community') throw new DomainError(ErrorCode.NotFound, 'not a street or district');
      const where = region.level === 'street' ? { streetCode: code, statuses: [stage] } : { statuses: [stage] };
      const [rows, total] = await this.repo.queue(m, where, page, pageSize);
      return { items: await this.views.staffRows(m, rows), total, page, pageSize };
    });
  }

  async detail(staff: Staff, id: string): Promise<StaffAllowanceDetailView> {
    return this.db.read(async (m) => this.views.staffDetail(m, await this.inScope(m, staff, id)));
  }

  /** 首问负责: the first community staff member who takes it owns it (the case kit's conditional UPDATE) */
  async take(staff: Staff, id: string): Promise<StaffAllowanceDetailView> {
    const now = this.clock.now();
    await this.db.retrying(async (tx) => {
      const app = await this.inScope(tx, staff, id);
      if (app.status !== 'community_review' && app.status !== 'publicity') throw new DomainError(ErrorCode.AllowanceStateConflict, `cannot take in ${app.status}`);
      const me = await this.cases.actor(tx, staff.staffId);
      if (await this.cases.take(tx, ref(id), me, now)) await this.cases.log(tx, ref(id), { action: 'taken', actor: me, at: now });
    });
    return this.detail(staff, id);
  }

  async decide(staff: Staff, id: string, input: DecideAllowanceInput): Promise<StaffAllowanceDetailView> {
    const now = this.clock.now();
    await this.db.retrying(async (tx) => {
      const app = await this.inScope(tx, staff, id);
      if (!STAGE_ROLES[input.stage].includes(staff.role)) throw new DomainError(ErrorCode.Forbidden, `${staff.role} cannot decide ${input.stage}`);
      const me = await this.cases.actor(tx, staff.staffId);
      if (input.decision === 'approve') await this.approve(tx, app, input.stage, me, now, input.note);
      else if (input.decision === 'reject') await this.reject(tx, app, input.stage, me, now, input.reason as string);
      else await this.moreInfo(tx, app, input.stage, me, now, input.items as string[]);
      await this.audit(tx, staff, `decide_${input.decision}`, id, input.stage);
    });
    return this.detail(staff, id);
  }

  private async approve(tx: EntityManager, app: ApplicationRow, stage: AllowanceStage, me: StaffActor, now: Date, note?: string): Promise<void> {
    const today = this.clock.today();
    if (stage === 'community_review') {
      const endsOn = addDays(today, PUBLICITY_DAYS - 1);
      await this.move(tx, app, [stage], { status: 'publicity', publicityId: randomUUID(), publicityStartsOn: today, publicityEndsOn: endsOn, stageDueAt: new Date(now.getTime() + PUBLICITY_DAYS * DAY_MS) }, now);
      await this.cases.take(tx, ref(app.id), me, now);
      await this.cases.log(tx, ref(app.id), { action: 'publicity_started', actor: me, at: now, note: `公示${md(today)}至${md(endsOn)}`, internalNote: note ?? null });
      await this.notices.toFamily(tx, app, 'allowance_publicity_started', now, { period: `${md(today)}至${md(endsOn)}` });
      return;
    }
    if (stage === 'street_review') {
      await this.move(tx, app, [stage], { status: 'district_review', stageDueAt: new Date(now.getTime() + UPPER_REVIEW_DAYS * DAY_MS) }, now);
      await this.cases.log(tx, ref(app.id), { action: 'street_approved', actor: me, at: now, internalNote: note ?? null });
      return;
    }
    const first = firstPaidMonth(today, app.eligibleFrom ?? today.slice(0, 7));
    await this.move(tx, app, [stage], { status: 'approved', firstPaidMonth: first, stageDueAt: null }, now);
    await enrolApprovedApplication(tx, app, first, now);
    await this.cases.log(tx, ref(app.id), { action: 'district_approved', actor: me, at: now, note: `从${Number(first.slice(0, 4))}年${Number(first.slice(5, 7))}月起发放` });
    await this.cases.close(tx, ref(app.id), now);
    const policy = await this.policies.policyOn(tx, today);
    const b = bracketForAge(policy.brackets, ruleAgeInMonth(app.elderBirthDate, first, policy.ageRule));
    await this.notices.toFamily(tx, app, 'allowance_approved', now, { amountYuan: b ? b.monthlyCny * 12 : undefined, period: first });
  }

  private async reject(tx: EntityManager, app: ApplicationRow, stage: AllowanceStage, me: StaffActor, now: Date, reason: string): Promise<void> {
    await this.move(tx, app, fromStatuses(stage), { status: 'rejected', rejectReason: reason, stageDueAt: null }, now);
    await this.cases.take(tx, ref(app.id), me, now);
    await this.cases.log(tx, ref(app.id), { action: 'rejected', actor: me, at: now, note: reason });
    await this.cases.close(tx, ref(app.id), now);
    await this.notices.toFamily(tx, app, 'allowance_rejected', now, { reason });
  }

  /** 一次性告知: the whole list at once; the family corrects and resubmits */
  private async moreInfo(tx: EntityManager, app: ApplicationRow, stage: AllowanceStage, me: StaffActor, now: Date, items: string[]): Promise<void> {
    await this.move(tx, app, fromStatuses(stage), { status: 'more_info', missingItemsJson: JSON.stringify(items), stageDueAt: null }, now);
    await this.cases.take(tx, ref(app.id), me, now);
    await this.cases.log(tx, ref(app.id), { action: 'more_info', actor: me, at: now, note: items.join('；') });
    await this.notices.toFamily(tx, app, 'allowance_more_info', now, { reason: items.join('、') });
  }

  /** the conditional UPDATE: of two reviewers deciding at once, the second finds the status moved and gets a conflict */
  private async move(tx: EntityManager, app: ApplicationRow, from: readonly string[], patch: Partial<ApplicationRow>, now: Date): Promise<void> {
    if (!(await this.repo.transition(tx, app.id, from, { ...patch, updatedAt: now }))) {
      throw new DomainError(ErrorCode.AllowanceStateConflict, `application is ${app.status}, not ${from.join('/')}`);
    }
  }

  async resolveObjection(staff: Staff, objectionId: string, resolution: string): Promise<StaffAllowanceDetailView> {
    const now = this.clock.now();
    const appId = await this.db.retrying(async (tx) => {
      const o = await this.repo.objectionById(tx, objectionId);
      if (!o) throw new DomainError(ErrorCode.NotFound, 'no such objection');
      await this.inScope(tx, staff, o.applicationId);
      if (!(await this.repo.resolveObjection(tx, objectionId, { resolvedAt: now, resolution, resolvedBy: staff.staffId }))) {
        throw new DomainError(ErrorCode.AllowanceStateConflict, 'objection already resolved');
      }
      const me = await this.cases.actor(tx, staff.staffId);
      await this.cases.log(tx, ref(o.applicationId), { action: 'objection_resolved', actor: me, at: now, internalNote: resolution, visibleToResident: false });
      await this.audit(tx, staff, 'resolve_objection', o.applicationId, null);
      return o.applicationId;
    });
    return this.detail(staff, appId);
  }

  /**
   * The community answers a death the family reported. Confirmed: the elder is recorded as deceased (no more messages
   * but one careful notice); an application not yet approved closes, an approved one stays approved and the death is
   * recorded for the district (the registry stays the source for payments). Not confirmed: the family may report again.
   */
  async confirmDeath(staff: Staff, id: string, input: ConfirmAllowanceDeathInput): Promise<StaffAllowanceDetailView> {
    const now = this.clock.now();
    await this.db.retrying(async (tx) => {
      const app = await this.inScope(tx, staff, id);
      if (app.deathReportState !== 'reported') throw new DomainError(ErrorCode.AllowanceStateConflict, 'no death report is waiting');
      const me = await this.cases.actor(tx, staff.staffId);
      const ref0 = ref(id);
      if (!input.confirmed) {
        if (!(await this.repo.answerDeathReport(tx, id, { deathReportState: 'not_confirmed', updatedAt: now }))) throw new DomainError(ErrorCode.AllowanceStateConflict, 'answered meanwhile');
        await this.cases.log(tx, ref0, { action: 'death_not_confirmed', actor: me, at: now, internalNote: input.note ?? null });
      } else if (app.status === 'approved') {
        if (!(await this.repo.answerDeathReport(tx, id, { deathReportState: 'confirmed', deceased: true, updatedAt: now }))) throw new DomainError(ErrorCode.AllowanceStateConflict, 'answered meanwhile');
        await this.cases.log(tx, ref0, { action: 'death_recorded', actor: me, at: now, internalNote: `家属报告的去世日期 ${app.deathReportedOn}；发放以民政户籍数据为准${input.note ? `。${input.note}` : ''}` });
        await this.notices.toFamily(tx, { ...app, deceased: true }, 'allowance_closed', now, { via: 'family' });
      } else {
        const patch = { deathReportState: 'confirmed', deceased: true, status: 'closed', stageDueAt: null, nextCheckAt: null, updatedAt: now };
        if (!(await this.repo.answerDeathReport(tx, id, patch))) throw new DomainError(ErrorCode.AllowanceStateConflict, 'answered meanwhile');
        await this.cases.log(tx, ref0, { action: 'death_confirmed', actor: me, at: now, internalNote: input.note ?? null });
        await this.cases.close(tx, ref0, now);
        await this.notices.toFamily(tx, { ...app, deceased: true }, 'allowance_closed', now, { via: 'family' });
      }
      await this.cases.take(tx, ref0, me, now);
      await this.audit(tx, staff, input.confirmed ? 'confirm_death' : 'not_confirm_death', id, app.deathReportedOn);
    });
    return this.detail(staff, id);
  }

  /** G3: a full ID number or account, read by staff with a reason, always audited */
  async reveal(staff: Staff, id: string, field: 'idNumber' | 'account', reason: string): Promise<{ field: 'idNumber' | 'account'; value: string }> {
    return this.db.transaction(async (tx) => {
      const app = await this.inScope(tx, staff, id);
      const value = this.cipher.decrypt(field === 'idNumber' ? app.elderIdEnc : app.accountEnc);
      await this.audit(tx, staff, field === 'idNumber' ? 'read_id_number' : 'read_account', id, reason);
      return { field, value };
    });
  }

  /** community staff apply at the counter for an elder with no one on WeChat; they own the case from the start */
  async counterApply(staff: Staff, code: string, input: StaffCounterApplyInput): Promise<StaffAllowanceDetailView> {
    const parsed = parseIdNumber(input.idNumber, this.clock.today());
    if (!parsed.ok) throw new DomainError(ErrorCode.IdNumberInvalid, parsed.problem);
    const me = await this.db.read(async (m) => {
      await this.regions.community(m, staff, code);
      return this.cases.actor(m, staff.staffId);
    });
    const id = await this.applications.submit({
      elder: { name: input.elderName, idNumber: parsed.id.value, communityCode: code, familyMemberId: null }, applicantAccountId: null,
      consent: input.consent, consentBy: { kind: 'staff_counter', id: staff.staffId }, account: input.account, phone: input.phone, idempotencyKey: null,
      firstStep: { action: 'counter_submitted', actor: me }, owner: me,
    });
    await this.db.transaction((tx) => this.audit(tx, staff, 'counter_apply', id, null));
    await this.checker.run(id);
    // the one answer after submitting: even when the registry moved it to another community's desk (it says so), the
    // staff member sees what they just typed in; later reads follow the region scope
    return this.db.read(async (m) => this.views.staffDetail(m, (await this.repo.byId(m, id)) as ApplicationRow));
  }

  /** one not-found answer for an unknown id and an application outside the caller's region */
  private async inScope(m: EntityManager, staff: Staff, id: string): Promise<ApplicationRow> {
    const app = await this.repo.byId(m, id);
    if (!app) throw notFound();
    try {
      await this.regions.assertCovers(m, staff, app.communityCode);
    } catch {
      throw notFound();
    }
    return app;
  }

  private audit(tx: EntityManager, staff: Staff, action: string, applicationId: string, detail: string | null): Promise<unknown> {
    return this.repo.audit(tx, { id: randomUUID(), at: this.clock.now(), actorKind: 'staff', actorId: staff.staffId, action, applicationId, result: 'ok', detail: detail?.slice(0, 200) ?? null });
  }
}

/** reject / more-info reach back into the 公示 from the community stage */
function fromStatuses(stage: AllowanceStage): string[] {
  return stage === 'community_review' ? ['community_review', 'publicity'] : [stage];
}
