import ExcelJS from 'exceljs';
import type { DistrictFiguresView } from '@jianban/shared';

// the district figures as a workbook: 按档次 / 按社区 / 按月 (amounts whole 元); one sheet per table so each can be
// forwarded or summed on its own; the first row of every sheet says whether the amounts are the unconfirmed defaults
const DEFAULT_NOTE = '说明：金额按内置默认标准（未经荆州区确认）计算';
const CONFIRMED_NOTE = '说明：金额按区里确认的标准计算';

function sheet(wb: ExcelJS.Workbook, name: string, note: string, columns: { header: string; key: string; width: number }[]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([note]);
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  return ws;
}

export async function figuresWorkbook(f: DistrictFiguresView, created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jianban';
  wb.created = created;
  const note = `${f.isDefaultPolicy ? DEFAULT_NOTE : CONFIRMED_NOTE}；统计月份 ${f.from} 至 ${f.to}`;
  const brackets = sheet(wb, '按档次', note, [
    { header: '档次', key: 'b', width: 16 },
    { header: '领取人数', key: 'n', width: 12 },
    { header: '每月标准（元）', key: 'c', width: 16 },
  ]);
  for (const b of f.byBracket) brackets.addRow([b.bracketLabel, b.recipients, b.monthlyCny]);
  const communities = sheet(wb, '按社区', note, [
    { header: '社区代码', key: 'code', width: 16 },
    { header: '社区', key: 'name', width: 18 },
    { header: '领取人数', key: 'n', width: 12 },
    { header: '暂停人数', key: 's', width: 12 },
    { header: '应发金额（元）', key: 'a', width: 16 },
  ]);
  for (const c of f.byCommunity) communities.addRow([c.communityCode, c.communityName, c.recipients, c.suspended, c.amountCny]);
  const months = sheet(wb, '按月', note, [
    { header: '月份', key: 'm', width: 10 },
    { header: '领取人数', key: 'n', width: 12 },
    { header: '应发（元）', key: 'a', width: 14 },
    { header: '已发（元）', key: 'p', width: 14 },
    { header: '发放失败（元）', key: 'f', width: 16 },
    { header: '补发（元）', key: 'b', width: 14 },
    { header: '暂停人数', key: 's', width: 12 },
    { header: '待追缴（元）', key: 'r', width: 14 },
    { header: '已追回（元）', key: 'rr', width: 14 },
  ]);
  for (const m of f.months) months.addRow([m.month, m.recipients, m.amountCny, m.paidCny, m.failedCny, m.backPayCny, m.suspensions, m.recoveriesCny, m.recoveredCny]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
