import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../common/config';
import type { LedgerRunView } from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { AllowanceLedgerRunEntity, AllowanceRunChunkEntity } from './ledger.entities';
import { changed, chunkCountFor, insertIgnore, sql } from './ledger.sql';

export type RunKind = 'entitle' | 'reverify';
export type RunRow = AllowanceLedgerRunEntity;
/** how long an instance holds a chunk by default (LEDGER_CHUNK_LEASE_SECONDS); a crashed instance's chunk is taken over after it */
export const CHUNK_LEASE_MS = 120_000;

/**
 * Runs cut into primary-key range chunks (ledger.sql CHUNKS) that any server instance may work: a chunk is claimed by a
 * conditional UPDATE on its row (free, or its lease expired), worked and marked done in one transaction with the
 * work itself. A crash (kill -9) rolls the chunk's transaction back and its lease runs out, so another instance — or
 * the same one restarted — redoes exactly that chunk: the result equals an uninterrupted run. No SKIP LOCKED, no
 * row locks held across chunks, only statements MariaDB Galera and TiDB accept.
 */
@Injectable()
export class LedgerRuns {
  /** this instance, as a chunk holder */
  readonly holder = `i-${randomUUID()}`;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  byMonth(m: EntityManager, kind: RunKind, month: string): Promise<RunRow | null> {
    return m.findOne(AllowanceLedgerRunEntity, { where: { kind, month } });
  }

  /**
   * the run of `kind` for `month`: created (with its chunks) when there is none, resumed when running, started again
   * when finished or failed (`again`) — the unique (kind, month) key keeps it one row however many instances ask
   */
  async start(kind: RunKind, month: string, by: { id: string; name: string }, again: boolean, extra: Partial<RunRow> = {}): Promise<RunRow> {
    const now = this.clock.now();
    return this.db.retrying(async (tx) => {
      const [{ n }] = await sql<{ n: number | string }[]>(tx, `SELECT COUNT(*) AS n FROM allowance_recipient`);
      await insertIgnore(tx, AllowanceLedgerRunEntity, [{
        id: randomUUID(), kind, month, status: 'running', chunksTotal: chunkCountFor(Number(n), this.config.ledger.chunkRows), chunksDone: 0, startedBy: by.id, startedByName: by.name, startedAt: now,
        finishedAt: null, checksum: null, source: null, countsJson: null, recipients: 0, thresholdBp: 500, heldReason: null, approvedBy: null, approvedAt: null,
        approveReason: null, ...extra,
      }]);
      const run = (await this.byMonth(tx, kind, month)) as RunRow;
      await insertIgnore(tx, AllowanceRunChunkEntity, Array.from({ length: run.chunksTotal }, (_, chunkNo) => ({
        runId: run.id, chunkNo, status: 'open', leaseOwner: null, leaseUntil: null, doneAt: null, rowsDone: 0, checksum: null,
      })));
      if (again && (run.status === 'done' || run.status === 'failed')) {
        const n = await changed(tx, `UPDATE allowance_ledger_run SET status = 'running', chunks_done = 0, finished_at = NULL, started_by = ?, started_by_name = ?, started_at = ? WHERE id = ? AND status IN ('done', 'failed')`, [by.id, by.name, now, run.id]);
        if (n === 1) {
          await sql(tx, `UPDATE allowance_run_chunk SET status = 'open', lease_owner = NULL, lease_until = NULL, done_at = NULL WHERE run_id = ?`, [run.id]);
        }
      }
      return (await this.byMonth(tx, kind, month)) as RunRow;
    });
  }

  /** takes one free chunk of the run for this instance, or null when none is free (all done, or held by others) */
  async claim(runId: string): Promise<number | null> {
    const now = this.clock.now();
    const free: { chunk_no: number }[] = await this.db.read((m) =>
      sql(m, `SELECT chunk_no FROM allowance_run_chunk WHERE run_id = ? AND status = 'open' AND (lease_until IS NULL OR lease_until < ?) ORDER BY chunk_no LIMIT 16`, [runId, now]),
    );
    // instances start at different places in the free list so they rarely race for the same row
    const offset = free.length ? parseInt(this.holder.slice(-2), 16) % free.length : 0;
    for (let i = 0; i < free.length; i++) {
      const chunkNo = Number(free[(i + offset) % free.length].chunk_no);
      const n = await this.db.retrying((tx) =>
        changed(tx, `UPDATE allowance_run_chunk SET lease_owner = ?, lease_until = ? WHERE run_id = ? AND chunk_no = ? AND status = 'open' AND (lease_until IS NULL OR lease_until < ?)`, [
          this.holder, new Date(now.getTime() + this.config.ledger.chunkLeaseSeconds * 1000), runId, chunkNo, now,
        ]),
      );
      if (n === 1) return chunkNo;
    }
    return null;
  }

  /** marks the chunk done inside the transaction of its work; throws (rolling the work back) when the lease was lost */
  async complete(tx: EntityManager, runId: string, chunkNo: number, rows: number, checksum: string | null): Promise<void> {
    const n = await changed(tx, `UPDATE allowance_run_chunk SET status = 'done', done_at = ?, rows_done = ?, checksum = ?, lease_until = NULL WHERE run_id = ? AND chunk_no = ? AND status = 'open' AND lease_owner = ?`, [
      this.clock.now(), rows, checksum, runId, chunkNo, this.holder,
    ]);
    if (n !== 1) throw new Error(`ledger chunk ${chunkNo} of run ${runId} was taken over by another instance`);
    await sql(tx, `UPDATE allowance_ledger_run SET chunks_done = chunks_done + 1 WHERE id = ?`, [runId]);
  }

  async openChunks(m: EntityManager, runId: string): Promise<number> {
    const r: { n: number | string }[] = await sql(m, `SELECT COUNT(*) AS n FROM allowance_run_chunk WHERE run_id = ? AND status = 'open'`, [runId]);
    return Number(r[0].n);
  }

  /**
   * works chunks of the run until none is free; `work` runs inside the chunk's transaction. On MariaDB the instance
   * works several chunks at once — LEDGER_RUN_WORKERS for an entitlement run, LEDGER_REVERIFY_WORKERS for a
   * re-verification; each claim is still a conditional UPDATE, so two workers never hold the same chunk. SQLite works
   * one. `crashAfter` (tests only) throws after that many chunks, as a process killed mid-run would stop, and runs one
   * worker so the count is exact.
   */
  async drive(runId: string, kind: RunKind, work: (tx: EntityManager, chunkNo: number) => Promise<{ rows: number; checksum: string | null }>, crashAfter?: number): Promise<number> {
    const workers = crashAfter !== undefined ? 1 : this.workersFor(kind);
    const worked = await this.inParallel(workers, () => this.worker(runId, work, crashAfter));
    return worked.reduce((a, n) => a + n, 0);
  }

  /** how many loops of a run of this kind an instance runs at once: LEDGER_RUN_WORKERS or LEDGER_REVERIFY_WORKERS, one on SQLite */
  workersFor(kind: RunKind): number {
    if (this.db.dialect === 'sqlite') return 1;
    return kind === 'entitle' ? this.config.ledger.runWorkers : this.config.ledger.reverifyWorkers;
  }

  /** runs `n` loops at once (loop k of n); each is let finish before the first failure is thrown */
  async inParallel<T>(n: number, loop: (k: number) => Promise<T>): Promise<T[]> {
    const done = await Promise.allSettled(Array.from({ length: n }, (_, k) => loop(k)));
    const failed = done.find((d): d is PromiseRejectedResult => d.status === 'rejected');
    if (failed) throw failed.reason;
    return done.map((d) => (d as PromiseFulfilledResult<T>).value);
  }

  private async worker(runId: string, work: (tx: EntityManager, chunkNo: number) => Promise<{ rows: number; checksum: string | null }>, crashAfter?: number): Promise<number> {
    let worked = 0;
    for (;;) {
      const chunkNo = await this.claim(runId);
      if (chunkNo === null) return worked;
      if (crashAfter !== undefined && worked >= crashAfter) throw new Error('simulated crash mid-run');
      // a lock-conflict victim (deadlock, SQLite busy) was rolled back whole: running the chunk again is safe
      await this.db.retrying(async (tx) => {
        const r = await work(tx, chunkNo);
        await this.complete(tx, runId, chunkNo, r.rows, r.checksum);
      }, 8);
      worked++;
    }
  }
}

export function sha256(lines: Iterable<string>): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return h.digest('hex');
}

export function runView(r: RunRow): LedgerRunView {
  return {
    id: r.id, kind: r.kind as LedgerRunView['kind'], month: r.month, status: r.status as LedgerRunView['status'], chunksTotal: r.chunksTotal, chunksDone: r.chunksDone,
    startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null, startedBy: r.startedByName,
  };
}
