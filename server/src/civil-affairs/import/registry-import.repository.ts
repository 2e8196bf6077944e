import { Injectable } from '@nestjs/common';
import { LessThan, type EntityManager } from 'typeorm';
import { RegistryAuditEntity, RegistryImportEntity, type RegistryImportKind } from '../entities/registry.entities';
import { EVENT_COLUMNS, PERSON_COLUMNS, insertRows, sqlDateTime } from '../registry.repository';
import type { RowIssue } from './import-format';

// an import's staging, checks across rows and publication, in SQL both engines (and MySQL-compatible distributed
// engines) run: no upsert dialects — changed rows are deleted and re-inserted from staging in one transaction.
// A subquery on the table being changed is wrapped in a derived table (MariaDB error 1093 otherwise).
export interface EncryptedStagedRow {
  rowNo: number;
  idNumberHash: string;
  idNumberEnc: string;
  name: string;
  sex: string | null;
  birthDate: string | null;
  hukouRegionCode: string | null;
  householdNo: string | null;
  eventDate: string | null;
}

const STAGING_COLUMNS = ['import_id', 'row_no', 'id_number_hash', 'id_number_enc', 'name', 'sex', 'birth_date', 'hukou_region_code', 'household_no', 'event_date'];
const ISSUE_COLUMNS = ['import_id', 'row_no', 'column_name', 'reason'];
const EVENT_TABLE = { deaths: 'registry_death', moveouts: 'registry_move_out' } as const;

const count = (rows: { n: unknown }[]) => Number(rows[0]?.n ?? 0);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

@Injectable()
export class RegistryImportRepository {
  insertImport(m: EntityManager, row: RegistryImportEntity) {
    return m.insert(RegistryImportEntity, row);
  }

  updateImport(m: EntityManager, id: string, patch: Partial<RegistryImportEntity>) {
    return m.update(RegistryImportEntity, { id }, patch);
  }

  /** takes a held import for publication: 1 when this caller won it, 0 when it was not (or no longer) held */
  async claimHeld(m: EntityManager, id: string): Promise<number> {
    return (await m.update(RegistryImportEntity, { id, status: 'held' }, { status: 'staging' })).affected ?? 0;
  }

  findImport(m: EntityManager, id: string) {
    return m.findOne(RegistryImportEntity, { where: { id } });
  }

  findPublished(m: EntityManager, kind: RegistryImportKind, fileSha256: string) {
    return m.findOne(RegistryImportEntity, { where: { kind, fileSha256, status: 'published' }, order: { startedAt: 'ASC' } });
  }

  /** imports still staging that started before `before`: their process ended without publishing */
  findStaleStaging(m: EntityManager, before: Date) {
    return m.find(RegistryImportEntity, { where: { status: 'staging', startedAt: LessThan(before) }, take: 100 });
  }

  listImports(m: EntityManager, limit: number) {
    return m.find(RegistryImportEntity, { order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  insertAudit(m: EntityManager, row: RegistryAuditEntity) {
    return m.insert(RegistryAuditEntity, row);
  }

  async stage(m: EntityManager, importId: string, rows: readonly EncryptedStagedRow[]): Promise<void> {
    await insertRows(m, 'registry_staging', STAGING_COLUMNS, rows.map((r) => [
      importId, r.rowNo, r.idNumberHash, r.idNumberEnc, r.name, r.sex, r.birthDate, r.hukouRegionCode, r.householdNo, r.eventDate,
    ]));
  }

  async addIssues(m: EntityManager, importId: string, issues: readonly RowIssue[]): Promise<void> {
    await insertRows(m, 'registry_import_issue', ISSUE_COLUMNS, issues.map((i) => [importId, i.rowNo, i.column, i.reason]));
  }

  /**
   * every later row repeating an ID number of an earlier row in the same file; `among` narrows the search to the
   * candidate hashes (found in memory while staging), otherwise the whole import is grouped
   */
  async flagDuplicates(m: EntityManager, importId: string, column: string, among?: readonly string[]): Promise<void> {
    const narrow = among ? `AND id_number_hash IN (${marks(among.length)})` : '';
    await m.query(
      `INSERT INTO registry_import_issue (${ISSUE_COLUMNS.join(', ')})
       SELECT s.import_id, s.row_no, ?, 'duplicate_in_file' FROM registry_staging s
       JOIN (SELECT id_number_hash AS h, MIN(row_no) AS first_row FROM registry_staging WHERE import_id = ? ${narrow}
             GROUP BY id_number_hash HAVING COUNT(*) > 1) d ON d.h = s.id_number_hash
       WHERE s.import_id = ? AND s.row_no > d.first_row`,
      [column, importId, ...(among ?? []), importId],
    );
  }

  /** rows whose name differs from the roster's row for the same ID number */
  async flagNameMismatches(m: EntityManager, importId: string, column: string): Promise<void> {
    await m.query(
      `INSERT INTO registry_import_issue (${ISSUE_COLUMNS.join(', ')})
       SELECT s.import_id, s.row_no, ?, 'name_mismatch' FROM registry_staging s
       JOIN registry_person p ON p.id_number_hash = s.id_number_hash
       WHERE s.import_id = ? AND p.name <> s.name`,
      [column, importId],
    );
  }

  /** staged rows that drew an issue leave the staging area (they stay in the report) */
  async dropRejected(m: EntityManager, importId: string): Promise<void> {
    await m.query(
      `DELETE FROM registry_staging WHERE import_id = ? AND row_no IN (SELECT x.row_no FROM (SELECT DISTINCT row_no FROM registry_import_issue WHERE import_id = ?) x)`,
      [importId, importId],
    );
  }

  async countStaged(m: EntityManager, importId: string): Promise<number> {
    return count(await m.query('SELECT COUNT(*) AS n FROM registry_staging WHERE import_id = ?', [importId]));
  }

  async countRejectedRows(m: EntityManager, importId: string): Promise<number> {
    return count(await m.query(`SELECT COUNT(DISTINCT row_no) AS n FROM registry_import_issue WHERE import_id = ? AND reason <> 'missing_column'`, [importId]));
  }

  async countIssues(m: EntityManager, importId: string): Promise<number> {
    return count(await m.query('SELECT COUNT(*) AS n FROM registry_import_issue WHERE import_id = ?', [importId]));
  }

  async countPeople(m: EntityManager): Promise<number> {
    return count(await m.query('SELECT COUNT(*) AS n FROM registry_person'));
  }

  /** roster people a death or move-out import would newly mark (not marked before) */
  async countNewlyMarked(m: EntityManager, kind: 'deaths' | 'moveouts', importId: string): Promise<number> {
    const table = EVENT_TABLE[kind];
    return count(await m.query(
      `SELECT COUNT(*) AS n FROM registry_staging s JOIN registry_person p ON p.id_number_hash = s.id_number_hash
       WHERE s.import_id = ? AND NOT EXISTS (SELECT 1 FROM ${table} e WHERE e.id_number_hash = s.id_number_hash)`,
      [importId],
    ));
  }

  /** copies the staged rows into the district copy: rows that differ are replaced, identical ones left untouched (in key order: appends to the clustered index) */
  async publish(m: EntityManager, kind: RegistryImportKind, importId: string, at: Date, kv: number): Promise<void> {
    const now = sqlDateTime(at);
    if (kind === 'roster') {
      await m.query(
        `DELETE FROM registry_person WHERE id_number_hash IN (SELECT x.h FROM (
           SELECT s.id_number_hash AS h FROM registry_staging s JOIN registry_person p ON p.id_number_hash = s.id_number_hash
           WHERE s.import_id = ? AND (p.name <> s.name OR p.sex <> s.sex OR p.birth_date <> s.birth_date
             OR p.hukou_region_code <> s.hukou_region_code OR p.household_no <> s.household_no)) x)`,
        [importId],
      );
      await m.query(
        `INSERT INTO registry_person (${PERSON_COLUMNS.join(', ')})
         SELECT s.id_number_hash, s.id_number_enc, s.name, s.sex, s.birth_date, s.hukou_region_code, s.household_no, ?, ?, ?
         FROM registry_staging s WHERE s.import_id = ? AND NOT EXISTS (SELECT 1 FROM registry_person p WHERE p.id_number_hash = s.id_number_hash)
         ORDER BY s.id_number_hash`,
        [importId, now, kv, importId],
      );
      return;
    }
    const table = EVENT_TABLE[kind];
    await m.query(
      `DELETE FROM ${table} WHERE id_number_hash IN (SELECT x.h FROM (
         SELECT s.id_number_hash AS h FROM registry_staging s JOIN ${table} e ON e.id_number_hash = s.id_number_hash
         WHERE s.import_id = ? AND (e.name <> s.name OR e.event_date <> s.event_date)) x)`,
      [importId],
    );
    await m.query(
      `INSERT INTO ${table} (${EVENT_COLUMNS.join(', ')})
       SELECT s.id_number_hash, s.id_number_enc, s.name, s.event_date, ?, ?, ?
       FROM registry_staging s WHERE s.import_id = ? AND NOT EXISTS (SELECT 1 FROM ${table} e WHERE e.id_number_hash = s.id_number_hash)
       ORDER BY s.id_number_hash`,
      [importId, now, kv, importId],
    );
  }

  /** a page of an import's staged rows in row order (the encrypted ID numbers, for a re-index during a key rotation) */
  stagedPage(m: EntityManager, importId: string, afterRow: number, limit: number): Promise<{ row_no: number; id_number_enc: string }[]> {
    return m.query(`SELECT row_no, id_number_enc FROM registry_staging WHERE import_id = ? AND row_no > ? ORDER BY row_no LIMIT ${Math.floor(limit)}`, [importId, afterRow]);
  }

  async deleteStaging(m: EntityManager, importId: string): Promise<void> {
    await m.query('DELETE FROM registry_staging WHERE import_id = ?', [importId]);
  }

  /** one page of an import's issues in (row, column) order, after the cursor */
  issuesPage(m: EntityManager, importId: string, after: { rowNo: number; column: string }, limit: number): Promise<{ row_no: number; column_name: string; reason: string }[]> {
    return m.query(
      `SELECT row_no, column_name, reason FROM registry_import_issue WHERE import_id = ? AND (row_no > ? OR (row_no = ? AND column_name > ?))
       ORDER BY row_no, column_name LIMIT ${Math.floor(limit)}`,
      [importId, after.rowNo, after.rowNo, after.column],
    );
  }
}
