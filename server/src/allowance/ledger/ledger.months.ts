import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { addMonths, ErrorCode, type LedgerMonthView, type LedgerRunView } from '@jianban/shared';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../common/config';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import { PINO } from '../../common/logger';
import { AllowancePolicyService, type Policy } from '../allowance.policy';
import { AllowanceEntitlementEntity, AllowanceLedgerAuditEntity, AllowanceLedgerMonthEntity, AllowanceLedgerRunEntity } from './ledger.entities';
import { bracketOfMonth, monthBefore, monthIndex, paysInMonth } from './ledger.rules';
import { LedgerRuns, runView, sha256, type RunRow } from './ledger.runs';
import { PaymentSettingsService, type PaymentSettings } from './ledger.settings';
import { changed, insertIgnore, rangeSql, shanghaiDayOf, sql } from './ledger.sql';

export interface Actor {
  kind: 'staff' | 'schedule' | 'cli';
  id: string;
  name: string;
}

/**
 * Item 1: the months of the ledger. An entitlement run creates, for every recipient payable in the month, one
 * entitlement — the unique (recipient_id, for_month) key makes a second run, or two instances at once, create nothing
 * more. The district closes a month after review; a closed month never changes again (corrections go into a later
 * open month as back-pay or 追缴).
 */
@Injectable()
export class LedgerMonths {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly runs: LedgerRuns,
    private readonly settings: PaymentSettingsService,
    private readonly policies: AllowancePolicyService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  thisMonth(): string {
    return this.clock.today().slice(0, 7);
  }

  monthRow(m: EntityManager, month: string): Promise<AllowanceLedgerMonthEntity | null> {
    return m.findOne(AllowanceLedgerMonthEntity, { where: { month } });
  }

  async isClosed(m: EntityManager, month: string): Promise<boolean> {
    return (await this.monthRow(m, month))?.status === 'closed';
  }

  /** the first month at or after `month` that is not closed (where back-pay and retries are booked) */
  async firstOpenFrom(m: EntityManager, month: string): Promise<string> {
    const closed = new Set(((await sql(m, `SELECT month FROM allowance_ledger_month WHERE status = 'closed' AND month >= ?`, [month])) as { month: string }[]).map((r) => r.month));
    let x = month;
    while (closed.has(x)) x = addMonths(x, 1);
    return x;
  }

  /** the district (or the schedule) starts the month's entitlements; the work continues in the background and on every instance */
  async startEntitlements(month: string, by: Actor): Promise<LedgerRunView> {
    if (monthIndex(month) > monthIndex(this.thisMonth()) + 1) throw new DomainError(ErrorCode.LedgerStateConflict, 'that month has not come yet');
    const now = this.clock.now();
    await this.db.retrying((tx) => insertIgnore(tx, AllowanceLedgerMonthEntity, [{ month, status: 'open', closedAt: null, closedBy: null, note: null, createdAt: now }]));
    if (await this.db.read((m) => this.isClosed(m, month))) throw new DomainError(ErrorCode.LedgerMonthClosed, 'the month is closed');
    const run = await this.runs.start('entitle', month, by, true);
    // this instance starts at once when its ledger job runs (off in tests, which drive runs themselves)
    if (this.config.ledger.jobPollSeconds > 0) setImmediate(() => void this.driveEntitlements(run.id).catch((err: unknown) => this.log.warn({ err, event: 'ledger_entitle_failed', month }, 'entitlement run stopped; it resumes on the next tick')));
    return runView(run);
  }

  /** works the run's free chunks on this instance; finishes the run when no chunk is left */
  async driveEntitlements(runId: string, crashAfter?: number): Promise<number> {
    const run = (await this.db.read((m) => m.findOne(AllowanceLedgerRunEntity, { where: { id: runId } }))) as RunRow | null;
    if (!run || run.status !== 'running') return 0;
    const [policy, settings] = await this.db.read(async (m) => [await this.policies.policyOn(m, `${run.month}-01`), await this.settings.current(m)] as const);
    const worked = await this.runs.drive(runId, 'entitle', (tx, chunkNo) => this.entitleChunk(tx, run, chunkNo, policy, settings), crashAfter);
    await this.finish(run);
    return worked;
  }

  private async entitleChunk(tx: EntityManager, run: RunRow, chunkNo: number, policy: Policy, settings: PaymentSettings): Promise<{ rows: number; checksum: string | null }> {
    if (await this.isClosed(tx, run.month)) throw new DomainError(ErrorCode.LedgerMonthClosed, 'the month was closed during the run');
    const range = rangeSql('r.id', chunkNo, run.chunksTotal);
    const rows: Raw[] = await sql(tx, 
      `SELECT r.id, r.elder_birth_date, r.status, r.stopped_from, (SELECT MIN(c.withdrawn_at) FROM allowance_consent c WHERE c.application_id = r.application_id) AS withdrawn
       FROM allowance_recipient r WHERE ${range.sql} AND r.first_paid_month <= ?`,
      [...range.params, run.month],
    );
    const now = this.clock.now();
    const out: AllowanceEntitlementEntity[] = [];
    for (const r of rows) {
      if (!payableIn(r, run.month)) continue;
      const b = bracketOfMonth(policy.brackets, String(r.elder_birth_date), run.month, settings.bracketChange);
      if (!b) continue;
      out.push({
        id: randomUUID(), recipientId: String(r.id), forMonth: run.month, payMonth: run.month, kind: 'regular', amountCny: b.monthlyCny, bracketMinAge: b.minAge,
        state: 'pending', failureReason: null, paidOn: null, runId: run.id, createdAt: now, updatedAt: now,
      });
    }
    await insertIgnore(tx, AllowanceEntitlementEntity, out);
    return { rows: out.length, checksum: null };
  }

  private async finish(run: RunRow): Promise<void> {
    if ((await this.db.read((m) => this.runs.openChunks(m, run.id))) > 0) return;
    const checksum = await this.checksum(run.month);
    // two instances may finish at once on different Galera nodes: the loser's commit is refused (1213) and retried
    await this.db.retrying((tx) =>
      changed(tx, `UPDATE allowance_ledger_run SET status = 'done', finished_at = ?, checksum = ? WHERE id = ? AND status = 'running'`, [this.clock.now(), checksum, run.id]),
    );
  }

  /** what the month's entitlements are, independent of ids and timing: equal for an interrupted-and-resumed run and a clean one */
  async checksum(month: string): Promise<string> {
    const rows: Raw[] = await this.db.read((m) =>
      sql(m, `SELECT e.recipient_id, e.for_month, e.kind, e.amount_cny, e.state FROM allowance_entitlement e WHERE e.pay_month = ? ORDER BY e.recipient_id, e.for_month`, [month]),
    );
    return sha256(rows.map((r) => `${r.recipient_id}|${r.for_month}|${r.kind}|${r.amount_cny}|${r.state}`));
  }

  async close(month: string, staff: { id: string }, note?: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await this.monthRow(tx, month);
      if (row?.status === 'closed') throw new DomainError(ErrorCode.LedgerMonthClosed, 'the month is already closed');
      const run = await this.runs.byMonth(tx, 'entitle', month);
      if (!row || !run || run.status !== 'done') throw new DomainError(ErrorCode.LedgerStateConflict, 'run the month\'s entitlements first');
      const reverify = await this.runs.byMonth(tx, 'reverify', month);
      if (reverify && (reverify.status === 'running' || reverify.status === 'held')) throw new DomainError(ErrorCode.LedgerStateConflict, 'the re-verification of the month is not finished');
      const n = await changed(tx, `UPDATE allowance_ledger_month SET status = 'closed', closed_at = ?, closed_by = ?, note = ? WHERE month = ? AND status = 'open'`, [now, staff.id, note ?? null, month]);
      if (n !== 1) throw new DomainError(ErrorCode.LedgerMonthClosed, 'the month is already closed');
      await audit(tx, { kind: 'staff', id: staff.id }, 'month_close', month, note ?? null, now);
    });
  }

  async view(month: string): Promise<LedgerMonthView> {
    return this.db.read(async (m) => {
      const row = await this.monthRow(m, month);
      const settings = await this.settings.current(m);
      const sums: Raw[] = await sql(m, 
        `SELECT e.kind AS kind, COUNT(*) AS n, COALESCE(SUM(e.amount_cny), 0) AS cny FROM allowance_entitlement e WHERE e.pay_month = ? AND e.state <> 'cancelled' GROUP BY e.kind`,
        [month],
      );
      const of = (k: string) => sums.find((s) => s.kind === k);
      const all = sums.reduce<{ n: number; cny: number }>((a, s) => ({ n: a.n + Number(s.n), cny: a.cny + Number(s.cny) }), { n: 0, cny: 0 });
      const entitle = await this.runs.byMonth(m, 'entitle', month);
      const reverify = await this.runs.byMonth(m, 'reverify', month);
      const roster: Raw[] = await sql(m, `SELECT COUNT(*) AS n, COALESCE(SUM(amount_cny), 0) AS cny, MIN(created_at) AS first FROM allowance_payment_line WHERE roster_month = ?`, [month]);
      const exports: Raw[] = await sql(m, `SELECT COUNT(*) AS n FROM allowance_ledger_audit WHERE action = 'roster_export' AND subject = ?`, [month]);
      const returns: Raw[] = await sql(m, 
        `SELECT id, file_name, finished_at, ok_count, failed_count, bad_count, duplicate_count FROM allowance_ledger_import WHERE kind = 'bank_return' AND month = ? AND status = 'applied' ORDER BY started_at`,
        [month],
      );
      return {
        month, status: (row?.status ?? 'open') as 'open' | 'closed', entitlements: all.n, amountCny: all.cny,
        backPay: Number(of('back_pay')?.n ?? 0), backPayCny: Number(of('back_pay')?.cny ?? 0), paysThisMonth: paysInMonth(month, settings.period),
        entitlementRun: entitle ? runView(entitle) : null, reverification: reverify ? reverifyRunViewOf(reverify) : null,
        closedAt: row?.closedAt ? row.closedAt.toISOString() : null, closedBy: row?.closedBy ?? null,
        roster: Number(roster[0].n) > 0 ? { lines: Number(roster[0].n), amountCny: Number(roster[0].cny), firstExportedAt: (shanghaiDayOf(roster[0].first) ?? ''), exports: Number(exports[0].n) } : null,
        bankReturns: returns.map((r) => ({
          id: String(r.id), fileName: String(r.file_name), importedAt: (asIso(r.finished_at)), paid: Number(r.ok_count), failed: Number(r.failed_count), bad: Number(r.bad_count), duplicate: Number(r.duplicate_count),
        })),
      };
    });
  }

  async list(): Promise<LedgerMonthView[]> {
    const months: { month: string }[] = await this.db.read((m) => sql(m, `SELECT month FROM allowance_ledger_month ORDER BY month DESC LIMIT 36`));
    const out: LedgerMonthView[] = [];
    for (const r of months) out.push(await this.view(r.month));
    return out;
  }
}

type Raw = Record<string, unknown>;

/** a recipient is paid for `month` unless stopped before it, or the consent was withdrawn in an earlier month */
export function payableIn(r: Raw, month: string): boolean {
  if (r.status !== 'active' && !(r.stopped_from && monthBefore(month, String(r.stopped_from)))) return false;
  const withdrawn = shanghaiDayOf(r.withdrawn);
  if (withdrawn && monthBefore(withdrawn.slice(0, 7), month)) return false;
  return true;
}

export async function audit(tx: EntityManager, actor: { kind: string; id: string }, action: string, subject: string, detail: string | null, at: Date): Promise<void> {
  await tx.insert(AllowanceLedgerAuditEntity, { id: randomUUID(), at, actorKind: actor.kind, actorId: actor.id, action, subject: subject.slice(0, 64), detail: detail ? detail.slice(0, 200) : null });
}

export function asIso(v: unknown): string {
  const d = v instanceof Date ? v : v ? new Date(/[zZ]$/.test(String(v)) ? String(v) : `${String(v).replace(' ', 'T')}Z`) : new Date(0);
  return d.toISOString();
}

export function reverifyRunViewOf(r: RunRow): LedgerMonthView['reverification'] & object {
  const c = (r.countsJson ? JSON.parse(r.countsJson) : {}) as Record<string, number>;
  const stopping = (c.died ?? 0) + (c.moved_out ?? 0) + (c.consent_withdrawn ?? 0);
  return {
    id: r.id, month: r.month, status: r.status as 'running', source: (r.source ?? 'district-copy') as 'district-copy', recipients: r.recipients,
    counts: {
      died: c.died ?? 0, movedOut: c.moved_out ?? 0, reinstated: c.reinstated ?? 0, bracketUp: c.bracket_up ?? 0, consentWithdrawn: c.consent_withdrawn ?? 0,
      missing: c.missing ?? 0, unavailable: c.unavailable ?? 0, candidates: c.candidates ?? 0,
    },
    suspendPercent: r.recipients ? Math.round((stopping / r.recipients) * 10000) / 100 : 0, thresholdPercent: r.thresholdBp / 100, heldReason: r.heldReason,
    approvedBy: r.approvedBy, approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  };
}

