import { Injectable } from '@nestjs/common';
import {
  addMonths, bracketLabel, ErrorCode, XLSX_CONTENT_TYPE,
  type DistrictFiguresView, type FamilyPaymentsView, type LedgerXlsxView, type PaymentPeriod,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import type { Caller } from '../../identity/caller';
import { RegionScope } from '../../identity/region.scope';
import { AllowanceAccess } from '../allowance.access';
import { AllowancePolicyService, type Policy } from '../allowance.policy';
import { PaymentSettingsService } from '../ledger/ledger.settings';
import { figuresWorkbook } from './figures.xlsx';
import { PayviewRepository, type RecipientRow } from './payview.repository';
import { accountOf, familyMonth, periodWords, statusWords, suspensionOf } from './payview.texts';

type Resident = Extract<Caller, { kind: 'resident' }>;

/** months of a figures range (a wider range is refused: it would be a table nobody reads) */
export const FIGURES_MAX_MONTHS = 120;

const monthsFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= FIGURES_MAX_MONTHS; m = addMonths(m, 1)) out.push(m);
  return out;
};

/** item 7 (the family's payments view) and item 6 (district figures) of issue 12: reads only */
@Injectable()
export class PayviewService {
  constructor(
    private readonly db: Db,
    private readonly repo: PayviewRepository,
    private readonly access: AllowanceAccess,
    private readonly policy: AllowancePolicyService,
    private readonly scope: RegionScope,
    private readonly clock: Clock,
    private readonly settingsService: PaymentSettingsService,
  ) {}

  /** a verified proxy reads the elder's payments; anyone else the same NOT_FOUND as an unknown id */
  async familyPayments(caller: Resident, familyMemberId: string, months: number): Promise<FamilyPaymentsView> {
    return this.db.read(async (m) => {
      const elder = await this.access.elderFor(m, caller, familyMemberId);
      if (!elder) throw new DomainError(ErrorCode.NotFound, 'no such family member');
      const pay = await this.settings(m);
      const r = await this.repo.recipientByElder(m, elder.idNumberHash);
      const base = { elderName: elder.name, statusText: statusWords(r), periodText: periodWords(pay.period) };
      if (!r) return { ...base, status: null, bracketLabel: null, monthlyCny: null, account: null, nextPaymentDate: null, suspension: null, months: [] };
      const month = this.clock.today().slice(0, 7);
      const lines = await this.repo.recentEntitlements(m, r.id, addMonths(month, 1 - months));
      const policy = await this.policy.policyOn(m, this.clock.today());
      const bracket = this.bracketToday(policy, r.elderBirthDate);
      const decision = r.status === 'active' ? null : await this.repo.latestAppliedDecision(m, r.id);
      return {
        ...base,
        status: r.status as FamilyPaymentsView['status'],
        bracketLabel: bracket ? bracketLabel(bracket) : null,
        monthlyCny: bracket?.monthlyCny ?? null,
        account: accountOf(r),
        nextPaymentDate: r.status === 'active' ? await this.nextPaymentDate(m, r, lines, pay) : null,
        suspension: suspensionOf(r, decision?.familyText ?? null),
        months: lines.map(familyMonth),
      };
    });
  }

  async districtFigures(from: string, to: string): Promise<DistrictFiguresView> {
    const months = monthsFrom(from, to);
    if (months.length > FIGURES_MAX_MONTHS) throw new DomainError(ErrorCode.Validation, 'range too wide', { maxMonths: FIGURES_MAX_MONTHS });
    return this.db.read(async (m) => {
      const today = this.clock.today();
      const policy = await this.policy.policyOn(m, today);
      const [byAge, communities, amounts, totals, suspensions, recoveries] = await Promise.all([
        this.repo.activeByMinAge(m, policy.brackets.map((b) => ({ minAge: b.minAge, bornOnOrBefore: yearsBefore(today, b.minAge) }))),
        this.repo.recipientsByCommunity(m),
        this.repo.amountByCommunity(m, from, to),
        this.repo.monthTotals(m, from, to),
        this.repo.suspensionsByMonth(m, from, to),
        this.repo.recoveriesByMonth(m, from, to),
      ]);
      const names = await this.scope.regionsByCode(m, communities.map((c) => c.communityCode));
      return {
        from, to, isDefaultPolicy: policy.isDefault,
        byBracket: policy.brackets.map((b) => ({ bracketLabel: bracketLabel(b), recipients: byAge.get(b.minAge) ?? 0, monthlyCny: b.monthlyCny })),
        byCommunity: communities
          .map((c) => ({ communityCode: c.communityCode, communityName: names.get(c.communityCode)?.name ?? c.communityCode, recipients: c.active, suspended: c.suspended, amountCny: amounts.get(c.communityCode) ?? 0 }))
          .sort((a, b) => a.communityCode.localeCompare(b.communityCode)),
        months: months.map((month) => {
          const t = totals.get(month);
          const rec = recoveries.get(month);
          return {
            month, recipients: t?.recipients ?? 0, amountCny: t?.amountCny ?? 0, paidCny: t?.paidCny ?? 0, failedCny: t?.failedCny ?? 0, backPayCny: t?.backPayCny ?? 0,
            suspensions: suspensions.get(month) ?? 0, recoveriesCny: rec?.due ?? 0, recoveredCny: rec?.recovered ?? 0,
          };
        }),
      };
    });
  }

  async exportDistrictFigures(from: string, to: string): Promise<LedgerXlsxView> {
    const f = await this.districtFigures(from, to);
    const buf = await figuresWorkbook(f, this.clock.now());
    const rows = f.byBracket.length + f.byCommunity.length + f.months.length;
    return { fileName: `高龄津贴统计-${from}至${to}.xlsx`, contentType: XLSX_CONTENT_TYPE, base64: buf.toString('base64'), rows };
  }

  /** the ledger's payment settings (its defaults while the district saved none: monthly, the 10th; not confirmed) */
  private settings(m: EntityManager): Promise<{ period: PaymentPeriod; payDay: number }> {
    return this.settingsService.current(m);
  }

  private bracketToday(policy: Policy, birthDate: string) {
    const today = this.clock.today();
    const ordered = [...policy.brackets].sort((a, b) => b.minAge - a.minAge);
    return ordered.find((b) => birthDate <= yearsBefore(today, b.minAge)) ?? null;
  }

  /** the bank pays on the pay day of the month after a roster: the roster of the earliest waiting line, else the next roster */
  private async nextPaymentDate(m: EntityManager, r: RecipientRow, lines: { payMonth: string; state: string }[], pay: { period: PaymentPeriod; payDay: number }): Promise<string> {
    const day = (roster: string) => `${addMonths(roster, 1)}-${String(pay.payDay).padStart(2, '0')}`;
    const waiting = lines.filter((l) => l.state === 'pending').map((l) => l.payMonth).sort()[0];
    if (waiting) return day(waiting);
    const month = this.clock.today().slice(0, 7);
    const start = r.firstPaidMonth > month ? r.firstPaidMonth : month;
    const candidates = Array.from({ length: 12 }, (_, i) => addMonths(start, i)).filter((c) => pay.period === 'monthly' || Number(c.slice(5)) % 3 === 0);
    const closed = await this.repo.closedMonths(m, candidates);
    return day(candidates.find((c) => !closed.has(c)) ?? candidates[candidates.length - 1]);
  }
}

/** 'YYYY-MM-DD' `years` earlier (a person born on or before it is at least that old today) */
export function yearsBefore(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
}
