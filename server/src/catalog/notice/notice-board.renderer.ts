import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { encode } from 'uqr';
import { woffToSfnt } from './woff';

// one row of a poster: the item's name and its route (not issued) or what to bring (still issued), in one line
export interface PosterItem {
  code: string;
  name: string;
  line: string;
}
export interface PosterInput {
  communityName: string;
  notIssue: PosterItem[]; // in the order residents see them in the app
  issue: PosterItem[];
  catalogVersion: number;
  generatedOn: string; // YYYY-MM-DD
  code: PosterCode; // what residents scan, top right of each poster
  unverified: boolean; // some routes are not yet checked by the district admin: one line of small print says so
}
// a QR code of the H5 address; a 小程序码 image (PNG/JPEG bytes from WeChat); the 小程序码 that could not be had
// (the poster says so in small print where it would be, so staff print again later); or no code at all
export type PosterCode = { kind: 'qr'; url: string } | { kind: 'wxacode'; image: Buffer } | { kind: 'missing' } | { kind: 'none' };
export const WXACODE_MISSING_TEXT = '小程序码暂未取到，请稍后重新下载打印';

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

// A3 landscape in points. Sizes are the client's minimums on A3: item names ≥ 28 pt, routes ≥ 20 pt.
export const POSTER = { width: 1190.55, height: 841.89, margin: 30, title: 40, name: 28, route: 20, small: 14, qr: 96, gap: 4, columnGap: 36 } as const;

const LISTS = {
  notIssue: { title: '社区不再开具的证明', lead: '办下面这些事，不用再找社区开证明。每行右边是现在的办法。' },
  issue: { title: '社区可以开具的证明', lead: '下面这些证明仍由社区开具。每行右边是要带的材料。' },
} as const;

type Doc = PDFKit.PDFDocument;

// two posters for the community's door, one A3 landscape page per list (not issued first), each item on one row.
// Each item is also a PDF outline entry, so the names can be found in the file without a text extractor.
export function renderNoticeBoard(input: PosterInput, font: Buffer, family: string | undefined): Promise<{ pdf: Buffer; pageCount: number; overflowPt: number }> {
  const doc = new PDFDocument({
    size: [POSTER.width, POSTER.height],
    margin: POSTER.margin,
    autoFirstPage: false,
    info: { Title: `${input.communityName} 证明事项公示牌`, Author: '简办' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font, family);
  const overflowPt = Math.max(poster(doc, input, 'notIssue'), poster(doc, input, 'issue'));
  doc.end();
  return done.then((pdf) => ({ pdf, pageCount: 2, overflowPt }));
}

// draws one poster; returns how far (pt) its rows run past the space above the footer (0 when they fit)
function poster(doc: Doc, input: PosterInput, list: keyof typeof LISTS): number {
  doc.addPage({ size: [POSTER.width, POSTER.height], margin: POSTER.margin });
  doc.page.margins.bottom = 0; // the footer sits in the bottom margin; without this pdfkit would start a new page
  doc.font('cjk').fillColor('#000000');
  const { margin } = POSTER;
  const right = POSTER.width - margin;
  const textRight = input.code.kind !== 'none' ? right - POSTER.qr - 24 : right;
  doc.fontSize(POSTER.title).text(`${input.communityName}：${LISTS[list].title}`, margin, margin, { width: textRight - margin, lineBreak: false });
  doc.fontSize(POSTER.route).fillColor('#222222').text(LISTS[list].lead, margin, margin + POSTER.title + 10, { width: textRight - margin, lineBreak: false });
  const top = margin + POSTER.title + 10 + POSTER.route + 22;
  // the QR code sits top right: the right column starts under it
  const qrBottom = input.code.kind !== 'none' ? codeBox(doc, input.code, right - POSTER.qr, margin) + 10 : top;
  const bottom = POSTER.height - margin - POSTER.small * 2 - 14;
  const parent = doc.outline.addItem(LISTS[list].title);
  const overflow = rows(doc, input[list], { tops: [top, Math.max(top, qrBottom)], bottom, left: margin, right }, (name) => parent.addItem(name));
  footer(doc, input);
  return overflow;
}

interface Box {
  tops: [number, number]; // where each column starts
  bottom: number;
  left: number;
  right: number;
}

// the rows in two columns (one for a short list), the left one filled first; a row whose name and line do not fit
// side by side puts the line under the name (still one line, cut with … when even that is too long)
function rows(doc: Doc, items: PosterItem[], box: Box, outline: (name: string) => void): number {
  const columns = items.length > 8 ? 2 : 1;
  const width = (box.right - box.left - POSTER.columnGap * (columns - 1)) / columns;
  let column = 0;
  let y = box.tops[0];
  items.forEach((it, n) => {
    const height = rowHeight(doc, label(n, it), it.line, width);
    if (column < columns - 1 && y + height > box.bottom) {
      column++;
      y = box.tops[column];
    }
    outline(it.name);
    drawRow(doc, { name: label(n, it), line: it.line, x: box.left + column * (width + POSTER.columnGap), y, width });
    y += height;
  });
  return Math.max(0, Math.round(y - POSTER.gap - box.bottom));
}

const label = (n: number, it: PosterItem) => `${n + 1}. ${it.name}`;
const NAME_LINE = POSTER.name * 1.25;
const ROUTE_LINE = POSTER.route * 1.3;

function fitsBeside(doc: Doc, name: string, line: string, width: number): boolean {
  const nameWidth = doc.fontSize(POSTER.name).widthOfString(name);
  return nameWidth + 20 + doc.fontSize(POSTER.route).widthOfString(line) <= width;
}

function rowHeight(doc: Doc, name: string, line: string, width: number): number {
  return (fitsBeside(doc, name, line, width) ? NAME_LINE : NAME_LINE + ROUTE_LINE) + POSTER.gap;
}

function drawRow(doc: Doc, r: { name: string; line: string; x: number; y: number; width: number }) {
  const beside = fitsBeside(doc, r.name, r.line, r.width);
  doc.fontSize(POSTER.name).fillColor('#000000').text(r.name, r.x, r.y, { lineBreak: false });
  const nameWidth = doc.widthOfString(r.name);
  const lineX = beside ? r.x + nameWidth + 20 : r.x + POSTER.name;
  const lineY = beside ? r.y + (POSTER.name - POSTER.route) * 0.8 : r.y + NAME_LINE;
  doc.fontSize(POSTER.route).fillColor('#1a1a1a').text(cut(doc, r.line, r.x + r.width - lineX), lineX, lineY, { lineBreak: false });
}

// the line cut to the width at the route size, with … when it had to be cut
function cut(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let t = text;
  while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
  return `${t}…`;
}

// the code residents scan with its caption; returns the bottom of the caption
function codeBox(doc: Doc, code: Exclude<PosterCode, { kind: 'none' }>, x: number, y: number): number {
  if (code.kind === 'qr') return qrCode(doc, code.url, x, y);
  if (code.kind === 'wxacode') {
    doc.image(code.image, x, y, { width: POSTER.qr, height: POSTER.qr });
    doc.fontSize(POSTER.small).fillColor('#000000').text('微信扫码用手机查', x - 12, y + POSTER.qr + 4, { width: POSTER.qr + 24, align: 'center', lineBreak: false });
    return y + POSTER.qr + 4 + POSTER.small * 1.4;
  }
  // no image at all rather than a broken one: the note sits in a thin frame where the code would be
  doc.save().lineWidth(1).strokeColor('#666666').rect(x, y, POSTER.qr, POSTER.qr).stroke().restore();
  doc.fontSize(POSTER.small).fillColor('#333333').text(WXACODE_MISSING_TEXT, x + 6, y + 14, { width: POSTER.qr - 12, align: 'center' });
  return y + POSTER.qr + 4;
}

// the QR code of the app's address, drawn as squares; returns the bottom of its caption
function qrCode(doc: Doc, url: string, x: number, y: number): number {
  const { data } = encode(url, { ecc: 'M', border: 0 });
  const cell = POSTER.qr / data.length;
  doc.save().fillColor('#000000');
  data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) doc.rect(x + c * cell, y + r * cell, cell + 0.1, cell + 0.1).fill();
    }),
  );
  doc.restore();
  doc.fontSize(POSTER.small).fillColor('#000000').text('扫码用手机查', x, y + POSTER.qr + 4, { width: POSTER.qr, align: 'center', lineBreak: false });
  return y + POSTER.qr + 4 + POSTER.small * 1.4;
}

function footer(doc: Doc, input: PosterInput) {
  const y = POSTER.height - POSTER.margin - POSTER.small * 2 - 4;
  const width = POSTER.width - POSTER.margin * 2;
  doc.fontSize(POSTER.small + 2).fillColor('#000000').text(`更新于 ${input.generatedOn}（第 ${input.catalogVersion} 版）　不清楚的请问窗口工作人员，谁接待谁负责。`, POSTER.margin, y, { width, lineBreak: false });
  if (input.unverified) {
    doc.fontSize(POSTER.small).fillColor('#333333').text('部分办法还在核对中，以社区工作人员说的为准。', POSTER.margin, y + POSTER.small + 8, { width, lineBreak: false });
  }
}

