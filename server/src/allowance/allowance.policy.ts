import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ALLOWANCE_AGE_RULE_TEXT, bracketLabel, bracketProblem, ErrorCode,
  type AgeRule, type AllowancePolicyView, type BracketRule, type UpdateAllowancePolicyInput,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { AllowanceRepository } from './allowance.repository';
import type { AllowancePolicyEntity } from './allowance.entities';

// the defaults of shared/data/allowance-policy.json (age_brackets): 荆州市 per a low-reliability aggregator, consistent with
// the 荆州区 article's 600 元/年; NOT confirmed for 荆州区 — isDefault stays true until the district confirms its own.
// Age rule and pre-registration follow Wuhan 2023 (birthday month, 2 months before), configurable.
export const DEFAULT_POLICY = {
  effectiveFrom: '2018-01-01',
  brackets: [
    { minAge: 80, maxAge: 89, monthlyCny: 50 },
    { minAge: 90, maxAge: 99, monthlyCny: 100 },
    { minAge: 100, maxAge: null, monthlyCny: 500 },
  ] as BracketRule[],
  ageRule: 'birthday_month' as AgeRule,
  preRegistrationMonths: 2,
};

export interface Policy {
  effectiveFrom: string;
  brackets: BracketRule[];
  ageRule: AgeRule;
  preRegistrationMonths: number;
  isDefault: boolean;
  updatedAt: Date | null;
}

const fromRow = (r: AllowancePolicyEntity): Policy => ({
  effectiveFrom: r.effectiveFrom, brackets: JSON.parse(r.bracketsJson) as BracketRule[], ageRule: r.ageRule as AgeRule,
  preRegistrationMonths: r.preRegistrationMonths, isDefault: r.isDefault, updatedAt: r.createdAt,
});

@Injectable()
export class AllowancePolicyService {
  constructor(
    private readonly db: Db,
    private readonly repo: AllowanceRepository,
    private readonly clock: Clock,
  ) {}

  /** the version in force on `day` (the built-in defaults while the district set none) */
  async policyOn(m: EntityManager, day: string): Promise<Policy> {
    const rows = await this.repo.policies(m);
    const current = rows.filter((r) => r.effectiveFrom <= day).pop();
    return current ? fromRow(current) : { ...DEFAULT_POLICY, isDefault: true, updatedAt: null };
  }

  async view(): Promise<AllowancePolicyView> {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const rows = await this.repo.policies(m);
      const current = await this.policyOn(m, today);
      const upcoming = rows.filter((r) => r.effectiveFrom > today).map(fromRow);
      return toPolicyView(current, upcoming);
    });
  }

  /** a new version from effectiveFrom (replaces a version with the same date); district only (route roles) */
  async update(staffId: string, input: UpdateAllowancePolicyInput): Promise<AllowancePolicyView> {
    const problem = bracketProblem(input.brackets);
    if (problem) throw new DomainError(ErrorCode.AllowancePolicyInvalid, problem);
    const brackets = [...input.brackets].sort((a, b) => a.minAge - b.minAge);
    await this.db.retrying((tx) =>
      this.repo.putPolicy(tx, {
        id: randomUUID(), effectiveFrom: input.effectiveFrom, bracketsJson: JSON.stringify(brackets), ageRule: input.ageRule,
        preRegistrationMonths: input.preRegistrationMonths, isDefault: !input.confirmedForDistrict, createdBy: staffId, createdAt: this.clock.now(),
      }),
    );
    return this.view();
  }
}

export function toPolicyView(p: Policy, upcoming: Policy[]): AllowancePolicyView {
  const brackets = (list: BracketRule[]) => list.map((b) => ({ ...b, label: bracketLabel(b) }));
  return {
    brackets: brackets(p.brackets), ageRule: p.ageRule, ageRuleText: ALLOWANCE_AGE_RULE_TEXT[p.ageRule], preRegistrationMonths: p.preRegistrationMonths,
    effectiveFrom: p.effectiveFrom, isDefault: p.isDefault, updatedAt: p.updatedAt?.toISOString() ?? null,
    upcoming: upcoming.map((u) => ({ effectiveFrom: u.effectiveFrom, brackets: brackets(u.brackets) })),
  };
}
