import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode } from '@jianban/shared';
import { AppConfig } from '../../common/config';
import { DomainError } from '../../common/domain-error';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { PiiCipher } from '../../common/pii-cipher';
import { REGION_SEED } from '../../database/seed/regions';
import { reindexPeople } from '../../database/blind-index-rotation';
import type { RegistryImportEntity, RegistryImportKind, RegistryImportStatus } from '../entities/registry.entities';
import { FingerprintSet } from './fingerprint-set';
import { formatOf, readRows, type FileFormat } from './file-rows';
import { checkRow, columnTitle, readHeader, REASON_TEXT, type IssueReason, type RowContext, type RowIssue, type StagedRow } from './import-format';
import { RegistryImportRepository, type EncryptedStagedRow } from './registry-import.repository';

export interface ImportRequest {
  kind: RegistryImportKind;
  path: string;
  /** as handed over (the report and the list show it); default: the path's base name */
  fileName?: string;
  /** the staff account id, or 'cli' / 'seed' */
  actor: string;
}

export interface ImportSummary {
  importId: string;
  kind: RegistryImportKind;
  status: RegistryImportStatus;
  totalRows: number;
  acceptedRows: number;
  rejectedRows: number;
  issues: number;
  /** the earlier import of the same file, for status 'duplicate' */
  duplicateOf?: string;
  error?: string;
}

/** test seam: runs after every row is staged and checked, before publication */
export interface ImportHooks {
  afterStaging?: (importId: string) => Promise<void>;
}

// an import still staging after this long has lost its process (a million rows take minutes)
const STALE_STAGING_MS = 24 * 3600_000;

// 12-digit codes of every community and village of the district: where a hukou can be
const HUKOU_CODES: ReadonlySet<string> = new Set(REGION_SEED.filter((r) => r.level === 'community').map((r) => r.code));

// imports a file handed over by public security or health: streamed, staged under an import id, checked row by row and
// across rows, then published in one transaction — nothing half-imported is ever visible, a bad row never stops a good one,
// and the same file twice changes nothing. Every import leaves an audit row, whatever its outcome.
@Injectable()
export class RegistryImportService {
  constructor(
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly imports: RegistryImportRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async importFile(req: ImportRequest, hooks: ImportHooks = {}): Promise<ImportSummary> {
    const fileName = (req.fileName ?? basename(req.path)).slice(0, 200);
    const format = formatOf(fileName);
    const fileSha256 = await sha256Of(req.path);
    const row = this.newImport(req, fileName, fileSha256);
    const earlier = await this.db.read((m) => this.imports.findPublished(m, req.kind, fileSha256));
    if (earlier) return this.finishEarly({ ...row, status: 'duplicate' }, { duplicateOf: earlier.id });
    if (!format) return this.finishEarly({ ...row, status: 'failed', error: 'unsupported file type (expected .csv or .xlsx)' }, {});
    await this.abandonStale();
    await this.db.read((m) => this.imports.insertImport(m, row));
    try {
      const repeats = await this.stageFile(row, req.path, format);
      if (!repeats) return await this.finishFailed(row, 'missing columns');
      // during a blind-index rotation the people of this file move onto the current key first (all their rows, every
      // table, a page per short transaction), so the checks and the merge meet their rows instead of adding twins
      if (this.cipher.previousBlindIndexVersions.length) await this.reindexStaged(row.id);
      await this.crossRowChecks(row, repeats);
      await hooks.afterStaging?.(row.id);
      if (await this.mustHold(row)) return await this.finishHeld(row);
      return await this.publish(row.id, req.actor);
    } catch (err) {
      await this.finishFailed(row, `${(err as Error).name}: ${(err as Error).message}`.slice(0, 200)).catch(() => undefined);
      throw err;
    }
  }

  /** publishes a held import once a person has looked at it (F5) */
  async approveHeld(importId: string, actor: string): Promise<ImportSummary> {
    const row = await this.db.read((m) => this.imports.findImport(m, importId));
    if (!row) throw new DomainError(ErrorCode.NotFound, `no registry import ${importId}`);
    if (row.status !== 'held') throw new DomainError(ErrorCode.RegistryImportNotHeld, `import ${importId} is not waiting for approval`);
    return this.publish(importId, actor, { fromHeld: true });
  }

  /** the validation report as CSV lines (UTF-8 BOM, Chinese headers), read a page at a time */
  async *reportCsv(importId: string): AsyncGenerator<string> {
    yield '\uFEFF行号,列,问题\r\n';
    let after = { rowNo: 0, column: '' };
    for (;;) {
      const page = await this.db.read((m) => this.imports.issuesPage(m, importId, after, 5000));
      if (page.length === 0) return;
      yield page.map((i) => `${i.row_no},${csvCell(i.column_name)},${csvCell(reasonText(i.reason))}\r\n`).join('');
      const last = page[page.length - 1];
      after = { rowNo: Number(last.row_no), column: last.column_name };
    }
  }

  listImports(limit = 100): Promise<RegistryImportEntity[]> {
    return this.db.read((m) => this.imports.listImports(m, limit));
  }

  findImport(importId: string): Promise<RegistryImportEntity | null> {
    return this.db.read((m) => this.imports.findImport(m, importId));
  }

  /** a staff download of a report, in the audit */
  recordDownload(importId: string, actor: string): Promise<unknown> {
    return this.db.read((m) =>
      this.imports.insertAudit(m, { id: randomUUID(), at: this.clock.now(), actor, action: 'download_report', importId, detailJson: '{}' }),
    );
  }

  // an import whose process died (killed, power cut) stays 'staging' with rows nobody sees: the next import closes it
  private async abandonStale(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - STALE_STAGING_MS);
    for (const stale of await this.db.read((m) => this.imports.findStaleStaging(m, before))) {
      await this.finishFailed(stale, 'abandoned: the importing process ended before publication');
    }
  }

  private newImport(req: ImportRequest, fileName: string, fileSha256: string): RegistryImportEntity {
    return {
      id: randomUUID(), kind: req.kind, fileName, fileSha256, status: 'staging', totalRows: 0, acceptedRows: 0, rejectedRows: 0,
      actor: req.actor, startedAt: this.clock.now(), finishedAt: null, error: null,
    };
  }

  /**
   * streams the file into the staging area; returns the hashes seen more than once (candidates, confirmed in SQL), or
   * null when the header lacks a column (reported, nothing staged)
   */
  private async stageFile(row: RegistryImportEntity, path: string, format: FileFormat): Promise<Set<string> | null> {
    const seen = new FingerprintSet();
    const repeats = new Set<string>();
    const chunk = this.config.civilAffairs.importChunk;
    let ctx: RowContext | null = null;
    let rows: EncryptedStagedRow[] = [];
    let issues: RowIssue[] = [];
    // one chunk written while the next is read and encrypted: at most two chunks in memory
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      const [r, i] = [rows, issues];
      [rows, issues] = [[], []];
      await inFlight;
      inFlight = this.db.read(async (m) => {
        await this.imports.stage(m, row.id, r);
        await this.imports.addIssues(m, row.id, i);
      });
      inFlight.catch(() => undefined); // handled: the next flush or the end of the file awaits it and throws
    };
    for await (const { rowNo, cells } of readRows(path, format)) {
      if (!ctx) {
        if (cells.every((c) => c.trim() === '')) continue;
        const header = readHeader(row.kind, cells);
        if (!header.ok) {
          await this.db.read((m) => this.imports.addIssues(m, row.id, header.missing.map((column) => ({ rowNo, column, reason: 'missing_column' as IssueReason }))));
          return null;
        }
        ctx = { kind: row.kind, positions: header.positions, today: this.clock.today(), regionCodes: HUKOU_CODES };
        continue;
      }
      const checked = checkRow(ctx, rowNo, cells);
      if ('empty' in checked) continue;
      row.totalRows++;
      if ('issues' in checked) issues.push(...checked.issues);
      else {
        const staged = this.encrypt(checked.row);
        if (seen.addHex(staged.idNumberHash) && repeats.size <= 2000) repeats.add(staged.idNumberHash);
        rows.push(staged);
      }
      if (rows.length + issues.length >= chunk) await flush();
    }
    await flush();
    await inFlight;
    await this.db.read((m) => this.imports.updateImport(m, row.id, { totalRows: row.totalRows }));
    if (!ctx) {
      await this.db.read((m) => this.imports.addIssues(m, row.id, [{ rowNo: 1, column: columnTitle(row.kind, 'idNumber'), reason: 'missing_column' }]));
      return null;
    }
    return repeats;
  }

  private encrypt(r: StagedRow): EncryptedStagedRow {
    return {
      rowNo: r.rowNo, idNumberHash: this.cipher.blindIndex('id_number', r.idNumber), idNumberEnc: this.cipher.encrypt(r.idNumber), name: r.name,
      sex: r.sex, birthDate: r.birthDate, hukouRegionCode: r.hukouRegionCode, householdNo: r.householdNo, eventDate: r.eventDate,
    };
  }

  // repeated ID numbers (few candidates: looked up by hash; many: the whole import grouped once), then names against the copy
  private async crossRowChecks(row: RegistryImportEntity, repeats: ReadonlySet<string>): Promise<void> {
    const column = columnTitle(row.kind, 'idNumber');
    const candidates = [...repeats];
    await this.db.read(async (m) => {
      if (candidates.length > 2000) await this.imports.flagDuplicates(m, row.id, column);
      else for (let i = 0; i < candidates.length; i += 500) await this.imports.flagDuplicates(m, row.id, column, candidates.slice(i, i + 500));
      await this.imports.flagNameMismatches(m, row.id, columnTitle(row.kind, 'name'));
      await this.imports.dropRejected(m, row.id);
    });
  }

  private async mustHold(row: RegistryImportEntity): Promise<boolean> {
    if (row.kind === 'roster') return false;
    const kind = row.kind;
    const [marked, people] = await this.db.read(async (m) => [await this.imports.countNewlyMarked(m, kind, row.id), await this.imports.countPeople(m)] as const);
    const { share, min } = this.config.civilAffairs.hold;
    return marked > min && marked > share * people;
  }

  private async publish(importId: string, actor: string, opts: { fromHeld?: boolean } = {}): Promise<ImportSummary> {
    const summary = await this.db.transaction(async (tx) => {
      // two approvals at once: the conditional update lets one of them publish, the other is told it is no longer held
      if (opts.fromHeld && (await this.imports.claimHeld(tx, importId)) !== 1) {
        throw new DomainError(ErrorCode.RegistryImportNotHeld, `import ${importId} is not waiting for approval`);
      }
      const row = (await this.imports.findImport(tx, importId))!;
      await this.imports.publish(tx, row.kind, row.id, this.clock.now(), this.cipher.blindIndexVersion);
      const done = await this.counted(tx, { ...row, status: 'published', finishedAt: this.clock.now(), error: null });
      await this.imports.updateImport(tx, row.id, pickCounts(done));
      await this.audit(tx, done, actor, {});
      return done;
    });
    await this.db.read((m) => this.imports.deleteStaging(m, importId));
    return this.summaryOf(summary, await this.db.read((m) => this.imports.countIssues(m, importId)));
  }

  private async reindexStaged(importId: string): Promise<void> {
    for (let after = 0; ;) {
      const page = await this.db.read((m) => this.imports.stagedPage(m, importId, after, 500));
      if (!page.length) return;
      await this.db.retrying((tx) => reindexPeople(tx, this.cipher, 'id_number', page.map((r) => this.cipher.decrypt(r.id_number_enc))));
      after = Number(page[page.length - 1].row_no);
    }
  }

  private async counted(m: EntityManager, row: RegistryImportEntity): Promise<RegistryImportEntity> {
    const [accepted, rejected] = [await this.imports.countStaged(m, row.id), await this.imports.countRejectedRows(m, row.id)];
    return { ...row, acceptedRows: accepted, rejectedRows: rejected };
  }

  private async finishHeld(row: RegistryImportEntity): Promise<ImportSummary> {
    const done = await this.db.transaction(async (tx) => {
      const held = await this.counted(tx, { ...row, status: 'held', finishedAt: null });
      await this.imports.updateImport(tx, row.id, pickCounts(held));
      await this.audit(tx, held, row.actor, {});
      return held;
    });
    return this.summaryOf(done, await this.db.read((m) => this.imports.countIssues(m, row.id)));
  }

  private async finishFailed(row: RegistryImportEntity, error: string): Promise<ImportSummary> {
    const failed: RegistryImportEntity = { ...row, status: 'failed', finishedAt: this.clock.now(), error, acceptedRows: 0 };
    await this.db.read((m) => this.imports.deleteStaging(m, row.id));
    const rejected = await this.db.read((m) => this.imports.countRejectedRows(m, row.id));
    await this.db.transaction(async (tx) => {
      await this.imports.updateImport(tx, row.id, { ...pickCounts(failed), rejectedRows: rejected });
      await this.audit(tx, failed, row.actor, {});
    });
    return this.summaryOf({ ...failed, rejectedRows: rejected }, await this.db.read((m) => this.imports.countIssues(m, row.id)));
  }

  /** a file refused before staging (the same file again, an unknown type): recorded and audited, nothing else */
  private async finishEarly(row: RegistryImportEntity, extra: { duplicateOf?: string }): Promise<ImportSummary> {
    const done = { ...row, finishedAt: this.clock.now() };
    await this.db.transaction(async (tx) => {
      await this.imports.insertImport(tx, done);
      await this.audit(tx, done, row.actor, extra);
    });
    return { ...this.summaryOf(done, 0), ...extra };
  }

  private audit(m: EntityManager, row: RegistryImportEntity, actor: string, extra: object) {
    const detail = { kind: row.kind, fileName: row.fileName, fileSha256: row.fileSha256, status: row.status, totalRows: row.totalRows,
      acceptedRows: row.acceptedRows, rejectedRows: row.rejectedRows, ...extra };
    return this.imports.insertAudit(m, { id: randomUUID(), at: this.clock.now(), actor, action: 'import', importId: row.id, detailJson: JSON.stringify(detail) });
  }

  private summaryOf(row: RegistryImportEntity, issues: number): ImportSummary {
    return {
      importId: row.id, kind: row.kind, status: row.status, totalRows: row.totalRows, acceptedRows: row.acceptedRows, rejectedRows: row.rejectedRows, issues,
      ...(row.error ? { error: row.error } : {}),
    };
  }
}

function pickCounts(row: RegistryImportEntity): Partial<RegistryImportEntity> {
  const { status, totalRows, acceptedRows, rejectedRows, finishedAt, error } = row;
  return { status, totalRows, acceptedRows, rejectedRows, finishedAt, error };
}

export function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const reasonText = (reason: string): string => REASON_TEXT[reason as IssueReason] ?? reason;
