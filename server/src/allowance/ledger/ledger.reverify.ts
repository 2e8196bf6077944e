import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { addMonths, type BracketChangeRule, DECISION_KIND_TEXT, ErrorCode, firstMonthAtAge, maskIdNumber, type ReverifyRunView } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../common/config';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import { JobLeaseRepository } from '../../common/job-lease.repository';
import { PINO } from '../../common/logger';
import { PiiCipher } from '../../common/pii-cipher';
import { CivilAffairsRegistry } from '../../civil-affairs/civil-affairs.port';
import { AllowancePolicyService, type Policy } from '../allowance.policy';
import { AllowanceCandidateEntity, AllowanceDecisionEntity, AllowanceEntitlementEntity, AllowanceLedgerRunEntity, AllowanceOverpaymentEntity } from './ledger.entities';
import { audit, LedgerMonths, reverifyRunViewOf, type Actor } from './ledger.months';
import { LedgerNotices, type Elder, type TaskInput } from './ledger.notices';
import { bracketOfMonth, classify, DISTRICT_PREFIX, FLAGS, monthsBetween, monthText, STOPPING, type Finding, type RecipientFacts } from './ledger.rules';
import { LedgerRuns, type RunRow } from './ledger.runs';
import { PaymentSettingsService, type PaymentSettings } from './ledger.settings';
import { asDate, changed, chunkCountFor, insertIgnore, marks, rangeSql, shanghaiDayOf, sql } from './ledger.sql';

type Raw = Record<string, unknown>;
const APPLY_BATCH = 1000;

/**
 * Item 3: the monthly re-verification of every recipient against the registry, set-based — one SQL join per
 * primary-key chunk over the district copy, or one batched lookupMany per chunk for the data-sharing adapter, never
 * one call or statement per person. Findings are stored as decisions with their evidence (unique per run, recipient
 * and kind: a rerun adds nothing). A run that would stop more than the threshold of recipients waits for a district
 * admin (F5); otherwise, or once approved, the decisions are applied: suspension from the month after death with 追缴
 * of anything paid later, stop after a move, back-pay after reinstatement, tasks for the community, careful messages.
 * Absence of data (missing from the extract, registry unreachable) is only ever a flag for staff.
 */
@Injectable()
export class LedgerReverify {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly runs: LedgerRuns,
    private readonly months: LedgerMonths,
    private readonly settings: PaymentSettingsService,
    private readonly policies: AllowancePolicyService,
    private readonly notices: LedgerNotices,
    private readonly registry: CivilAffairsRegistry,
    private readonly cipher: PiiCipher,
    private readonly leases: JobLeaseRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async start(month: string, by: Actor): Promise<ReverifyRunView> {
    if (await this.db.read((m) => this.months.isClosed(m, month))) throw new DomainError(ErrorCode.LedgerMonthClosed, 'the month is closed');
    const existing = await this.db.read((m) => this.runs.byMonth(m, 'reverify', month));
    if (existing?.status === 'held') throw new DomainError(ErrorCode.LedgerStateConflict, 'the run waits for approval');
    const settings = await this.db.read((m) => this.settings.current(m));
    const run = await this.runs.start('reverify', month, by, true, { source: this.config.civilAffairs.source, thresholdBp: settings.holdBp });
    // this instance starts at once when its ledger job runs (off in tests, which drive runs themselves)
    if (this.config.ledger.jobPollSeconds > 0) setImmediate(() => void this.drive(run.id).catch((err: unknown) => this.log.warn({ err, event: 'ledger_reverify_failed', month }, 're-verification stopped; it resumes on the next tick')));
    return reverifyRunViewOf(run);
  }

  async view(month: string): Promise<ReverifyRunView> {
    const run = await this.db.read((m) => this.runs.byMonth(m, 'reverify', month));
    if (!run) throw new DomainError(ErrorCode.NotFound, 'no re-verification for that month');
    return reverifyRunViewOf(run);
  }

  async approve(month: string, staff: { id: string }, reason: string): Promise<ReverifyRunView> {
    const now = this.clock.now();
    const run = await this.db.transaction(async (tx) => {
      const r = await this.runs.byMonth(tx, 'reverify', month);
      if (!r) throw new DomainError(ErrorCode.NotFound, 'no re-verification for that month');
      const n = await changed(tx, `UPDATE allowance_ledger_run SET status = 'running', approved_by = ?, approved_at = ?, approve_reason = ? WHERE id = ? AND status = 'held'`, [staff.id, now, reason, r.id]);
      if (n !== 1) throw new DomainError(ErrorCode.LedgerStateConflict, 'the run does not wait for approval');
      await audit(tx, { kind: 'staff', id: staff.id }, 'reverify_approve', month, reason, now);
      return r;
    });
    await this.finalize(run.id);
    return this.view(month);
  }

  /** classifies the run's free chunks on this instance, then finalizes (hold or apply) when none is left */
  async drive(runId: string, crashAfter?: number): Promise<number> {
    const run = await this.db.read((m) => m.findOne(AllowanceLedgerRunEntity, { where: { id: runId } }));
    if (!run || run.status !== 'running') return 0;
    const [policy, settings] = await this.db.read(async (m) => [await this.policies.policyOn(m, `${run.month}-01`), await this.settings.current(m)] as const);
    const worked = await this.runs.drive(runId, 'reverify', (tx, chunkNo) => this.classifyChunk(tx, run, chunkNo, policy, settings), crashAfter);
    await this.finalize(runId);
    return worked;
  }

  // ---- classify ----------------------------------------------------------------------------------

  private async classifyChunk(tx: EntityManager, run: RunRow, chunkNo: number, policy: Policy, settings: PaymentSettings): Promise<{ rows: number; checksum: null }> {
    // chunks are ranges of the blind index, the registry's own key: the recipients' covering index
    // (idx_allowance_recipient_check) and the registry's primary key are then both read in order, as the bare join reads them
    const range = rangeSql('r.elder_id_hash', chunkNo, run.chunksTotal);
    const base = `r.id, r.elder_id_hash, r.elder_name, r.elder_id_masked, r.elder_birth_date, r.community_code, r.status, r.status_reason, r.stopped_from, r.application_id,
      c.withdrawn_at AS withdrawn`;
    const consent = `LEFT JOIN allowance_consent c ON c.application_id = r.application_id AND c.withdrawn_at IS NOT NULL`;
    type Evidence = { source: string; asOf: string | null; facts: Record<string, string | null> };
    // the evidence is built only for the rows with a finding
    let rows: (Raw & { facts: RecipientFacts; evidence: () => Evidence })[];
    // the chunk's count is every recipient checked in its range, the unchanged ones that never left the database included
    let checked: number;
    if (run.source === 'data-sharing') {
      const rs: Raw[] = await sql(tx, `SELECT ${base}, r.elder_id_enc FROM allowance_recipient r ${consent} WHERE ${range.sql}`, range.params);
      checked = rs.length;
      const ids = rs.map((r) => this.cipher.decrypt(String(r.elder_id_enc)));
      const answers = ids.length ? await this.registry.lookupMany(ids) : new Map();
      rows = rs.map((r, i) => {
        const a = answers.get(ids[i]);
        const p = a?.kind === 'found' ? a.person : null;
        return Object.assign(r, {
          facts: this.facts(r, { unavailable: !a || a.kind === 'unavailable', found: !!p, name: p?.name ?? null, hukou: p?.hukouRegionCode ?? null, death: p?.deathDate ?? null, moved: p?.movedOutDate ?? null }),
          evidence: (): Evidence => ({ source: 'data-sharing', asOf: a?.kind === 'found' ? a.asOf.toISOString() : null, facts: { hukouRegionCode: p?.hukouRegionCode ?? null, deathDate: p?.deathDate ?? null, movedOutDate: p?.movedOutDate ?? null, answer: a?.kind ?? 'unavailable' } }),
        });
      });
    } else {
      // the set-based join over the district copy (registry tables keyed by the same blind index). Only the rows that
      // can have a finding leave the database (mayChangeSql): a recipient whose registry row agrees with the ledger
      // costs no transfer and no work in Node, so the chunk's time follows its changes, not its size
      const mayChange = mayChangeSql(this.db.dialect, run.month, settings.bracketChange, policy.brackets);
      const rs: Raw[] = await sql(tx, 
        `SELECT ${base}, p.id_number_hash AS p_hash, p.name AS p_name, p.hukou_region_code AS p_hukou, p.updated_at AS p_at, d.event_date AS death, mo.event_date AS moved
         FROM allowance_recipient r ${consent}
         LEFT JOIN registry_person p ON p.id_number_hash = r.elder_id_hash
         LEFT JOIN registry_death d ON d.id_number_hash = r.elder_id_hash
         LEFT JOIN registry_move_out mo ON mo.id_number_hash = r.elder_id_hash
         WHERE ${range.sql} AND ${mayChange.sql}`,
        [...range.params, ...mayChange.params],
      );
      const [count]: Raw[] = await sql(tx, `SELECT COUNT(*) AS n FROM allowance_recipient r WHERE ${range.sql}`, range.params);
      checked = Number(count.n);
      rows = rs.map((r) =>
        Object.assign(r, {
          facts: this.facts(r, { unavailable: false, found: r.p_hash !== null && r.p_hash !== undefined, name: (r.p_name as string) ?? null, hukou: (r.p_hukou as string) ?? null, death: (r.death as string) ?? null, moved: (r.moved as string) ?? null }),
          evidence: (): Evidence => ({ source: 'district-copy', asOf: r.p_at ? asDate(r.p_at)!.toISOString() : null, facts: { hukouRegionCode: (r.p_hukou as string) ?? null, deathDate: (r.death as string) ?? null, movedOutDate: (r.moved as string) ?? null, inExtract: r.p_hash ? 'yes' : 'no' } }),
        }),
      );
    }
    const now = this.clock.now();
    const decisions: AllowanceDecisionEntity[] = [];
    for (const r of rows) {
      for (const f of classify(r.facts, run.month, settings.bracketChange, policy.brackets)) {
        decisions.push({
          id: randomUUID(), runKey: `reverify:${run.month}`, recipientId: String(r.id), kind: f.kind, status: FLAGS.includes(f.kind) ? 'flagged' : 'proposed',
          effectiveMonth: f.effectiveMonth, evidenceJson: JSON.stringify(r.evidence()), ...texts(f, r, policy, settings, run.month), decidedAt: now, appliedAt: null,
        });
      }
    }
    await insertIgnore(tx, AllowanceDecisionEntity, decisions);
    // flags: the recipient is marked for staff and the community gets one task per month; nothing changes for the family
    const flagged = decisions.filter((d) => d.status === 'flagged');
    if (flagged.length) {
      await sql(tx, `UPDATE allowance_recipient SET flagged = ?, flag_reason = ? WHERE id IN (${marks(flagged.length)})`, [true, 'registry', ...flagged.map((d) => d.recipientId)]);
      const byId = new Map(rows.map((x) => [String(x.id), x]));
      await this.notices.tasks(tx, flagged.map((d) => ({ elder: elderOf(byId.get(d.recipientId)!), kind: 'registry_flag', key: `flag:${run.month}:${d.recipientId}:${d.kind}`, text: `${String(byId.get(d.recipientId)!.elder_name)}：${d.staffText}` })), now);
    }
    return { rows: checked, checksum: null };
  }

  private facts(r: Raw, x: { unavailable: boolean; found: boolean; name: string | null; hukou: string | null; death: string | null; moved: string | null }): RecipientFacts {
    return {
      status: r.status as RecipientFacts['status'], statusReason: (r.status_reason as string) ?? null, birthDate: String(r.elder_birth_date), unavailable: x.unavailable,
      found: x.found, registryName: x.name, recipientName: String(r.elder_name), hukouRegionCode: x.hukou, deathDate: x.death, movedOutDate: x.moved,
      consentWithdrawnOn: shanghaiDayOf(r.withdrawn),
    };
  }

  // ---- finalize: hold (F5) or apply ----------------------------------------------------------------

  async finalize(runId: string): Promise<void> {
    if ((await this.db.read((m) => this.runs.openChunks(m, runId))) > 0) return;
    const run = await this.db.read((m) => m.findOne(AllowanceLedgerRunEntity, { where: { id: runId } }));
    if (!run || run.status !== 'running') return;
    const key = `reverify:${run.month}`;
    const counts = await this.counts(key);
    const recipients = Number(((await this.db.read((m) => sql(m, `SELECT COUNT(*) AS n FROM allowance_recipient WHERE status = 'active'`))) as Raw[])[0].n);
    const stopping: Raw[] = await this.db.read((m) =>
      sql(m, `SELECT COUNT(*) AS n FROM allowance_decision WHERE run_key = ? AND status = 'proposed' AND kind IN (${marks(STOPPING.length)})`, [key, ...STOPPING]),
    );
    const share = recipients ? Number(stopping[0].n) / recipients : 0;
    await this.db.retrying((tx) => sql(tx, `UPDATE allowance_ledger_run SET counts_json = ?, recipients = ? WHERE id = ?`, [JSON.stringify(counts), recipients, run.id]));
    if (!run.approvedAt && share * 10000 > run.thresholdBp) {
      const pct = Math.round(share * 10000) / 100;
      await this.db.retrying((tx) =>
        changed(tx, `UPDATE allowance_ledger_run SET status = 'held', held_reason = ? WHERE id = ? AND status = 'running'`, [
          `这次复核会让${Number(stopping[0].n)}人（${pct}%）停发，超过了${run.thresholdBp / 100}%的上限。可能是户籍数据有误，请核实后再批准执行。`, run.id,
        ]),
      );
      return;
    }
    if (!(await this.apply(run))) return;
    const found = await this.findCandidates(run.month);
    const final = { ...(await this.counts(key)), candidates: found };
    await this.db.retrying((tx) =>
      changed(tx, `UPDATE allowance_ledger_run SET status = 'done', finished_at = ?, counts_json = ? WHERE id = ? AND status = 'running'`, [this.clock.now(), JSON.stringify(final), run.id]),
    );
  }

  private async counts(key: string): Promise<Record<string, number>> {
    const rows: Raw[] = await this.db.read((m) => sql(m, `SELECT kind, COUNT(*) AS n FROM allowance_decision WHERE run_key = ? GROUP BY kind`, [key]));
    return Object.fromEntries(rows.map((r) => [String(r.kind), Number(r.n)]));
  }

  /**
   * applies the proposed decisions, set-based in batches of APPLY_BATCH, by one instance at a time (a job lease per
   * run; a crashed holder's lease runs out and the next finalize continues with what is still proposed). On MariaDB the
   * instance applies in LEDGER_REVERIFY_WORKERS lanes at once, each a range of recipient ids: the lanes' batches touch
   * different recipients, and a lock-conflict victim is retried whole. Returns false when another instance holds the
   * lease (it finishes the run).
   */
  private async apply(run: RunRow): Promise<boolean> {
    const start = this.clock.now();
    const mine = await this.db.retrying((tx) => this.leases.acquire(tx, `ledger-apply:${run.id}`, this.runs.holder, start, new Date(start.getTime() + 10 * 60_000)));
    if (!mine) return false;
    const policies = new Map<string, Policy>();
    const settings = await this.db.read((m) => this.settings.current(m));
    const lanes = this.runs.workersFor('reverify');
    await this.runs.inParallel(lanes, (k) => this.applyLane(run, rangeSql('d.recipient_id', k, lanes), settings, policies));
    return true;
  }

  private async applyLane(run: RunRow, lane: { sql: string; params: string[] }, settings: PaymentSettings, policies: Map<string, Policy>): Promise<void> {
    const key = `reverify:${run.month}`;
    // pages in the order of the unique (run_key, recipient_id, kind) index, continuing after the last row seen: each page
    // is an index range read, not a scan and sort of the run's decisions
    let after = { recipient: '', kind: '' };
    for (;;) {
      const rows: Raw[] = await this.db.read((m) =>
        sql(m,
          `SELECT d.id AS decision_id, d.kind, d.effective_month, d.evidence_json, r.id, r.elder_id_hash, r.elder_name, r.elder_id_masked, r.community_code, r.application_id,
                  r.status_reason, r.stopped_from, r.first_paid_month, r.elder_birth_date
           FROM allowance_decision d JOIN allowance_recipient r ON r.id = d.recipient_id
           WHERE d.run_key = ? AND ${lane.sql} AND (d.recipient_id > ? OR (d.recipient_id = ? AND d.kind > ?)) AND d.status = 'proposed'
           ORDER BY d.run_key, d.recipient_id, d.kind LIMIT ${APPLY_BATCH}`,
          [key, ...lane.params, after.recipient, after.recipient, after.kind],
        ),
      );
      if (!rows.length) return;
      await this.db.retrying((tx) => this.applyBatch(tx, rows, run.month, settings, policies));
      const last = rows[rows.length - 1];
      after = { recipient: String(last.id), kind: String(last.kind) };
    }
  }

  private async applyBatch(tx: EntityManager, rows: Raw[], month: string, settings: PaymentSettings, policies: Map<string, Policy>): Promise<void> {
    const now = this.clock.now();
    await sql(tx, `UPDATE allowance_decision SET status = 'applied', applied_at = ? WHERE id IN (${marks(rows.length)}) AND status = 'proposed'`, [now, ...rows.map((r) => r.decision_id)]);
    const stopping = rows.filter((r) => STOPPING.includes(r.kind as never));
    const factsOf = (r: Raw) => (JSON.parse(String(r.evidence_json)) as { facts: Record<string, string | null> }).facts;
    // recipients: one UPDATE per (kind, first month, date)
    const groups = new Map<string, { kind: string; eff: string; date: string | null; ids: string[] }>();
    for (const r of stopping) {
      const f = factsOf(r);
      const date = r.kind === 'died' ? f.deathDate : r.kind === 'moved_out' ? (f.movedOutDate ?? `${month}-01`) : null;
      const g = `${String(r.kind)}|${String(r.effective_month)}|${date}`;
      if (!groups.has(g)) groups.set(g, { kind: String(r.kind), eff: String(r.effective_month), date, ids: [] });
      groups.get(g)!.ids.push(String(r.id));
    }
    for (const g of groups.values()) {
      await sql(tx,
        `UPDATE allowance_recipient SET status = ?, status_reason = ?, stopped_from = ?, death_date = COALESCE(?, death_date), moved_out_date = COALESCE(?, moved_out_date), updated_at = ? WHERE id IN (${marks(g.ids.length)})`,
        [g.kind === 'died' ? 'suspended' : 'stopped', g.kind, g.eff, g.kind === 'died' ? g.date : null, g.kind === 'moved_out' ? g.date : null, now, ...g.ids],
      );
    }
    if (stopping.length) {
      // months from the first stopped month on: not yet sent → cancelled; paid, or sent in a closed month → 追缴
      const effOf = new Map(stopping.map((r) => [String(r.id), String(r.effective_month)]));
      const ents: Raw[] = await sql(tx,
        `SELECT e.id, e.recipient_id, e.for_month, e.amount_cny, e.state, m.status AS month_status,
                (SELECT COUNT(*) FROM allowance_payment_line l WHERE l.entitlement_id = e.id AND l.status IN ('sent', 'paid')) AS sent
         FROM allowance_entitlement e LEFT JOIN allowance_ledger_month m ON m.month = e.pay_month
         WHERE e.recipient_id IN (${marks(effOf.size)}) AND e.state IN ('pending', 'paid')`,
        [...effOf.keys()],
      );
      const cancel: string[] = [];
      const over = new Map<string, Raw[]>();
      for (const e of ents) {
        if (String(e.for_month) < effOf.get(String(e.recipient_id))!) continue;
        if (e.state === 'paid' || Number(e.sent) > 0 || e.month_status === 'closed') over.set(String(e.recipient_id), [...(over.get(String(e.recipient_id)) ?? []), e]);
        else cancel.push(String(e.id));
      }
      for (let i = 0; i < cancel.length; i += 500) {
        const part = cancel.slice(i, i + 500);
        await sql(tx, `UPDATE allowance_entitlement SET state = 'cancelled', updated_at = ? WHERE id IN (${marks(part.length)}) AND state = 'pending'`, [now, ...part]);
      }
      const overRows: AllowanceOverpaymentEntity[] = [];
      const tasks: TaskInput[] = [];
      for (const r of stopping) {
        const list = over.get(String(r.id)) ?? [];
        const eff = String(r.effective_month);
        for (const e of list) {
          overRows.push({
            id: randomUUID(), recipientId: String(r.id), entitlementId: String(e.id), forMonth: String(e.for_month), amountCny: Number(e.amount_cny), decisionId: String(r.decision_id), status: 'open',
            reason: `${DECISION_KIND_TEXT[r.kind as keyof typeof DECISION_KIND_TEXT]}（${monthText(eff)}起不应发放）`, createdAt: now, resolvedAt: null, resolution: null, resolvedBy: null,
          });
        }
        const elder = elderOf(r);
        if (list.length) {
          const total = list.reduce((a, e) => a + Number(e.amount_cny), 0);
          tasks.push({ elder, kind: 'overpayment', key: `over:${String(r.decision_id)}`, text: `${elder.elderName}${monthText(eff)}起不应再发放，已多发${list.length}个月共${total}元，需要追回。请先慰问家属，再说明退回方式。` });
        }
        if (r.kind === 'died') {
          tasks.push({ elder, kind: 'deceased', key: `deceased:${elder.id}`, text: `户籍库登记${elder.elderName}已于${factsOf(r).deathDate ?? ''}去世，津贴从${monthText(eff)}起停发。请向家属致以慰问。` });
        }
      }
      await insertIgnore(tx, AllowanceOverpaymentEntity, overRows);
      await this.notices.tasks(tx, tasks, now);
      // the family: one careful notice after a death (pushed once per account), a stop after a move
      const accounts = await this.notices.accountsOf(tx, stopping.map((r) => String(r.elder_id_hash)));
      for (const r of stopping) {
        if (!accounts.get(String(r.elder_id_hash))?.length) continue;
        const elder = elderOf(r);
        if (r.kind === 'died') await this.notices.toFamily(tx, { ...elder, statusReason: null }, 'allowance_closed', {}, `closed:${elder.id}`);
        else if (r.kind === 'moved_out') await this.notices.toFamily(tx, elder, 'allowance_suspended', { reason: `户籍数据显示户口已迁出荆州区，从${monthText(String(r.effective_month))}起停发。如果登记有误，请联系社区。` }, `stopped:${String(r.decision_id)}`);
      }
    }
    for (const r of rows.filter((x) => x.kind === 'reinstated')) await this.reinstate(tx, r, month, settings, policies, now);
    // bracket_up: the entitlement runs pay the higher bracket from its month; the decision is the record and the family's sentence
  }

  /** a corrected record: active again, the months missed while stopped back-paid in the next open month (within the arrears cap), 追缴 dropped */
  private async reinstate(tx: EntityManager, r: Raw, month: string, settings: PaymentSettings, policies: Map<string, Policy>, now: Date): Promise<void> {
    const elder = elderOf(r);
    const from = String(r.stopped_from ?? month);
    await sql(tx, `UPDATE allowance_recipient SET status = 'active', status_reason = NULL, stopped_from = NULL, death_date = NULL, moved_out_date = NULL, updated_at = ? WHERE id = ?`, [now, elder.id]);
    const payMonth = await this.months.firstOpenFrom(tx, month);
    // the months the ledger ran while the recipient was stopped (this month only when its run already happened)
    const ran = new Set((await sql(tx, `SELECT month FROM allowance_ledger_run WHERE kind = 'entitle' AND month >= ? AND month <= ?`, [from, month])).map((x) => String(x.month)));
    let missed = monthsBetween(from, month).filter((x) => ran.has(x) && x >= String(r.first_paid_month));
    if (settings.arrearsCapMonths !== null) missed = missed.slice(-settings.arrearsCapMonths);
    const have: Raw[] = missed.length ? await sql(tx, `SELECT id, for_month, state FROM allowance_entitlement WHERE recipient_id = ? AND for_month IN (${marks(missed.length)})`, [elder.id, ...missed]) : [];
    let total = 0;
    const back: string[] = [];
    for (const x of missed) {
      const e = have.find((h) => h.for_month === x);
      if (e && e.state !== 'cancelled') continue;
      const policy = policies.get(x) ?? (await this.policies.policyOn(tx, `${x}-01`));
      policies.set(x, policy);
      const b = bracketOfMonth(policy.brackets, String(r.elder_birth_date), x, settings.bracketChange);
      if (!b) continue;
      const kind = x < month ? 'back_pay' : 'regular';
      if (e) await sql(tx, `UPDATE allowance_entitlement SET state = 'pending', kind = ?, pay_month = ?, amount_cny = ?, bracket_min_age = ?, updated_at = ? WHERE id = ?`, [kind, payMonth, b.monthlyCny, b.minAge, now, e.id]);
      else await insertIgnore(tx, AllowanceEntitlementEntity, [{ id: randomUUID(), recipientId: elder.id, forMonth: x, payMonth, kind, amountCny: b.monthlyCny, bracketMinAge: b.minAge, state: 'pending', failureReason: null, paidOn: null, runId: null, createdAt: now, updatedAt: now }]);
      if (kind === 'back_pay') {
        total += b.monthlyCny;
        back.push(x);
      }
    }
    // a wrong record: nothing to recover
    await sql(tx, `UPDATE allowance_overpayment SET status = 'waived', resolved_at = ?, resolution = ? WHERE recipient_id = ? AND status = 'open'`, [now, '登记有误，已恢复发放，不需要追回', elder.id]);
    if (back.length) {
      const period = back.length === 1 ? monthText(back[0]) : `${monthText(back[0])}至${monthText(back[back.length - 1])}`;
      await this.notices.toFamily(tx, { ...elder, statusReason: null }, 'allowance_back_pay', { amountYuan: total, period, reason: '之前的户籍登记有误，现已更正并恢复发放。' }, `back:${String(r.decision_id)}`);
    }
  }

  // ---- 免申即享 candidates ------------------------------------------------------------------------

  /**
   * people in the district copy who meet the age rule by next month and are neither recipients (the imported roll
   * included), nor applicants, nor already listed: one set-based query per page, inserted under the unique elder key
   */
  async findCandidates(month: string): Promise<number> {
    if (this.config.civilAffairs.source !== 'district-copy') return 0;
    const policy = await this.db.read((m) => this.policies.policyOn(m, `${month}-01`));
    const minAge = Math.min(...policy.brackets.map((b) => b.minAge));
    const next = addMonths(month, 1);
    const cutoff = policy.ageRule === 'calendar_year' ? `${Number(next.slice(0, 4)) - minAge + 1}-01-01` : `${Number(addMonths(next, 1).slice(0, 4)) - minAge}-${addMonths(next, 1).slice(5, 7)}-01`;
    let found = 0;
    // ranges of the registry's primary key (the hex blind index), each about ten run chunks of people (at most 256):
    // each statement reads a bounded slice, and a small registry is one statement, not 256 round trips.
    // The registry's size, estimated from the first 1/256 of its key space (the blind index is uniform hex): a whole
    // COUNT(*) of a province-scale registry (10 M people) ran past the 2 s statement limit and stopped the run
    const people = 256 * Number(((await this.db.read((m) => sql(m, `SELECT COUNT(*) AS n FROM registry_person WHERE id_number_hash < ?`, ['01']))) as Raw[])[0].n);
    const ranges = chunkCountFor(people, this.config.ledger.chunkRows * 10);
    for (let k = 0; k < ranges; k++) {
      const range = rangeSql('p.id_number_hash', k, ranges);
      // death, move-out and recipient are LEFT JOINs on their unique keys, looked up in the range's key order: as NOT
      // EXISTS, MariaDB materialized the death and move-out tables again for every range (0.28 s a range of a 10 M
      // registry against 0.18 s cold, 0.07 s warm — 84 s of the province-scale run's candidate pass)
      const rows: Raw[] = await this.db.read((m) =>
        sql(m,
          `SELECT p.id_number_hash, p.id_number_enc, p.name, p.birth_date, p.hukou_region_code FROM registry_person p
           LEFT JOIN registry_death d ON d.id_number_hash = p.id_number_hash
           LEFT JOIN registry_move_out mo ON mo.id_number_hash = p.id_number_hash
           LEFT JOIN allowance_recipient r ON r.elder_id_hash = p.id_number_hash
           WHERE ${range.sql} AND p.birth_date < ? AND p.hukou_region_code LIKE '${DISTRICT_PREFIX}%'
             AND d.id_number_hash IS NULL AND mo.id_number_hash IS NULL AND r.elder_id_hash IS NULL
             AND NOT EXISTS (SELECT 1 FROM allowance_application a WHERE a.elder_id_hash = p.id_number_hash AND a.active_key IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM allowance_candidate c WHERE c.elder_id_hash = p.id_number_hash)`,
          [...range.params, cutoff],
        ),
      );
      if (!rows.length) continue;
      const now = this.clock.now();
      const monthlyCny = policy.brackets.find((b) => b.minAge === minAge)?.monthlyCny ?? 0;
      // retried as a whole on a Galera certification conflict: the candidate insert ignores duplicates and each message has its key
      await this.db.retrying(async (tx) => {
        const candidates = rows.map((p) => ({
          id: randomUUID(), elderIdHash: String(p.id_number_hash), elderIdMasked: maskIdNumber(this.cipher.decrypt(String(p.id_number_enc))), elderName: String(p.name),
          birthDate: String(p.birth_date), communityCode: String(p.hukou_region_code), eligibleMonth: firstMonthAtAge(String(p.birth_date), minAge, policy.ageRule),
          status: 'open', note: null, applicationId: null, foundAt: now, updatedAt: now,
        }));
        await insertIgnore(tx, AllowanceCandidateEntity, candidates);
        // the family already in the app gets the invitation in the inbox (its link opens that account's invitation page)
        const accounts = await this.notices.accountsOf(tx, candidates.map((c) => c.elderIdHash));
        for (const c of candidates.filter((x) => accounts.get(x.elderIdHash)?.length)) {
          const elder: Elder = { id: c.id, elderIdHash: c.elderIdHash, elderName: c.elderName, elderIdMasked: c.elderIdMasked, communityCode: c.communityCode, applicationId: null };
          await this.notices.toFamily(tx, elder, 'allowance_invited', { amountYuan: monthlyCny }, `invite:${c.elderIdHash.slice(0, 64)}`);
        }
      });
      found += rows.length;
    }
    return found;
  }
}

/**
 * the SQL condition (over the aliases r, c, p, d, mo of the classify join) that holds for every recipient for whom
 * `classify` can return a finding — a superset, so `classify` still decides each row it lets through:
 * died / moved out (a death or move-out record, a hukou outside the district), missing (not in the extract), not active
 * (reinstated), a withdrawn consent, a registry name that differs (compared byte for byte, as `!==` does: MariaDB's
 * unicode_ci collation would call 'A' and 'a ' equal), and bracket_up, which needs the age of `month` to differ from
 * the month before's — only in the birthday month (or the month after, with 'month_after') — and to be a bracket's
 * lower bound (bracketForAge: a bracket [minAge, maxAge] holding age A but not A − 1 starts at A).
 */
export function mayChangeSql(dialect: 'sqlite' | 'mariadb', month: string, rule: BracketChangeRule, brackets: readonly { minAge: number }[]): { sql: string; params: string[] } {
  const turn = rule === 'birthday_month' ? month : addMonths(month, -1);
  const births = [...new Set(brackets.map((b) => `${Number(turn.slice(0, 4)) - b.minAge}-${turn.slice(5, 7)}`))];
  const nameDiffers = dialect === 'sqlite' ? 'p.name <> r.elder_name' : 'BINARY p.name <> BINARY r.elder_name';
  return {
    sql: `(d.id_number_hash IS NOT NULL OR mo.id_number_hash IS NOT NULL OR p.id_number_hash IS NULL OR p.hukou_region_code NOT LIKE '${DISTRICT_PREFIX}%'
      OR r.status <> 'active' OR c.withdrawn_at IS NOT NULL OR ${nameDiffers}${births.length ? ` OR SUBSTR(r.elder_birth_date, 1, 7) IN (${marks(births.length)})` : ''})`,
    params: births,
  };
}

function elderOf(r: Raw): Elder {
  return {
    id: String(r.id), elderIdHash: String(r.elder_id_hash ?? ''), elderName: String(r.elder_name), elderIdMasked: String(r.elder_id_masked), communityCode: String(r.community_code),
    applicationId: r.application_id ? String(r.application_id) : null, statusReason: r.status_reason ? String(r.status_reason) : null,
  };
}

/** what staff read and what the family reads (plain words; null when the family is not told) */
function texts(f: Finding, r: Raw, policy: Policy, settings: PaymentSettings, month: string): { staffText: string; familyText: string | null } {
  const eff = f.effectiveMonth ? monthText(f.effectiveMonth) : '';
  switch (f.kind) {
    case 'died':
      return { staffText: `户籍库登记已去世，${eff}起暂停发放，之后已发的需追缴`, familyText: `民政数据登记老人已经离世，我们深表哀悼。高龄津贴从${eff}起停发。如果登记有误，请联系社区，核实后会补发。` };
    case 'moved_out':
      return { staffText: `户口已迁出荆州区，${eff}起停发`, familyText: `户籍数据显示老人的户口已迁出荆州区，高龄津贴从${eff}起停发。如果登记有误，请联系社区。` };
    case 'consent_withdrawn':
      return { staffText: `家属撤回了同意，${eff}起停发`, familyText: `您撤回了同意，高龄津贴从${eff}起停发。需要时可以重新申请。` };
    case 'reinstated':
      return { staffText: '户籍库已不再登记去世或迁出，恢复发放，停发期间的月份补发', familyText: '之前的户籍登记有误，现已更正，高龄津贴恢复发放，停发的月份会补发。' };
    case 'bracket_up': {
      const b = bracketOfMonth(policy.brackets, String(r.elder_birth_date), month, settings.bracketChange);
      return { staffText: `${monthText(month)}起进入${b ? `${b.minAge}岁` : '更高'}档次`, familyText: `老人已满${b?.minAge ?? ''}周岁，从${monthText(month)}起每月${b?.monthlyCny ?? ''}元，不用申请。` };
    }
    case 'missing':
      return { staffText: '本次户籍数据里没有这个人，照常发放，请核实户籍', familyText: null };
    case 'unavailable':
      return { staffText: '户籍库暂时连不上，这次没有复核，照常发放', familyText: null };
    case 'name_mismatch':
      return { staffText: `姓名与户籍库不一致（户籍库：${String(r.p_name ?? '')}），请核实`, familyText: null };
  }
}
