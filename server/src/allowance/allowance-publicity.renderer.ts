import PDFDocument from 'pdfkit';
import type { PublicityEntryView } from '@jianban/shared';

export interface PublicitySheet {
  communityName: string;
  entries: readonly PublicityEntryView[];
  /** 'YYYY-MM-DD' */
  printedOn: string;
}

const M = 48;
const COLS = [
  { title: '序号', width: 40 },
  { title: '姓名', width: 80 },
  { title: '年龄', width: 50 },
  { title: '档次', width: 95 },
  { title: '每月', width: 65 },
  { title: '公示时间', width: 169 },
] as const;
const ROW_H = 30;
const day = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

// how to object, as on the app; no phone numbers or addresses are invented here — the community adds its own by hand
export const OBJECTION_TEXT = [
  '对名单中的人员有异议的，请在公示期内提出，并写明理由：',
  '1. 到本社区办事窗口当面反映；',
  '2. 或在微信小程序“简办” → 高龄津贴 → 社区公示名单中，点该人员后提出异议。',
  '社区会逐一核实，并记录核实结果。公示期满没有异议的，报街道审核。',
];

/**
 * The community's 高龄津贴 公示 as an A4 PDF for the notice board: names masked exactly as in the app (王*国), age,
 * bracket, monthly amount, the 公示 dates, and how to object. A table that runs over a page repeats its header.
 */
export function renderPublicitySheet(input: PublicitySheet, font: Buffer, family: string | undefined): Promise<{ pdf: Buffer; pageCount: number }> {
  const doc = new PDFDocument({ size: 'A4', margin: M, bufferPages: true, info: { Title: `${input.communityName} 高龄津贴公示`, Author: '简办' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font, family);
  doc.font('cjk');
  doc.fontSize(24).fillColor('#000000').text(`${input.communityName} 高龄津贴公示`, { align: 'center' });
  doc.moveDown(0.4).fontSize(14).fillColor('#222222').text('以下老人申请高龄津贴，已经社区初审，现予公示。姓名中间一字以*代替，与“简办”小程序中的公示名单一致。', { align: 'left' });
  doc.moveDown(0.6);
  for (const line of OBJECTION_TEXT) doc.fontSize(14).fillColor('#000000').text(line);
  doc.moveDown(0.8);

  const header = () => {
    let x = M;
    const y = doc.y;
    doc.rect(M, y, COLS.reduce((s, c) => s + c.width, 0), ROW_H).fillAndStroke('#eeeeee', '#000000');
    doc.fillColor('#000000').fontSize(14);
    for (const c of COLS) {
      doc.text(c.title, x + 4, y + 8, { width: c.width - 8, lineBreak: false });
      x += c.width;
    }
    doc.y = y + ROW_H;
  };
  header();
  if (input.entries.length === 0) {
    doc.moveDown(0.5).fontSize(14).text('现在没有正在公示的人员。', M);
  }
  input.entries.forEach((e, i) => {
    if (doc.y + ROW_H > doc.page.height - M - 30) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    const cells = [String(i + 1), e.maskedName, `${e.age}岁`, e.bracketLabel, e.monthlyCny ? `${e.monthlyCny}元` : '', `${md(e.startsOn)}至${md(e.endsOn)}`];
    let x = M;
    doc.lineWidth(0.5).strokeColor('#000000');
    COLS.forEach((c, n) => {
      doc.rect(x, y, c.width, ROW_H).stroke();
      doc.fillColor('#000000').fontSize(14).text(cells[n], x + 4, y + 8, { width: c.width - 8, lineBreak: false });
      x += c.width;
    });
    doc.y = y + ROW_H;
  });
  const pageCount = doc.bufferedPageRange().count;
  for (let i = 0; i < pageCount; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.fontSize(9).fillColor('#444444').text(`第 ${i + 1} 页 / 共 ${pageCount} 页    打印于 ${day(input.printedOn)}`, M, doc.page.height - M + 12, { lineBreak: false });
  }
  doc.end();
  return done.then((pdf) => ({ pdf, pageCount }));
}
