import { Injectable } from '@nestjs/common';
import {
  ALLOWANCE_ACCOUNT_KIND_TEXT, bracketLabel, CANDIDATE_STATUS_TEXT, DECISION_KIND_TEXT, ENTITLEMENT_STATE_TEXT, ErrorCode, maskAccountNumber, PAY_TASK_KIND_TEXT,
  RECIPIENT_STATUS_TEXT, ruleAgeInMonth,
  type AllowanceAccountInput, type AllowanceApplicationDetailView, type CandidateView, type ConfirmEnrolmentInput, type DecisionKind, type DecisionView,
  type EnrolmentInvitationView, type EntitlementView, type OverpaymentView, type PayTaskView, type StaffRecipientDetailView, type StaffRecipientRowView,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import { PiiCipher } from '../../common/pii-cipher';
import type { Caller } from '../../identity/caller';
import { RegionScope } from '../../identity/region.scope';
import { AllowanceAccess } from '../allowance.access';
import { AllowancePolicyService } from '../allowance.policy';
import { AllowanceService } from '../allowance.service';
import { AllowanceCandidateEntity, AllowanceDecisionEntity, AllowanceOverpaymentEntity, AllowancePayTaskEntity, AllowanceRecipientEntity } from './ledger.entities';
import { audit } from './ledger.months';
import { bracketOfMonth, monthText } from './ledger.rules';
import { PaymentSettingsService } from './ledger.settings';
import { changed, marks, sql } from './ledger.sql';

type Staff = Extract<Caller, { kind: 'staff' }>;
type Resident = Extract<Caller, { kind: 'resident' }>;
type Raw = Record<string, unknown>;
const notFound = () => new DomainError(ErrorCode.NotFound, 'not found');
const page = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/** what staff and families read and fix in the ledger: recipients with their months, decisions and 追缴, tasks, candidates */
@Injectable()
export class LedgerDesk {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly regions: RegionScope,
    private readonly access: AllowanceAccess,
    private readonly policies: AllowancePolicyService,
    private readonly settings: PaymentSettingsService,
    private readonly applications: AllowanceService,
  ) {}

  // ---- recipients --------------------------------------------------------------------------------

  async recipients(staff: Staff, code: string, q: { page: number; pageSize: number; status?: string }): Promise<{ items: StaffRecipientRowView[]; total: number; page: number; pageSize: number }> {
    return this.db.read(async (m) => {
      const region = await this.regions.community(m, staff, code);
      const where = { communityCode: code, ...(q.status ? { status: q.status } : {}) };
      const [rows, total] = await m.findAndCount(AllowanceRecipientEntity, { where, order: { elderName: 'ASC', id: 'ASC' }, take: page(q).limit, skip: page(q).offset });
      const items: StaffRecipientRowView[] = [];
      for (const r of rows) items.push(await this.row(m, r, region.name));
      return { items, total, page: q.page, pageSize: q.pageSize };
    });
  }

  private async inScope(m: EntityManager, staff: Staff, id: string): Promise<AllowanceRecipientEntity> {
    const r = await m.findOne(AllowanceRecipientEntity, { where: { id } });
    if (!r) throw notFound();
    await this.regions.assertCovers(m, staff, r.communityCode);
    return r;
  }

  async recipient(staff: Staff, id: string): Promise<StaffRecipientDetailView> {
    return this.db.read(async (m) => {
      const r = await this.inScope(m, staff, id);
      const region = (await this.regions.ancestry(m, r.communityCode))[0];
      const ents: Raw[] = await sql(m, `SELECT * FROM allowance_entitlement WHERE recipient_id = ? ORDER BY for_month DESC LIMIT 60`, [id]);
      const decisions = await m.find(AllowanceDecisionEntity, { where: { recipientId: id }, order: { decidedAt: 'DESC' }, take: 50 });
      const overs = await m.find(AllowanceOverpaymentEntity, { where: { recipientId: id }, order: { forMonth: 'ASC' } });
      return {
        ...(await this.row(m, r, region?.name ?? null)),
        entitlements: ents.map(entitlementView), decisions: decisions.map((d) => decisionView(d, r)), overpayments: overs.map(overpaymentView),
      };
    });
  }

  private async row(m: EntityManager, r: AllowanceRecipientEntity, communityName: string | null): Promise<StaffRecipientRowView> {
    const month = this.clock.today().slice(0, 7);
    const policy = await this.policies.policyOn(m, `${month}-01`);
    const settings = await this.settings.current(m);
    const b = bracketOfMonth(policy.brackets, r.elderBirthDate, month, settings.bracketChange);
    return {
      id: r.id, elderName: r.elderName, elderIdMasked: r.elderIdMasked, communityCode: r.communityCode, communityName, status: r.status as StaffRecipientRowView['status'],
      statusText: RECIPIENT_STATUS_TEXT[r.status as 'active'], statusReason: r.statusReason ? `${DECISION_KIND_TEXT[r.statusReason as DecisionKind] ?? r.statusReason}${r.stoppedFrom ? `，${monthText(r.stoppedFrom)}起` : ''}` : null,
      bracketLabel: b ? bracketLabel(b) : '未到年龄', monthlyCny: b?.monthlyCny ?? 0, firstPaidMonth: r.firstPaidMonth, source: r.source as 'application',
      account: { kind: r.accountKind as 'bank_card', kindText: ALLOWANCE_ACCOUNT_KIND_TEXT[r.accountKind as 'bank_card'] ?? '银行卡', masked: maskAccountNumber(`0000${r.accountLast4}`) },
      flagged: r.flagged,
    };
  }

  /** a fixed account: every failed month goes back to pending and is paid in the next roster */
  private async fixAccount(tx: EntityManager, r: AllowanceRecipientEntity, account: AllowanceAccountInput, now: Date) {
    await sql(tx, `UPDATE allowance_recipient SET account_kind = ?, account_enc = ?, account_last4 = ?, bank_name = ?, account_updated_at = ?, updated_at = ? WHERE id = ?`, [
      account.kind, this.cipher.encrypt(account.number), account.number.slice(-4), account.bankName ?? null, now, now, r.id,
    ]);
    const failed: Raw[] = await sql(tx, `SELECT id, for_month FROM allowance_entitlement WHERE recipient_id = ? AND state = 'failed' ORDER BY for_month`, [r.id]);
    if (failed.length) await sql(tx, `UPDATE allowance_entitlement SET state = 'pending', failure_reason = NULL, updated_at = ? WHERE id IN (${marks(failed.length)}) AND state = 'failed'`, [now, ...failed.map((f) => f.id)]);
    await sql(tx, `UPDATE allowance_pay_task SET status = 'done', resolved_at = ?, resolution = ? WHERE recipient_id = ? AND kind = 'payment_failed' AND status = 'open'`, [now, '收款账户已改正，下次发放时补发', r.id]);
    return { kind: account.kind, kindText: ALLOWANCE_ACCOUNT_KIND_TEXT[account.kind], masked: maskAccountNumber(account.number), retryMonths: failed.map((f) => String(f.for_month)) };
  }

  async staffFixAccount(staff: Staff, id: string, input: { account: AllowanceAccountInput; reason: string }) {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const r = await this.inScope(tx, staff, id);
      const out = await this.fixAccount(tx, r, input.account, now);
      await audit(tx, { kind: 'staff', id: staff.staffId }, 'account_fix', r.id, input.reason, now);
      return out;
    });
  }

  async familyFixAccount(caller: Resident, familyMemberId: string, account: AllowanceAccountInput) {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const elder = await this.access.elderFor(tx, caller, familyMemberId);
      const r = elder ? await tx.findOne(AllowanceRecipientEntity, { where: { elderIdHash: elder.idNumberHash } }) : null;
      if (!r) throw notFound();
      const out = await this.fixAccount(tx, r, account, now);
      await audit(tx, { kind: 'resident', id: caller.accountId }, 'account_fix', r.id, 'family', now);
      return out;
    });
  }

  // ---- decisions, 追缴 ----------------------------------------------------------------------------

  async decisions(month: string, q: { page: number; pageSize: number; kind?: string }): Promise<{ items: DecisionView[]; total: number; page: number; pageSize: number }> {
    return this.db.read(async (m) => {
      const where = { runKey: `reverify:${month}`, ...(q.kind ? { kind: q.kind } : {}) };
      const [rows, total] = await m.findAndCount(AllowanceDecisionEntity, { where, order: { kind: 'ASC', id: 'ASC' }, take: page(q).limit, skip: page(q).offset });
      const rs = rows.length ? await m.find(AllowanceRecipientEntity, { where: rows.map((d) => ({ id: d.recipientId })) }) : [];
      return { items: rows.map((d) => decisionView(d, rs.find((r) => r.id === d.recipientId)!, month)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async resolveOverpayment(staff: Staff, id: string, input: { outcome: 'recovered' | 'waived'; note: string }): Promise<OverpaymentView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const o = await tx.findOne(AllowanceOverpaymentEntity, { where: { id } });
      if (!o) throw notFound();
      const n = await changed(tx, `UPDATE allowance_overpayment SET status = ?, resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ? AND status = 'open'`, [input.outcome, now, input.note, staff.staffId, id]);
      if (n !== 1) throw new DomainError(ErrorCode.LedgerStateConflict, 'already resolved');
      await audit(tx, { kind: 'staff', id: staff.staffId }, `overpayment_${input.outcome}`, id, input.note, now);
      return overpaymentView((await tx.findOne(AllowanceOverpaymentEntity, { where: { id } }))!);
    });
  }

  // ---- community tasks ---------------------------------------------------------------------------

  async tasks(staff: Staff, code: string, q: { page: number; pageSize: number; status: 'open' | 'done' | 'all'; kind?: string }) {
    return this.db.read(async (m) => {
      await this.regions.community(m, staff, code);
      const where = { communityCode: code, ...(q.status === 'all' ? {} : { status: q.status }), ...(q.kind ? { kind: q.kind } : {}) };
      const [rows, total] = await m.findAndCount(AllowancePayTaskEntity, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: page(q).limit, skip: page(q).offset });
      return { items: rows.map(taskView), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async resolveTask(staff: Staff, id: string, resolution: string): Promise<PayTaskView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const t = await tx.findOne(AllowancePayTaskEntity, { where: { id } });
      if (!t) throw notFound();
      await this.regions.assertCovers(tx, staff, t.communityCode);
      const n = await changed(tx, `UPDATE allowance_pay_task SET status = 'done', resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ? AND status = 'open'`, [now, resolution, staff.staffId, id]);
      if (n !== 1) throw new DomainError(ErrorCode.LedgerStateConflict, 'already done');
      return taskView((await tx.findOne(AllowancePayTaskEntity, { where: { id } }))!);
    });
  }

  // ---- 免申即享 ------------------------------------------------------------------------------------

  async candidates(staff: Staff, code: string, q: { page: number; pageSize: number; status?: string }) {
    return this.db.read(async (m) => {
      await this.regions.community(m, staff, code);
      const where = { communityCode: code, ...(q.status ? { status: q.status } : {}) };
      const [rows, total] = await m.findAndCount(AllowanceCandidateEntity, { where, order: { eligibleMonth: 'ASC', id: 'ASC' }, take: page(q).limit, skip: page(q).offset });
      return { items: rows.map((c) => this.candidateView(c)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async updateCandidate(staff: Staff, id: string, input: { status: 'contacted' | 'declined'; note: string }): Promise<CandidateView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const c = await tx.findOne(AllowanceCandidateEntity, { where: { id } });
      if (!c) throw notFound();
      await this.regions.assertCovers(tx, staff, c.communityCode);
      await sql(tx, `UPDATE allowance_candidate SET status = ?, note = ?, updated_at = ? WHERE id = ? AND status <> 'applied'`, [input.status, input.note, now, id]);
      return this.candidateView((await tx.findOne(AllowanceCandidateEntity, { where: { id } }))!);
    });
  }

  private candidateView(c: AllowanceCandidateEntity): CandidateView {
    return {
      id: c.id, elderName: c.elderName, elderIdMasked: c.elderIdMasked, communityCode: c.communityCode, age: ruleAgeInMonth(c.birthDate, this.clock.today().slice(0, 7), 'birthday_month'),
      eligibleMonth: c.eligibleMonth, status: c.status as CandidateView['status'], statusText: CANDIDATE_STATUS_TEXT[c.status as 'open'], note: c.note, foundAt: c.foundAt.toISOString(),
    };
  }

  async invitation(caller: Resident, familyMemberId: string): Promise<EnrolmentInvitationView> {
    return this.db.read(async (m) => {
      const elder = await this.access.elderFor(m, caller, familyMemberId);
      if (!elder) throw notFound();
      const c = await m.findOne(AllowanceCandidateEntity, { where: { elderIdHash: elder.idNumberHash } });
      if (!c || c.status === 'applied' || c.status === 'declined') return { invitation: null };
      const month = c.eligibleMonth > this.clock.today().slice(0, 7) ? c.eligibleMonth : this.clock.today().slice(0, 7);
      const policy = await this.policies.policyOn(m, `${month}-01`);
      const settings = await this.settings.current(m);
      const b = bracketOfMonth(policy.brackets, c.birthDate, month, settings.bracketChange) ?? policy.brackets[0];
      return {
        invitation: {
          elderName: elder.name, eligibleMonth: c.eligibleMonth, bracketLabel: bracketLabel(b), monthlyCny: b.monthlyCny,
          text: `您的家人${elder.name}${c.eligibleMonth <= this.clock.today().slice(0, 7) ? '已满' : `${monthText(c.eligibleMonth)}满`}${policy.brackets[0].minAge}周岁，可以领取高龄津贴，每月${b.monthlyCny}元。确认收款账户就行，不用交任何证明。`,
        },
      };
    });
  }

  /** the family confirms an invitation: the ordinary application (consent, account, automatic checks) runs */
  async confirm(caller: Resident, familyMemberId: string, input: ConfirmEnrolmentInput): Promise<AllowanceApplicationDetailView> {
    const view = await this.applications.apply(caller, { familyMemberId, consent: input.consent, account: input.account, phone: input.phone });
    const elder = await this.db.read((m) => this.access.elderFor(m, caller, familyMemberId));
    if (elder) {
      await this.db.transaction((tx) =>
        sql(tx, `UPDATE allowance_candidate SET status = 'applied', application_id = ?, updated_at = ? WHERE elder_id_hash = ?`, [view.id, this.clock.now(), elder.idNumberHash]),
      );
    }
    return view;
  }
}

function entitlementView(e: Raw): EntitlementView {
  return {
    id: String(e.id), forMonth: String(e.for_month), payMonth: String(e.pay_month), amountCny: Number(e.amount_cny), bracketLabel: `${String(e.bracket_min_age)}岁档`,
    backPay: e.kind === 'back_pay', state: e.state as EntitlementView['state'], failureReason: e.failure_reason ? String(e.failure_reason) : null, paidOn: e.paid_on ? String(e.paid_on) : null,
  };
}
void ENTITLEMENT_STATE_TEXT;

function decisionView(d: AllowanceDecisionEntity, r: AllowanceRecipientEntity | undefined, month?: string): DecisionView {
  const ev = JSON.parse(d.evidenceJson) as DecisionView['evidence'];
  return {
    id: d.id, recipientId: d.recipientId, elderName: r?.elderName ?? '', elderIdMasked: r?.elderIdMasked ?? '', communityCode: r?.communityCode ?? '', kind: d.kind as DecisionKind,
    kindText: DECISION_KIND_TEXT[d.kind as DecisionKind], status: d.status as DecisionView['status'], effectiveMonth: d.effectiveMonth,
    evidence: { source: ev.source, asOf: ev.asOf, facts: ev.facts }, staffText: d.staffText, familyText: d.familyText, decidedAt: d.decidedAt.toISOString(),
    runMonth: month ?? (d.runKey.startsWith('reverify:') ? d.runKey.slice(9) : null),
  };
}

function overpaymentView(o: AllowanceOverpaymentEntity): OverpaymentView {
  return {
    id: o.id, recipientId: o.recipientId, forMonth: o.forMonth, amountCny: o.amountCny, status: o.status as OverpaymentView['status'], reason: o.reason,
    createdAt: o.createdAt.toISOString(), resolvedAt: o.resolvedAt ? o.resolvedAt.toISOString() : null, resolution: o.resolution,
  };
}

function taskView(t: AllowancePayTaskEntity): PayTaskView {
  return {
    id: t.id, kind: t.kind as PayTaskView['kind'], kindText: PAY_TASK_KIND_TEXT[t.kind as PayTaskView['kind']], communityCode: t.communityCode, elderName: t.elderName,
    elderIdMasked: t.elderIdMasked, text: t.text, recipientId: t.recipientId, status: t.status as 'open', createdAt: t.createdAt.toISOString(),
    resolvedAt: t.resolvedAt ? t.resolvedAt.toISOString() : null, resolution: t.resolution,
  };
}
