// the staff payments pages in words: months, runs, bank-return reports, re-verification; pure
import type { BankReturnReportView, LedgerMonthView, LedgerRunView, ReverifyRunView } from '@jianban/shared';
import { monthText, yuanText } from './format';

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
    ['状态', m.status === 'closed' ? `已关账${m.closedBy ? `（${m.closedBy}）` : ''}` : '未关账，可以核算和复核'],
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
