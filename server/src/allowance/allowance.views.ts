import { Injectable } from '@nestjs/common';
import {
  ALLOWANCE_ACCOUNT_KIND_TEXT, ALLOWANCE_CHECK_TEXT, maskPersonName, shanghaiDate, ALLOWANCE_STATUS_TEXT, allowanceActionText, bracketForAge, bracketLabel, ruleAgeInMonth,
  type AllowanceApplicationDetailView, type AllowanceApplicationView, type AllowanceCheckKind, type AllowanceStatus, type StaffAllowanceDetailView,
  type StaffAllowanceRowView,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { CaseKit } from '../cases/case-kit.service';
import { Clock } from '../common/clock';
import { ProxyDirectory } from '../identity/proxy.directory';
import { RegionScope } from '../identity/region.scope';
import { nextStepOf, type NextStep } from './allowance.next-step';
import type { AllowanceCheckEntity } from './allowance.entities';
import { AllowancePolicyService, type Policy } from './allowance.policy';
import { AllowanceRepository, type ApplicationRow } from './allowance.repository';

const RESUBMITTABLE: readonly string[] = ['check_failed', 'more_info'];
interface Submitter {
  submittedBy: 'me' | 'family' | 'counter';
  submittedByText: string;
}
const ref = (id: string) => ({ kind: 'allowance' as const, subjectId: id });

/** application rows → the shared views (masked everywhere; staff get evidence, residents sentences) */
@Injectable()
export class AllowanceViews {
  constructor(
    private readonly repo: AllowanceRepository,
    private readonly policies: AllowancePolicyService,
    private readonly regions: RegionScope,
    private readonly cases: CaseKit,
    private readonly proxies: ProxyDirectory,
    private readonly clock: Clock,
  ) {}

  /** `viewer`: the resident account reading (who submitted is told relative to it); null for staff */
  async rows(m: EntityManager, apps: ApplicationRow[], viewer: string | null = null): Promise<AllowanceApplicationView[]> {
    const today = this.clock.today();
    const policy = await this.policies.policyOn(m, today);
    const names = await this.regions.regionsByCode(m, [...new Set(apps.map((a) => a.communityCode))]);
    const ids = apps.map((a) => a.id);
    const withdrawn = await this.repo.withdrawnConsents(m, ids);
    const failed = await this.repo.failedChecks(m, apps.filter((a) => a.status === 'check_failed').map((a) => a.id));
    const by = await this.submitters(m, apps, viewer);
    return apps.map((a) => {
      const at = withdrawn.get(a.id) ?? null;
      const step = nextStepOf({
        status: a.status, deceased: a.deceased, today, withdrawnMonth: at ? shanghaiDate(at).slice(0, 7) : null,
        failed: (failed.get(a.id) ?? []).map((c) => ({ kind: c.kind as AllowanceCheckKind, facts: (JSON.parse(c.evidenceJson) as { facts?: Record<string, unknown> }).facts ?? {} })),
      });
      return this.base(a, policy, names.get(a.communityCode)?.name ?? null, step, at, by.get(a.id) as Submitter);
    });
  }

  /** who submitted each application, relative to the viewer; another family account by its verified name, masked */
  private async submitters(m: EntityManager, apps: ApplicationRow[], viewer: string | null): Promise<Map<string, Submitter>> {
    const out = new Map<string, Submitter>();
    const names = new Map<string, string | null>();
    for (const a of apps) {
      if (!a.applicantAccountId) out.set(a.id, { submittedBy: 'counter', submittedByText: '社区工作人员在窗口代办的' });
      else if (a.applicantAccountId === viewer) out.set(a.id, { submittedBy: 'me', submittedByText: '您提交的' });
      else {
        if (!names.has(a.applicantAccountId)) names.set(a.applicantAccountId, (await this.proxies.verifiedSelf(m, a.applicantAccountId))?.name ?? null);
        const name = names.get(a.applicantAccountId);
        out.set(a.id, { submittedBy: 'family', submittedByText: viewer === null ? `家属${name ? maskPersonName(name) : ''}在小程序提交的` : `家人${name ? maskPersonName(name) : ''}提交的` });
      }
    }
    return out;
  }

  async detail(m: EntityManager, app: ApplicationRow, viewer: string | null = null): Promise<AllowanceApplicationDetailView> {
    const [row] = await this.rows(m, [app], viewer);
    const checks = await this.repo.checks(m, app.id);
    const file = await this.cases.file(m, ref(app.id));
    const people = await this.cases.people(m, [file?.responsibleStaffId ?? null]);
    return {
      ...row,
      checks: orderChecks(checks).map((c) => ({ kind: c.kind as AllowanceCheckKind, label: ALLOWANCE_CHECK_TEXT[c.kind as AllowanceCheckKind], result: c.result as 'passed', sentence: c.sentence, checkedAt: c.checkedAt.toISOString() })),
      missingItems: app.status === 'more_info' ? parseList(app.missingItemsJson) : [],
      rejectReason: app.rejectReason,
      owner: this.cases.party(people, file?.responsibleStaffId ?? null, undefined),
      timeline: await this.cases.residentLog(m, ref(app.id), allowanceActionText),
    };
  }

  async staffRows(m: EntityManager, apps: ApplicationRow[]): Promise<StaffAllowanceRowView[]> {
    const rows = await this.rows(m, apps);
    const files = await this.cases.files(m, 'allowance', apps.map((a) => a.id));
    const people = await this.cases.people(m, [...files.values()].map((f) => f.responsibleStaffId));
    const objections = await this.repo.openObjectionCounts(m, apps.map((a) => a.id));
    const now = this.clock.now();
    return rows.map((r, i) => {
      const a = apps[i];
      const owner = this.cases.party(people, files.get(a.id)?.responsibleStaffId ?? null, undefined);
      return { ...r, ownerName: owner?.name ?? null, openObjections: objections.get(a.id) ?? 0, stageDueAt: a.stageDueAt?.toISOString() ?? null, overdue: !!a.stageDueAt && a.stageDueAt < now };
    });
  }

  async staffDetail(m: EntityManager, app: ApplicationRow): Promise<StaffAllowanceDetailView> {
    const [row] = await this.staffRows(m, [app]);
    const checks = await this.repo.checks(m, app.id);
    const file = await this.cases.file(m, ref(app.id));
    const people = await this.cases.people(m, [file?.responsibleStaffId ?? null, file?.handlerStaffId ?? null]);
    const consent = await this.repo.consentOf(m, app.id);
    const objections = await this.repo.objections(m, app.id);
    return {
      ...row,
      checks: orderChecks(checks).map((c) => ({
        kind: c.kind as AllowanceCheckKind, label: ALLOWANCE_CHECK_TEXT[c.kind as AllowanceCheckKind], result: c.result as 'passed', sentence: c.sentence,
        checkedAt: c.checkedAt.toISOString(), evidence: JSON.parse(c.evidenceJson),
      })),
      missingItems: app.status === 'more_info' ? parseList(app.missingItemsJson) : [],
      rejectReason: app.rejectReason,
      owner: this.cases.staffParty(people, file?.responsibleStaffId ?? null, undefined),
      handler: this.cases.staffParty(people, file?.handlerStaffId ?? null, undefined),
      consent: {
        version: consent?.version ?? '', basis: (consent?.basis ?? 'elder_self') as 'elder_self', givenAt: (consent?.givenAt ?? app.submittedAt).toISOString(),
        givenBy: (consent?.givenBy ?? 'family') as 'family', withdrawnAt: consent?.withdrawnAt?.toISOString() ?? null,
      },
      objections: objections.map((o) => ({ id: o.id, reason: o.reason, receivedAt: o.receivedAt.toISOString(), resolvedAt: o.resolvedAt?.toISOString() ?? null, resolution: o.resolution })),
      timeline: await this.cases.staffLog(m, ref(app.id), allowanceActionText),
      deceased: app.deceased,
    };
  }

  private base(a: ApplicationRow, policy: Policy, communityName: string | null, step: NextStep, withdrawnAt: Date | null, by: Submitter): AllowanceApplicationView {
    const age = ruleAgeInMonth(a.elderBirthDate, this.clock.today().slice(0, 7), policy.ageRule);
    const b = bracketForAge(policy.brackets, age);
    const kind = a.accountKind as keyof typeof ALLOWANCE_ACCOUNT_KIND_TEXT;
    return {
      id: a.id, status: a.status as AllowanceStatus, statusText: ALLOWANCE_STATUS_TEXT[a.status as AllowanceStatus], elderName: a.elderName,
      elderIdMasked: a.elderIdMasked, familyMemberId: a.familyMemberId, communityCode: a.communityCode, communityName,
      bracket: b ? { ...b, label: bracketLabel(b) } : null,
      account: { kind, kindText: ALLOWANCE_ACCOUNT_KIND_TEXT[kind], masked: `**** **** ${a.accountLast4}`, bankName: a.bankName },
      phoneMasked: a.phoneMasked, submittedAt: a.submittedAt.toISOString(), updatedAt: a.updatedAt.toISOString(), firstPaidMonth: a.firstPaidMonth,
      publicity: a.publicityStartsOn && a.publicityEndsOn ? { startsOn: a.publicityStartsOn, endsOn: a.publicityEndsOn } : null,
      canResubmit: RESUBMITTABLE.includes(a.status) && step.canResubmit,
      ...by,
      consentWithdrawnAt: withdrawnAt?.toISOString() ?? null,
      paymentsStopFrom: step.paymentsStopFrom,
      canWithdrawConsent: step.canWithdrawConsent,
      nextStep: step.nextStep,
      deathReport: a.deathReportedOn && a.deathReportedAt && a.deathReportState
        ? { diedOn: a.deathReportedOn, reportedAt: a.deathReportedAt.toISOString(), state: a.deathReportState as 'reported' }
        : null,
    };
  }
}

const ORDER: AllowanceCheckKind[] = ['id_valid', 'name_match', 'age', 'hukou', 'alive', 'not_moved_out', 'not_duplicate'];
function orderChecks(rows: AllowanceCheckEntity[]): AllowanceCheckEntity[] {
  return [...rows].sort((a, b) => ORDER.indexOf(a.kind as AllowanceCheckKind) - ORDER.indexOf(b.kind as AllowanceCheckKind));
}
export function parseList(json: string | null): string[] {
  if (!json) return [];
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
export { RESUBMITTABLE };
