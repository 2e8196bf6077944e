import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTable, datetime, text, varchar } from './schema-helpers';

/**
 * The real map of 荆州区. Until now the seed placed 城南街道 at 421003001 and 梅村社区 at 421003001001 — placeholders,
 * and real codes of OTHER places (421003001 is 西城街道, 421003001001 通会桥社区). The official statistical codes put
 * 城南街道 at 421003003 and 梅村社区 at 421003003003. The seed upserts regions by code, so without this migration it
 * would rename the placeholder rows in place and every family, staff member and booking of 梅村 would end up in 西城.
 *
 * Only a database that still holds the placeholder tree (城南街道 at 421003001 and 梅村社区 at 421003001001) is
 * touched; a new database (no regions yet) or one already on the official codes passes through. Every region-code
 * column follows the explicit map below in one transaction. A code with no certain official counterpart (placeholder
 * names that do not exist, or exist elsewhere under another street) is never guessed: its rows get a held marker
 * `H…` (not a region, so residents see 「社区已调整，请重新选择」) and a row in region_code_hold that the district admin
 * sees and assigns. Frozen: the map, the table list and the official names are copied here, not imported.
 */
export const PLACEHOLDER_TO_OFFICIAL: Readonly<Record<string, { code: string; name: string; level: string; parentCode: string | null }>> = {
  '421003': { code: '421003', name: '荆州区', level: 'district', parentCode: null },
  '421003001': { code: '421003003', name: '城南街道', level: 'street', parentCode: '421003' },
  '421003001001': { code: '421003003003', name: '梅村社区', level: 'community', parentCode: '421003003' },
  '421003002': { code: '421003001', name: '西城街道', level: 'street', parentCode: '421003' },
  '421003003': { code: '421003002', name: '东城街道', level: 'street', parentCode: '421003' },
  '421003003001': { code: '421003002004', name: '东门社区', level: 'community', parentCode: '421003002' },
  // held, never guessed: 荆南社区 421003001002 and 西门社区 421003002001 have no official counterpart in 荆州区;
  // 南湖社区 421003001003 exists only under 菱角湖管理区 and 太晖 421003002002 only as 太晖村 in 郢城镇.
};

// every column that holds a region code (catalog_item.owner holds 'district' or a community code)
export const REGION_CODE_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'family_member', column: 'community_code' },
  { table: 'staff_account', column: 'region_code' },
  { table: 'booking', column: 'community_code' },
  { table: 'booking_slot', column: 'community_code' },
  { table: 'booking_closure', column: 'community_code' },
  { table: 'booking_service_item', column: 'community_code' },
  { table: 'booking_settings', column: 'community_code' },
  { table: 'catalog_item', column: 'owner' },
  { table: 'catalog_demand_report', column: 'community_code' },
];
const NOT_A_REGION = new Set(['district']);

// the marker a held row carries instead of a code: 'H' + the old code without its first digit (still 12 characters)
export const heldMarker = (oldCode: string): string => `H${oldCode.slice(1)}`;
const moving = (oldCode: string): string => `M${oldCode.slice(1)}`;

type Row = Record<string, unknown>;

export class RegionCodes1764350000000 implements MigrationInterface {
  name = 'RegionCodes1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'region_code_hold', [
      varchar('held_code', 12, { isPrimary: true }), varchar('old_code', 12), varchar('old_name', 64, { isNullable: true }),
      varchar('old_parent_name', 64, { isNullable: true }), text('rows_json'), datetime('held_at'),
      varchar('assigned_code', 12, { isNullable: true }), varchar('assigned_by', 36, { isNullable: true }), datetime('assigned_at', { isNullable: true }),
    ]);
    // MariaDB commits implicitly at CREATE TABLE; the data below must still be one transaction
    const mysql = q.connection.driver.options.type !== 'better-sqlite3';
    const own = !q.isTransactionActive;
    if (own) await q.startTransaction();
    else if (mysql) {
      await q.commitTransaction();
      await q.startTransaction();
    }
    try {
      await this.remap(q);
      if (own) await q.commitTransaction();
    } catch (err) {
      if (own) await q.rollbackTransaction();
      throw err;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // the codes stay official (going back to the placeholders would put 梅村's data under 西城 again); only the table goes
    await q.dropTable('region_code_hold', true);
  }

  private async remap(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    const regions: Row[] = await q.query(`SELECT ${e('code')}, ${e('name')}, ${e('parent_code')} FROM ${e('region')}`);
    const old = new Map(regions.map((r) => [String(r.code), { name: String(r.name), parentCode: (r.parent_code as string | null) ?? null }]));
    if (old.get('421003001')?.name !== '城南街道' || old.get('421003001001')?.name !== '梅村社区') return;

    // every value in use, per column: mapped, or held
    const used = new Map<string, string[]>();
    const rowsPerCode = new Map<string, Record<string, number>>();
    for (const { table, column } of REGION_CODE_COLUMNS) {
      const values: Row[] = await q.query(`SELECT ${e(column)} AS v, COUNT(*) AS n FROM ${e(table)} WHERE ${e(column)} IS NOT NULL GROUP BY ${e(column)}`);
      const codes = values.map((v) => String(v.v)).filter((v) => !NOT_A_REGION.has(v) && !v.startsWith('H'));
      used.set(`${table}.${column}`, codes);
      for (const v of values) {
        const code = String(v.v);
        if (!codes.includes(code) || PLACEHOLDER_TO_OFFICIAL[code]) continue;
        rowsPerCode.set(code, { ...rowsPerCode.get(code), [table]: Number(v.n) });
      }
    }
    // a held code is one rows still use; a placeholder region nobody used simply goes
    const held = new Set(rowsPerCode.keys());
    if (new Set([...held].map(heldMarker)).size !== held.size) throw new Error('two held codes share a marker');

    // two steps (old → M… or H…, then M… → official) because the map permutes codes that are unique keys
    for (const { table, column } of REGION_CODE_COLUMNS) {
      for (const code of used.get(`${table}.${column}`)!) {
        const to = PLACEHOLDER_TO_OFFICIAL[code] ? moving(code) : heldMarker(code);
        await q.query(`UPDATE ${e(table)} SET ${e(column)} = ? WHERE ${e(column)} = ?`, [to, code]);
      }
      for (const code of used.get(`${table}.${column}`)!) {
        const to = PLACEHOLDER_TO_OFFICIAL[code];
        if (to) await q.query(`UPDATE ${e(table)} SET ${e(column)} = ? WHERE ${e(column)} = ?`, [to.code, moving(code)]);
      }
    }
    await this.renameCommunityItems(q, e);

    // the region tree: the placeholder rows go, the official rows the mapped data needs come (the seed adds the rest)
    const gone = [...new Set([...old.keys(), ...Object.values(PLACEHOLDER_TO_OFFICIAL).map((r) => r.code)])];
    await q.query(`DELETE FROM ${e('region')} WHERE ${e('code')} IN (${gone.map(() => '?').join(', ')})`, gone);
    let sort = 0;
    for (const r of Object.values(PLACEHOLDER_TO_OFFICIAL)) {
      await q.query(`INSERT INTO ${e('region')} (${e('code')}, ${e('name')}, ${e('level')}, ${e('parent_code')}, ${e('sort_order')}) VALUES (?, ?, ?, ?, ?)`, [
        r.code, r.name, r.level, r.parentCode, sort++,
      ]);
    }

    // UTC text: what both drivers store for a datetime(3) (the MariaDB connection runs with timezone 'Z')
    const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
    for (const code of [...held].sort()) {
      const region = old.get(code);
      const parent = region?.parentCode ? old.get(region.parentCode) : undefined;
      await q.query(
        `INSERT INTO ${e('region_code_hold')} (${e('held_code')}, ${e('old_code')}, ${e('old_name')}, ${e('old_parent_name')}, ${e('rows_json')}, ${e('held_at')}) VALUES (?, ?, ?, ?, ?, ?)`,
        [heldMarker(code), code, region?.name ?? null, parent?.name ?? null, JSON.stringify(rowsPerCode.get(code) ?? {}), now],
      );
    }
  }

  // a community's own catalog items carry its code in theirs (C421003001001-01): they follow the community, and so do
  // the demand reports and service items that point at them. Held communities' items keep their codes.
  private async renameCommunityItems(q: QueryRunner, e: (n: string) => string): Promise<void> {
    const items: Row[] = await q.query(`SELECT ${e('code')} FROM ${e('catalog_item')} WHERE ${e('code')} LIKE 'C%'`);
    const renames: [string, string][] = [];
    for (const { code } of items) {
      const m = /^C(\d{12})-(\d+)$/.exec(String(code));
      const to = m && PLACEHOLDER_TO_OFFICIAL[m[1]];
      if (to && to.code !== m[1]) renames.push([String(code), `C${to.code}-${m[2]}`]);
    }
    // through M… (the item code without its C; still fits catalog_code's 16 characters) for the same reason as above
    const via = (code: string) => `M${code.slice(1)}`;
    for (const [from, to] of [...renames.map(([a]) => [a, via(a)]), ...renames.map(([a, b]) => [via(a), b])]) {
      await q.query(`UPDATE ${e('catalog_item')} SET ${e('code')} = ? WHERE ${e('code')} = ?`, [to, from]);
      await q.query(`UPDATE ${e('catalog_demand_report')} SET ${e('item_code')} = ? WHERE ${e('item_code')} = ?`, [to, from]);
      await q.query(`UPDATE ${e('booking_service_item')} SET ${e('catalog_code')} = ? WHERE ${e('catalog_code')} = ?`, [to, from]);
    }
  }
}
