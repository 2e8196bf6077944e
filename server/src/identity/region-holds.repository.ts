import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import { EntityManager, IsNull } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { INSERT_ONLY_TABLES } from '../database/app-user-grants';
import { IdentityAuditEntity } from './entities/identity-audit.entity';
import { RegionCodeHoldEntity } from './entities/region-code-hold.entity';

export type MarkerColumn = { table: string; column: string };
export type RowCounts = Record<string, number>;

// a column holds a region code when its name says so (community_code, region_code, hukou_region_code …); a catalog
// item's owner holds 'district' or its community's code
const REGION_COLUMN = /(^|_)(community|region)_code$/;
const isRegionColumn = (table: string, column: string) => REGION_COLUMN.test(column) || (table === 'catalog_item' && column === 'owner');

/**
 * The rows a held placeholder code left behind. They live in many modules' tables; this repository reads the columns
 * from the schema the application runs on (every entity's metadata), not from a list, so a table added later is
 * covered too. It touches nothing but the marker values, and only in one caller's transaction.
 */
@Injectable()
export class RegionHoldRepository {
  listHolds(m: EntityManager) {
    return m.find(RegionCodeHoldEntity, { order: { heldAt: 'ASC', heldCode: 'ASC' } });
  }

  findHold(m: EntityManager, heldCode: string) {
    return m.findOne(RegionCodeHoldEntity, { where: { heldCode } });
  }

  markerColumns(m: EntityManager): MarkerColumn[] {
    const out: MarkerColumn[] = [];
    for (const meta of m.connection.entityMetadatas) {
      // the audit trails keep the code that was true when they were written (and the application may not change them)
      if (meta.tableType !== 'regular' || meta.target === RegionCodeHoldEntity || INSERT_ONLY_TABLES.includes(meta.tableName)) continue;
      for (const c of meta.columns) if (isRegionColumn(meta.tableName, c.databaseName)) out.push({ table: meta.tableName, column: c.databaseName });
    }
    return out.sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
  }

  /** rows carrying the marker now, per table (tables without any left out) */
  async countMarked(m: EntityManager, marker: string): Promise<RowCounts> {
    const counts: RowCounts = {};
    for (const { table, column } of this.markerColumns(m)) {
      const n = await this.countIn(m, table, column, marker);
      if (n > 0) counts[table] = (counts[table] ?? 0) + n;
    }
    return counts;
  }

  /** takes the hold for this assignment; false when someone assigned it first (the conditional update is the lock) */
  async claim(tx: EntityManager, heldCode: string, assignedCode: string, by: string, at: Date): Promise<boolean> {
    const r = await tx.update(RegionCodeHoldEntity, { heldCode, assignedCode: IsNull() }, { assignedCode, assignedBy: by, assignedAt: at });
    return r.affected === 1;
  }

  /** moves every row carrying the marker to the code; a row that would collide with one the code already has → REGION_HOLD_CONFLICT */
  async moveMarked(tx: EntityManager, marker: string, code: string): Promise<RowCounts> {
    const e = (n: string) => tx.connection.driver.escape(n);
    const moved: RowCounts = {};
    for (const { table, column } of this.markerColumns(tx)) {
      const n = await this.countIn(tx, table, column, marker);
      if (n === 0) continue;
      try {
        await tx.query(`UPDATE ${e(table)} SET ${e(column)} = ? WHERE ${e(column)} = ?`, [code, marker]);
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError(ErrorCode.RegionHoldConflict, `${table} rows of ${marker} collide with ${code}'s`, { table });
        throw err;
      }
      moved[table] = (moved[table] ?? 0) + n;
    }
    return moved;
  }

  audit(tx: EntityManager, row: IdentityAuditEntity) {
    return tx.insert(IdentityAuditEntity, row);
  }

  assignmentAudits(m: EntityManager, heldCodes: string[]) {
    return heldCodes.length ? m.find(IdentityAuditEntity, { where: heldCodes.map((objectId) => ({ objectId, objectKind: 'region_hold' as const, action: ASSIGN_ACTION })) }) : Promise.resolve([]);
  }

  private async countIn(m: EntityManager, table: string, column: string, marker: string): Promise<number> {
    const e = (n: string) => m.connection.driver.escape(n);
    const [row] = await m.query(`SELECT COUNT(*) AS n FROM ${e(table)} WHERE ${e(column)} = ?`, [marker]);
    return Number(row.n);
  }
}

export const ASSIGN_ACTION = 'region_hold.assign';
