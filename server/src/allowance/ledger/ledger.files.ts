import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  ALLOWANCE_ACCOUNT_KIND_TEXT, ErrorCode, maskIdNumber, normalizeIdNumber, parseIdNumber, XLSX_CONTENT_TYPE,
  type BankReturnReportView, type LedgerFileInput, type LedgerXlsxView, type PaymentRollReportView,
} from '@jianban/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import { PiiCipher } from '../../common/pii-cipher';
import { CivilAffairsRegistry } from '../../civil-affairs/civil-affairs.port';
import { readRows, type FileRow } from '../../civil-affairs/import/file-rows';
import { RegionScope } from '../../identity/region.scope';
import { AllowanceLedgerImportEntity, AllowanceLedgerImportIssueEntity, AllowancePaymentLineEntity, AllowanceRecipientEntity, AllowanceDecisionEntity } from './ledger.entities';
import { audit, LedgerMonths } from './ledger.months';
import { LedgerNotices, type Elder } from './ledger.notices';
import { DISTRICT_PREFIX, monthText, nextMonth, paysInMonth, plainBankReason } from './ledger.rules';
import { PaymentSettingsService } from './ledger.settings';
import { changed, insertIgnore, marks, sql } from './ledger.sql';

type Raw = Record<string, unknown>;
interface Issue {
  rowNo: number;
  column: string;
  reason: string;
  text: string;
}

const HEAD = {
  reference: ['参考号', '业务参考号', '流水号', '业务流水号', 'reference'],
  result: ['结果', '状态', '处理结果', '发放结果', 'result'],
  reason: ['原因', '失败原因', '备注', 'reason'],
  amount: ['金额', '金额(元)', '金额（元）', 'amount'],
  name: ['姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', 'id_number'],
  accountKind: ['账户类型', 'account_kind'],
  account: ['账号', '收款账号', '银行账号', '卡号', 'account'],
  bankName: ['开户行', 'bank_name'],
  since: ['起始月份', '开始发放月份', '发放起始月份', 'since'],
};
const PAID = new Set(['成功', '已入账', '已发放', 'paid', 'success', 'ok']);
const FAILED = new Set(['失败', '退回', '发放失败', 'failed', 'fail']);

/**
 * Item 2 and part 1's leftover: the files of the ledger. The payment roster (XLSX, streamed) of a closed month — the
 * only place the full ID number and account appear, each export audited (G3); the bank's return file; the district's
 * roll of people already paid before Jianban. Imports validate every line, report bad and duplicate lines, and apply
 * the good ones in one transaction: nothing half-applied.
 */
@Injectable()
export class LedgerFiles {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly months: LedgerMonths,
    private readonly settings: PaymentSettingsService,
    private readonly notices: LedgerNotices,
    private readonly registry: CivilAffairsRegistry,
    private readonly regions: RegionScope,
  ) {}

  // ---- roster ----------------------------------------------------------------------------------

  /** the roster's lines are fixed the first time it is made (unique roster_month + entitlement); later exports repeat them */
  async fixRoster(tx: EntityManager, month: string, now: Date): Promise<void> {
    const existing: Raw[] = await sql(tx, `SELECT COUNT(*) AS n FROM allowance_payment_line WHERE roster_month = ?`, [month]);
    if (Number(existing[0].n) > 0) return;
    // everything due up to this month and not yet sent: this month, earlier months of a quarter, back-pay, retries after a fixed account
    const due: Raw[] = await sql(tx, 
      `SELECT e.id, e.recipient_id, e.amount_cny, e.for_month FROM allowance_entitlement e
       WHERE e.pay_month <= ? AND e.state = 'pending'
         AND NOT EXISTS (SELECT 1 FROM allowance_payment_line l WHERE l.entitlement_id = e.id AND l.status IN ('sent', 'paid'))
       ORDER BY e.recipient_id, e.for_month`,
      [month],
    );
    await insertIgnore(tx, AllowancePaymentLineEntity, due.map((e) => ({
      id: randomUUID(), rosterMonth: month, entitlementId: String(e.id), recipientId: String(e.recipient_id), reference: `${month.replace('-', '')}${String(e.id).replace(/-/g, '').slice(0, 24)}`,
      amountCny: Number(e.amount_cny), forMonth: String(e.for_month), status: 'sent', bankReason: null, returnId: null, createdAt: now, updatedAt: now,
    })));
  }

  async exportRoster(staff: { id: string }, month: string): Promise<LedgerXlsxView> {
    const now = this.clock.now();
    const lines = await this.db.transaction(async (tx) => {
      const row = await this.months.monthRow(tx, month);
      if (row?.status !== 'closed') throw new DomainError(ErrorCode.LedgerMonthNotClosed, 'close the month before its roster is made');
      const settings = await this.settings.current(tx);
      if (paysInMonth(month, settings.period)) await this.fixRoster(tx, month, now);
      const out: Raw[] = await sql(tx, 
        `SELECT l.reference, l.amount_cny, l.for_month, r.elder_name, r.elder_id_enc, r.account_kind, r.account_enc, r.bank_name
         FROM allowance_payment_line l JOIN allowance_recipient r ON r.id = l.recipient_id WHERE l.roster_month = ? ORDER BY r.community_code, l.reference`,
        [month],
      );
      await audit(tx, { kind: 'staff', id: staff.id }, 'roster_export', month, `${out.length} lines with full ID numbers and accounts`, now);
      return out;
    });
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useSharedStrings: false, useStyles: false });
    const sink = (book as unknown as { stream: PassThrough }).stream;
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const sheet = book.addWorksheet('发放名单');
    sheet.addRow(['序号', '姓名', '身份证号', '账户类型', '收款账号', '开户行', '金额（元）', '所属月份', '业务参考号', '备注']).commit();
    lines.forEach((l, i) => {
      const forMonth = String(l.for_month);
      sheet.addRow([
        i + 1, String(l.elder_name), this.cipher.decrypt(String(l.elder_id_enc)), ALLOWANCE_ACCOUNT_KIND_TEXT[l.account_kind as keyof typeof ALLOWANCE_ACCOUNT_KIND_TEXT] ?? '银行卡',
        this.cipher.decrypt(String(l.account_enc)), l.bank_name ? String(l.bank_name) : '', Number(l.amount_cny), forMonth, String(l.reference),
        forMonth < month ? `补发${monthText(forMonth)}` : '',
      ]).commit();
    });
    sheet.commit();
    await book.commit();
    const buf = Buffer.concat(chunks);
    return { fileName: `高龄津贴发放名单-${month}.xlsx`, contentType: XLSX_CONTENT_TYPE, base64: buf.toString('base64'), rows: lines.length };
  }

  // ---- bank return ------------------------------------------------------------------------------

  async importBankReturn(staff: { id: string }, month: string, file: LedgerFileInput): Promise<BankReturnReportView> {
    const row = await this.db.read((m) => this.months.monthRow(m, month));
    if (row?.status !== 'closed') throw new DomainError(ErrorCode.LedgerMonthNotClosed, 'the month has no roster yet');
    const rows = await this.readFile(file);
    const cols = columns(rows[0], ['reference', 'result'], ['reason', 'amount']);
    const now = this.clock.now();
    const importId = randomUUID();
    const issues: Issue[] = [];
    const seen = new Set<string>();
    const good: { rowNo: number; reference: string; paid: boolean; reason: string | null; amount: number | null }[] = [];
    for (const r of rows.slice(1)) {
      const cell = (k: string) => (cols[k] === undefined ? '' : (r.cells[cols[k]] ?? '').trim());
      const reference = cell('reference');
      if (!reference && !cell('result')) continue;
      if (!reference) { issues.push({ rowNo: r.rowNo, column: '参考号', reason: 'missing', text: '没有业务参考号' }); continue; }
      if (seen.has(reference)) { issues.push({ rowNo: r.rowNo, column: '参考号', reason: 'duplicate', text: `参考号${reference}在文件中重复出现，只按第一次处理` }); continue; }
      seen.add(reference);
      const result = cell('result').toLowerCase();
      const paid = PAID.has(result) ? true : FAILED.has(result) ? false : null;
      if (paid === null) { issues.push({ rowNo: r.rowNo, column: '结果', reason: 'bad_status', text: `看不懂结果“${cell('result').slice(0, 20)}”，应为成功或失败` }); continue; }
      const amountText = cell('amount');
      const amount = amountText === '' ? null : Number(amountText);
      if (amount !== null && !Number.isFinite(amount)) { issues.push({ rowNo: r.rowNo, column: '金额', reason: 'bad_amount', text: '金额不是数字' }); continue; }
      good.push({ rowNo: r.rowNo, reference, paid, reason: paid ? null : cell('reason') || null, amount });
    }
    let paid = 0;
    let failed = 0;
    let unchanged = 0;
    await this.db.transaction(async (tx) => {
      const byRef = new Map<string, Raw>();
      for (let i = 0; i < good.length; i += 200) {
        const refs = good.slice(i, i + 200).map((g) => g.reference);
        const found: Raw[] = await sql(tx, 
          `SELECT l.id, l.reference, l.status, l.amount_cny, l.for_month, l.entitlement_id, r.id AS recipient_id, r.elder_id_hash, r.elder_name, r.elder_id_masked, r.community_code, r.application_id, r.status_reason
           FROM allowance_payment_line l JOIN allowance_recipient r ON r.id = l.recipient_id WHERE l.roster_month = ? AND l.reference IN (${marks(refs.length)})`,
          [month, ...refs],
        );
        for (const f of found) byRef.set(String(f.reference), f);
      }
      const paidByRecipient = new Map<string, { elder: Elder; cny: number; months: string[] }>();
      for (const g of good) {
        const line = byRef.get(g.reference);
        if (!line) { issues.push({ rowNo: g.rowNo, column: '参考号', reason: 'unknown_reference', text: `参考号${g.reference}不在${monthText(month)}的发放名单里` }); continue; }
        if (g.amount !== null && g.amount !== Number(line.amount_cny)) { issues.push({ rowNo: g.rowNo, column: '金额', reason: 'amount_mismatch', text: `金额${g.amount}与发放名单的${String(line.amount_cny)}元不一致` }); continue; }
        const want = g.paid ? 'paid' : 'failed';
        if (line.status === want) { unchanged++; continue; }
        if (line.status !== 'sent') { issues.push({ rowNo: g.rowNo, column: '结果', reason: 'conflict', text: `这一笔此前已标记为${line.status === 'paid' ? '成功' : '失败'}，没有改动` }); continue; }
        await changed(tx, `UPDATE allowance_payment_line SET status = ?, bank_reason = ?, return_id = ?, updated_at = ? WHERE id = ? AND status = 'sent'`, [want, g.reason?.slice(0, 100) ?? null, importId, now, line.id]);
        await sql(tx, `UPDATE allowance_entitlement SET state = ?, failure_reason = ?, paid_on = ?, updated_at = ? WHERE id = ?`, [
          want, g.paid ? null : plainBankReason(g.reason).slice(0, 100), g.paid ? this.clock.today() : null, now, line.entitlement_id,
        ]);
        const elder: Elder = {
          id: String(line.recipient_id), elderIdHash: String(line.elder_id_hash), elderName: String(line.elder_name), elderIdMasked: String(line.elder_id_masked),
          communityCode: String(line.community_code), applicationId: line.application_id ? String(line.application_id) : null, statusReason: line.status_reason ? String(line.status_reason) : null,
        };
        if (g.paid) {
          paid++;
          const p = paidByRecipient.get(elder.id) ?? { elder, cny: 0, months: [] };
          p.cny += Number(line.amount_cny);
          p.months.push(String(line.for_month));
          paidByRecipient.set(elder.id, p);
        } else {
          failed++;
          const reason = plainBankReason(g.reason);
          await this.notices.task(tx, elder, 'payment_failed', `failed:${String(line.id)}`, `${elder.elderName}${monthText(String(line.for_month))}的津贴发放失败：${reason}。请联系家属核对账户，改正后下次发放时补发。`, now);
          await this.notices.toFamily(tx, elder, 'allowance_payment_failed', { reason, period: monthText(String(line.for_month)) }, `failed:${String(line.id)}`);
        }
      }
      // the monthly "paid" notice: inbox only, one per elder and roster
      for (const p of paidByRecipient.values()) {
        const period = p.months.length === 1 ? monthText(p.months[0]) : `${monthText(p.months[0])}等${p.months.length}个月`;
        await this.notices.toFamily(tx, p.elder, 'allowance_paid', { amountYuan: p.cny, period }, `paid:${month}:${p.elder.id}:${importId}`);
      }
      await tx.insert(AllowanceLedgerImportEntity, {
        id: importId, kind: 'bank_return', month, fileName: file.fileName.slice(0, 200), fileSha256: sha(file.base64), status: 'applied', rowsTotal: rows.length - 1,
        okCount: paid, failedCount: failed, badCount: issues.filter((i) => i.reason !== 'duplicate').length, duplicateCount: issues.filter((i) => i.reason === 'duplicate').length,
        unchangedCount: unchanged, actor: staff.id, startedAt: now, finishedAt: now,
      });
      await this.saveIssues(tx, importId, issues);
      await audit(tx, { kind: 'staff', id: staff.id }, 'bank_return_import', month, `${paid} paid, ${failed} failed, ${issues.length} reported`, now);
    });
    return {
      id: importId, fileName: file.fileName, importedAt: now.toISOString(), month, lines: rows.length - 1, paid, failed, unchanged,
      bad: issues.filter((i) => i.reason !== 'duplicate').length, duplicate: issues.filter((i) => i.reason === 'duplicate').length, issues: issues.slice(0, 500),
    };
  }

  // ---- the roll of people already paid before Jianban ----------------------------------------------

  async importPaymentRoll(staff: { id: string }, file: LedgerFileInput): Promise<PaymentRollReportView> {
    const rows = await this.readFile(file);
    const cols = columns(rows[0], ['name', 'idNumber', 'account'], ['accountKind', 'bankName', 'since']);
    const now = this.clock.now();
    const today = this.clock.today();
    const importId = randomUUID();
    const issues: Issue[] = [];
    const seen = new Set<string>();
    const good: { rowNo: number; name: string; idNumber: string; account: string; kind: string; bankName: string | null; since: string | null }[] = [];
    for (const r of rows.slice(1)) {
      const cell = (k: string) => (cols[k] === undefined ? '' : (r.cells[cols[k]] ?? '').trim());
      if (!cell('name') && !cell('idNumber')) continue;
      const id = parseIdNumber(cell('idNumber'), today);
      if (!id.ok) { issues.push({ rowNo: r.rowNo, column: '身份证号', reason: 'bad_id', text: '身份证号不正确（校验位、出生日期或长度）' }); continue; }
      const idNumber = id.id.value;
      if (seen.has(idNumber)) { issues.push({ rowNo: r.rowNo, column: '身份证号', reason: 'duplicate', text: '同一个人在文件中重复出现，只按第一次处理' }); continue; }
      seen.add(idNumber);
      const account = cell('account').replace(/[\s-]+/g, '');
      if (!/^\d{8,30}$/.test(account)) { issues.push({ rowNo: r.rowNo, column: '账号', reason: 'bad_account', text: '账号应为8到30位数字' }); continue; }
      const since = cell('since').replace(/[年/.]/g, '-').replace(/月$/, '').replace(/-(\d)$/, '-0$1');
      if (since && !/^\d{4}-(0[1-9]|1[0-2])$/.test(since)) { issues.push({ rowNo: r.rowNo, column: '起始月份', reason: 'bad_month', text: '起始月份应写成2024-05这样的格式' }); continue; }
      const kindText = cell('accountKind');
      const kind = kindText.includes('一卡通') ? 'one_card' : kindText.includes('社保') ? 'social_security_card' : 'bank_card';
      good.push({ rowNo: r.rowNo, name: cell('name'), idNumber, account, kind, bankName: cell('bankName') || null, since: since || null });
    }
    // the registry, asked in batches (never per person)
    const answers = await this.registry.lookupMany(good.map((g) => g.idNumber));
    let imported = 0;
    let unchanged = 0;
    let mismatches = 0;
    const firstPaid = nextMonth(today.slice(0, 7));
    await this.db.transaction(async (tx) => {
      for (const g of good) {
        const a = answers.get(normalizeIdNumber(g.idNumber));
        const hash = this.cipher.blindIndex('id_number', g.idNumber);
        if (!a || a.kind === 'unavailable') { issues.push({ rowNo: g.rowNo, column: '身份证号', reason: 'registry_unavailable', text: '户籍库暂时连不上，这一行没有导入，请稍后再导入一次' }); continue; }
        if (a.kind === 'not-found') { mismatches++; issues.push({ rowNo: g.rowNo, column: '身份证号', reason: 'not_in_registry', text: '户籍库里没有这个人，没有导入，请社区核实' }); continue; }
        const p = a.person;
        if (p.deathDate) { mismatches++; issues.push({ rowNo: g.rowNo, column: '身份证号', reason: 'deceased', text: `户籍库登记已于${p.deathDate}去世，没有导入` }); continue; }
        if (p.movedOutDate || !p.hukouRegionCode.startsWith(DISTRICT_PREFIX)) { mismatches++; issues.push({ rowNo: g.rowNo, column: '身份证号', reason: 'moved_out', text: '户口不在荆州区，没有导入' }); continue; }
        const exists: Raw[] = await sql(tx, `SELECT id FROM allowance_recipient WHERE elder_id_hash = ?`, [hash]);
        if (exists.length) { unchanged++; continue; }
        const chain = await this.regions.ancestry(tx, p.hukouRegionCode);
        const nameOk = p.name === g.name;
        if (!nameOk) mismatches++;
        const recipientId = randomUUID();
        await tx.insert(AllowanceRecipientEntity, {
          id: recipientId, elderIdHash: hash, elderIdEnc: this.cipher.encrypt(g.idNumber), elderIdMasked: maskIdNumber(g.idNumber), elderName: p.name, elderBirthDate: p.birthDate,
          communityCode: p.hukouRegionCode, streetCode: chain[1]?.code ?? p.hukouRegionCode, source: 'payment_roll', applicationId: null, accountKind: g.kind,
          accountEnc: this.cipher.encrypt(g.account), accountLast4: g.account.slice(-4), bankName: g.bankName?.slice(0, 60) ?? null, accountUpdatedAt: now,
          firstPaidMonth: g.since && g.since > firstPaid ? g.since : firstPaid, status: 'active', statusReason: null, stoppedFrom: null, deathDate: null, movedOutDate: null,
          flagged: !nameOk, flagReason: nameOk ? null : 'name_mismatch', createdAt: now, updatedAt: now,
        });
        if (!nameOk) {
          await insertIgnore(tx, AllowanceDecisionEntity, [{
            id: randomUUID(), runKey: `roll:${importId}`, recipientId, kind: 'name_mismatch', status: 'flagged', effectiveMonth: null,
            evidenceJson: JSON.stringify({ source: a.source, asOf: a.asOf.toISOString(), facts: { registryName: p.name, rollName: g.name } }),
            staffText: `发放名单上的姓名“${g.name}”与户籍库“${p.name}”不一致，已按户籍库导入，请核实`, familyText: null, decidedAt: now, appliedAt: null,
          }]);
          issues.push({ rowNo: g.rowNo, column: '姓名', reason: 'name_mismatch', text: `姓名与户籍库（${p.name}）不一致，已导入并请工作人员核实` });
        }
        imported++;
      }
      await tx.insert(AllowanceLedgerImportEntity, {
        id: importId, kind: 'payment_roll', month: null, fileName: file.fileName.slice(0, 200), fileSha256: sha(file.base64), status: 'applied', rowsTotal: rows.length - 1,
        okCount: imported, failedCount: mismatches, badCount: issues.length, duplicateCount: issues.filter((i) => i.reason === 'duplicate').length, unchangedCount: unchanged,
        actor: staff.id, startedAt: now, finishedAt: now,
      });
      await this.saveIssues(tx, importId, issues);
      await audit(tx, { kind: 'staff', id: staff.id }, 'roll_import', importId, `${imported} imported, ${unchanged} unchanged, ${mismatches} mismatches`, now);
    });
    return { id: importId, fileName: file.fileName, importedAt: now.toISOString(), rows: rows.length - 1, imported, unchanged, mismatches, issues: issues.slice(0, 500) };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async saveIssues(tx: EntityManager, importId: string, issues: Issue[]): Promise<void> {
    await insertIgnore(tx, AllowanceLedgerImportIssueEntity, issues.map((i) => ({ importId, rowNo: i.rowNo, columnName: i.column.slice(0, 32), reason: i.reason.slice(0, 32), text: i.text.slice(0, 200) })));
  }

  /** the upload as rows: .xlsx must be a zip, .csv text; anything unreadable is LEDGER_FILE_INVALID and nothing is applied */
  private async readFile(file: LedgerFileInput): Promise<FileRow[]> {
    const buf = Buffer.from(file.base64, 'base64');
    const xlsx = /\.xlsx$/i.test(file.fileName);
    if (xlsx ? buf.subarray(0, 4).toString('binary') !== 'PK\x03\x04' : buf.includes(0)) throw new DomainError(ErrorCode.LedgerFileInvalid, 'the file is not what its name says');
    const dir = await mkdtemp(join(tmpdir(), 'ledger-'));
    try {
      const path = join(dir, xlsx ? 'upload.xlsx' : 'upload.csv');
      await writeFile(path, buf);
      const rows: FileRow[] = [];
      for await (const r of readRows(path, xlsx ? 'xlsx' : 'csv')) {
        rows.push(r);
        if (rows.length > 300_001) throw new DomainError(ErrorCode.LedgerFileInvalid, 'too many lines');
      }
      if (rows.length === 0) throw new DomainError(ErrorCode.LedgerFileInvalid, 'the file is empty');
      return rows;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError(ErrorCode.LedgerFileInvalid, 'the file could not be read');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function columns(header: FileRow | undefined, required: (keyof typeof HEAD)[], optional: (keyof typeof HEAD)[]): Record<string, number> {
  const names = (header?.cells ?? []).map((c) => c.trim().replace(/^\uFEFF/, '').toLowerCase());
  const out: Record<string, number> = {};
  for (const k of [...required, ...optional]) {
    const i = names.findIndex((n) => HEAD[k].some((h) => h.toLowerCase() === n));
    if (i >= 0) out[k] = i;
    else if (required.includes(k)) throw new DomainError(ErrorCode.LedgerFileInvalid, `the header has no column ${HEAD[k][0]}`, { column: HEAD[k][0] });
  }
  return out;
}

const sha = (b64: string) => createHash('sha256').update(b64).digest('hex');
