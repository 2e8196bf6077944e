import { normalizeIdNumber, parseIdNumber } from '@jianban/shared';
import type { RegistryImportKind } from '../entities/registry.entities';

// the columns of each file the departments hand over, and the checks every row passes before it is staged.
// Pure functions: no database, no clock (today is passed in).
export type ColumnKey = 'idNumber' | 'name' | 'sex' | 'birthDate' | 'hukouRegionCode' | 'householdNo' | 'eventDate';

export const COLUMN_TITLES: Record<ColumnKey, string> = {
  idNumber: '身份证号', name: '姓名', sex: '性别', birthDate: '出生日期', hukouRegionCode: '户籍地区划代码', householdNo: '户号', eventDate: '日期',
};

// header spellings accepted for each column (after removing white space)
const ALIASES: Record<ColumnKey, string[]> = {
  idNumber: ['身份证号', '公民身份号码', '身份证号码', '证件号码', 'idNumber'],
  name: ['姓名', 'name'],
  sex: ['性别', 'sex'],
  birthDate: ['出生日期', 'birthDate'],
  hukouRegionCode: ['户籍地区划代码', '户籍地代码', '区划代码', '户籍区划代码', 'hukouRegionCode'],
  householdNo: ['户号', 'householdNo'],
  eventDate: [],
};

export const KIND_COLUMNS: Record<RegistryImportKind, { columns: ColumnKey[]; eventTitle?: string; eventAliases?: string[] }> = {
  roster: { columns: ['idNumber', 'name', 'sex', 'birthDate', 'hukouRegionCode', 'householdNo'] },
  deaths: { columns: ['idNumber', 'name', 'eventDate'], eventTitle: '死亡日期', eventAliases: ['死亡日期', 'deathDate'] },
  moveouts: { columns: ['idNumber', 'name', 'eventDate'], eventTitle: '迁出日期', eventAliases: ['迁出日期', '户口迁出日期', 'movedOutDate'] },
};

export function columnTitle(kind: RegistryImportKind, key: ColumnKey): string {
  return key === 'eventDate' ? KIND_COLUMNS[kind].eventTitle! : COLUMN_TITLES[key];
}

export type IssueReason =
  | 'missing_column' | 'missing' | 'bad_check_digit' | 'bad_id_number' | 'impossible_date' | 'bad_value' | 'too_long'
  | 'unknown_region_code' | 'duplicate_in_file' | 'name_mismatch';

export const REASON_TEXT: Record<IssueReason, string> = {
  missing_column: '文件缺少这一列',
  missing: '没有填写',
  bad_check_digit: '身份证号校验位不对',
  bad_id_number: '身份证号格式不对',
  impossible_date: '日期不存在或晚于今天',
  bad_value: '取值不对（性别应为男或女）',
  too_long: '内容过长',
  unknown_region_code: '不是荆州区的社区或村的区划代码',
  duplicate_in_file: '同一个身份证号在文件中重复出现（只导入第一行）',
  name_mismatch: '姓名与户籍底册中已有的记录不一致',
};

export interface RowIssue {
  rowNo: number;
  column: string;
  reason: IssueReason;
}

export interface StagedRow {
  rowNo: number;
  idNumber: string;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  hukouRegionCode: string | null;
  householdNo: string | null;
  eventDate: string | null;
}

export type HeaderResult = { ok: true; positions: Map<ColumnKey, number> } | { ok: false; missing: string[] };

export function readHeader(kind: RegistryImportKind, cells: readonly string[]): HeaderResult {
  const clean = cells.map((c) => c.replace(/[\s\u3000\uFEFF]/g, ''));
  const positions = new Map<ColumnKey, number>();
  const missing: string[] = [];
  for (const key of KIND_COLUMNS[kind].columns) {
    const names = key === 'eventDate' ? KIND_COLUMNS[kind].eventAliases! : ALIASES[key];
    const at = clean.findIndex((c) => names.includes(c));
    if (at < 0) missing.push(columnTitle(kind, key));
    else positions.set(key, at);
  }
  return missing.length ? { ok: false, missing } : { ok: true, positions };
}

const isRealDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** YYYY-MM-DD from 2026-01-05, 2026/1/5, 2026.01.05, 20260105, 2026年1月5日 or an Excel day serial; null if impossible */
export function parseDate(raw: string, today: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const sep = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (sep) [y, m, d] = [Number(sep[1]), Number(sep[2]), Number(sep[3])];
  else if (compact) [y, m, d] = [Number(compact[1]), Number(compact[2]), Number(compact[3])];
  else if (/^\d{4,5}(\.0+)?$/.test(s)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return null;
  if (y < 1850 || !isRealDate(y, m, d)) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return iso > today ? null : iso;
}

function parseSex(raw: string): 'male' | 'female' | null {
  const s = raw.trim().toLowerCase();
  if (s === '男' || s === '1' || s === 'male' || s === 'm') return 'male';
  if (s === '女' || s === '2' || s === 'female' || s === 'f') return 'female';
  return null;
}

export interface RowContext {
  kind: RegistryImportKind;
  positions: Map<ColumnKey, number>;
  today: string;
  regionCodes: ReadonlySet<string>;
}

/** one data row: the row to stage, or every problem it has (a row with any problem is not staged) */
export function checkRow(ctx: RowContext, rowNo: number, cells: readonly string[]): { row: StagedRow } | { issues: RowIssue[] } | { empty: true } {
  const get = (k: ColumnKey) => (ctx.positions.has(k) ? (cells[ctx.positions.get(k)!] ?? '').trim() : '');
  if (KIND_COLUMNS[ctx.kind].columns.every((k) => get(k) === '')) return { empty: true };
  const issues: RowIssue[] = [];
  const issue = (k: ColumnKey, reason: IssueReason) => issues.push({ rowNo, column: columnTitle(ctx.kind, k), reason });
  const required = (k: ColumnKey, max: number): string => {
    const v = get(k);
    if (v === '') issue(k, 'missing');
    else if ([...v].length > max) issue(k, 'too_long');
    return v;
  };
  const rawId = get('idNumber');
  const parsed = parseIdNumber(rawId, ctx.today);
  if (rawId === '') issue('idNumber', 'missing');
  else if (!parsed.ok) issue('idNumber', parsed.problem === 'bad_check_digit' ? 'bad_check_digit' : parsed.problem === 'impossible_date' || parsed.problem === 'future_date' ? 'impossible_date' : 'bad_id_number');
  const name = required('name', 64).replace(/\s+/g, '');
  const row: StagedRow = { rowNo, idNumber: normalizeIdNumber(rawId), name, sex: null, birthDate: null, hukouRegionCode: null, householdNo: null, eventDate: null };
  if (ctx.kind === 'roster') {
    const sex = get('sex');
    row.sex = parseSex(sex);
    if (sex === '') issue('sex', 'missing');
    else if (!row.sex) issue('sex', 'bad_value');
    row.birthDate = dateColumn('birthDate');
    const code = get('hukouRegionCode');
    if (code === '') issue('hukouRegionCode', 'missing');
    else if (!ctx.regionCodes.has(code)) issue('hukouRegionCode', 'unknown_region_code');
    row.hukouRegionCode = code;
    row.householdNo = required('householdNo', 32);
  } else {
    row.eventDate = dateColumn('eventDate');
  }
  return issues.length ? { issues } : { row };

  function dateColumn(k: ColumnKey): string | null {
    const v = get(k);
    if (v === '') {
      issue(k, 'missing');
      return null;
    }
    const iso = parseDate(v, ctx.today);
    if (!iso) issue(k, 'impossible_date');
    return iso;
  }
}
