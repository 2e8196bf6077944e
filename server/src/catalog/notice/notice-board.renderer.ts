import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ItemContentInput } from '@jianban/shared';
import { woffToSfnt } from './woff';

export interface NoticeItem {
  code: string;
  content: ItemContentInput;
  inferredNote: string | null;
}
export interface NoticeInput {
  communityName: string;
  issue: NoticeItem[];
  notIssue: NoticeItem[];
  catalogVersion: number;
  generatedOn: string;
}
export interface FontSource {
  path: string;
  family: string;
}

// the font bytes, read once per path (fonts are read-only files)
const fontCache = new Map<string, Buffer>();
export function loadFont(path: string): Buffer | null {
  const cached = fontCache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) return null;
  const bytes = woffToSfnt(readFileSync(path));
  fontCache.set(path, bytes);
  return bytes;
}

const A4 = { margin: 48, title: 22, heading: 16, body: 12 };

// a printable A4 notice for the community's door: both lists, every not-issue item with its alternative route.
// Each item is also a PDF outline entry, so the names can be found in the file without a text extractor.
export function renderNoticeBoard(input: NoticeInput, font: Buffer, family: string | undefined): Promise<{ pdf: Buffer; pageCount: number }> {
  const doc = new PDFDocument({ size: 'A4', margin: A4.margin, bufferPages: true, info: { Title: `${input.communityName} 证明事项公示`, Author: '简办' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font, family);
  doc.font('cjk');
  doc.fontSize(A4.title).text(`${input.communityName} 证明事项公示`, { align: 'center' });
  doc.moveDown(0.3).fontSize(A4.body).fillColor('#333333').text(`依据：民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）。更新于 ${input.generatedOn}（第 ${input.catalogVersion} 版）`, { align: 'center' });
  section(doc, '一、社区应当出具的证明事项', input.issue, (it) => it.content.materials.length > 0 ? [`需带材料：${it.content.materials.join('、')}`] : []);
  doc.addPage();
  section(doc, '二、社区不再开具的证明事项及替代途径', input.notIssue, (it) => [
    ...it.content.routeSteps.map((s, i) => `${i + 1}. ${s}`),
    ...(it.content.department ? [`办理部门：${it.content.department}`] : []),
    ...(it.content.onlineChannel ? [`网上办理：${it.content.onlineChannel}`] : []),
    ...(it.inferredNote ? [`（${it.inferredNote}）`] : []),
  ]);
  const pageCount = doc.bufferedPageRange().count;
  for (let i = 0; i < pageCount; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the bottom margin; without this pdfkit would start a new page
    doc.fontSize(9).fillColor('#555555').text(`第 ${i + 1} 页 / 共 ${pageCount} 页    不清楚的请问窗口工作人员（谁接待谁负责）`, A4.margin, doc.page.height - A4.margin + 12, { lineBreak: false });
  }
  doc.end();
  return done.then((pdf) => ({ pdf, pageCount }));
}

function section(doc: PDFKit.PDFDocument, title: string, items: NoticeItem[], lines: (it: NoticeItem) => string[]) {
  doc.moveDown(1).fontSize(A4.heading).fillColor('#000000').text(title);
  const parent = doc.outline.addItem(title);
  items.forEach((it, n) => {
    if (doc.y > doc.page.height - A4.margin - 80) doc.addPage();
    parent.addItem(it.content.name);
    doc.moveDown(0.5).fontSize(A4.body + 2).fillColor('#000000').text(`${n + 1}、${it.content.name}`);
    for (const l of lines(it)) doc.fontSize(A4.body).fillColor('#222222').text(l, { indent: 18 });
  });
}
