// the staff payments pages in words: months, runs, bank-return reports, re-verification; pure
import { shanghaiDate, updatePaymentSettingsInput, type BankReturnReportView, type LedgerMonthView, type LedgerRunView, type PaymentSettingsView, type ReverifyRunView, type UpdatePaymentSettingsInput } from '@jianban/shared';
import { monthText, yuanText } from './format';

/** an instant → '12月7日' in Shanghai time */
const dayText = (iso: string): string => {
  const d = shanghaiDate(new Date(iso));
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

export const RUN_STATUS_TEXT: Record<LedgerRunView['status'], string> = {
  running: '正在进行',
  held: '暂停执行，等区管理员核实批准',
  done: '已完成',
  failed: '没有完成，可以重新开始',
};

export function runText(r: LedgerRunView): string {
  const progress = r.status === 'running' ? `（${r.chunksDone}/${r.chunksTotal}）` : '';
  return `${RUN_STATUS_TEXT[r.status]}${progress}，${r.startedBy}发起`;
}

/** the month's facts for the district, label / value */
export function monthRows(m: LedgerMonthView): [string, string][] {
  const rows: [string, string][] = [
    ['状态', m.status === 'closed' ? `已关账${m.closedAt ? `（${dayText(m.closedAt)}）` : ''}，数据不再改变` : '未关账，可以核算和复核'],
    ['本月是否发放', m.paysThisMonth ? '本月出发放名单' : '本月不出名单（按季度发放，季末一并发）'],
    ['应发', `${m.entitlements}笔，共${yuanText(m.amountCny)}`],
    ['其中补发', m.backPay > 0 ? `${m.backPay}笔，共${yuanText(m.backPayCny)}` : '没有'],
    ['核算', m.entitlementRun ? runText(m.entitlementRun) : '还没有核算'],
  ];
  if (m.roster) rows.push(['发放名单', `${m.roster.lines}行，共${yuanText(m.roster.amountCny)}，已下载${m.roster.exports}次`]);
  return rows;
}

/** what the district can do with the month now */
export function monthActions(m: LedgerMonthView): { run: boolean; close: boolean; roster: boolean; bankReturn: boolean } {
  const running = m.entitlementRun?.status === 'running';
  const open = m.status === 'open';
  return {
    run: open && !running,
    close: open && m.entitlementRun?.status === 'done',
    roster: !open && m.paysThisMonth,
    bankReturn: !open && m.paysThisMonth,
  };
}

export function bankReturnText(r: Pick<BankReturnReportView, 'paid' | 'failed' | 'bad' | 'duplicate'> & { unchanged?: number }): string {
  const parts = [`已发放${r.paid}行`, `发放失败${r.failed}行`];
  if (r.bad > 0) parts.push(`有误${r.bad}行（没有导入）`);
  if (r.duplicate > 0) parts.push(`重复${r.duplicate}行（只算一次）`);
  if (r.unchanged) parts.push(`之前已导入${r.unchanged}行`);
  return parts.join('，');
}

export function reverifyRows(r: ReverifyRunView): [string, string][] {
  const c = r.counts;
  return [
    ['状态', RUN_STATUS_TEXT[r.status]],
    ['核对人数', `${r.recipients}人（${r.source === 'district-copy' ? '区里的户籍数据副本' : '数据共享平台'}）`],
    ['去世', `${c.died}人`],
    ['户口迁出', `${c.movedOut}人`],
    ['恢复发放', `${c.reinstated}人`],
    ['升档', `${c.bracketUp}人`],
    ['撤回同意', `${c.consentWithdrawn}人`],
    ['数据中没有（待核实，不暂停）', `${c.missing}人`],
    ['连不上（待核实，不暂停）', `${c.unavailable}人`],
    ['将暂停或停止的比例', `${r.suspendPercent.toFixed(1)}%（超过${r.thresholdPercent}%要批准）`],
  ];
}

export { monthText };

// ---- payment settings (item 0): shown as defaults until the district confirms them for 荆州区 ----

export interface SettingsForm {
  period: 'monthly' | 'quarterly';
  cap: string;
  bracketChange: 'birthday_month' | 'month_after';
  payDay: string;
  hold: string;
  confirmed: 'yes' | 'no';
}

export function settingsFormOf(s: PaymentSettingsView): SettingsForm {
  return {
    period: s.period, cap: s.arrearsCapMonths === null ? '' : String(s.arrearsCapMonths), bracketChange: s.bracketChange,
    payDay: String(s.payDay), hold: String(s.reverifyHoldPercent), confirmed: s.isDefault ? 'no' : 'yes',
  };
}

/** the form → the request, or the first thing to fix in words */
export function buildSettingsInput(f: SettingsForm): { ok: true; input: UpdatePaymentSettingsInput } | { ok: false; errors: Partial<Record<keyof SettingsForm, string>> } {
  const errors: Partial<Record<keyof SettingsForm, string>> = {};
  const cap = f.cap.trim() === '' ? null : Number(f.cap);
  if (cap !== null && (!Number.isInteger(cap) || cap < 1 || cap > 120)) errors.cap = '补发上限写1到120之间的整数（月），不限就空着';
  const payDay = Number(f.payDay);
  if (!Number.isInteger(payDay) || payDay < 1 || payDay > 28) errors.payDay = '发放日写1到28之间的整数';
  const hold = Number(f.hold);
  if (!Number.isFinite(hold) || hold < 0.1 || hold > 50) errors.hold = '比例写0.1到50之间的数';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input = updatePaymentSettingsInput.parse({ period: f.period, arrearsCapMonths: cap, bracketChange: f.bracketChange, payDay, reverifyHoldPercent: hold, confirmedForDistrict: f.confirmed === 'yes' });
  return { ok: true, input };
}
