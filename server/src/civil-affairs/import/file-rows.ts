import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';

// the rows of a handed-over file, streamed: CSV (UTF-8 with or without BOM, or GB18030 as Excel saves it in China)
// or the first worksheet of an XLSX. Memory stays bounded by one chunk of the file, whatever its size.
export interface FileRow {
  /** 1-based, as a spreadsheet shows it (the header is row 1) */
  rowNo: number;
  cells: string[];
}

export type FileFormat = 'csv' | 'xlsx';

export function formatOf(fileName: string): FileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export function readRows(path: string, format: FileFormat): AsyncGenerator<FileRow> {
  return format === 'csv' ? csvRows(path) : xlsxRows(path);
}

async function sniffEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    // a sample that stops inside the file may split a multi-byte character: drop the last character (its lead byte
    // and up to 3 continuation bytes) before judging
    let end = bytesRead;
    if (bytesRead === buf.length) {
      let k = end - 1;
      while (k > 0 && (buf[k] & 0xc0) === 0x80 && end - k < 4) k--;
      if (buf[k] >= 0xc0) end = k;
    }
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await fh.close();
  }
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks
export async function* csvRows(path: string): AsyncGenerator<FileRow> {
  const decoder = new TextDecoder(await sniffEncoding(path), { ignoreBOM: false });
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let rowNo = 1;
  let pending = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    const rows: FileRow[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') (field += '"'), i++;
        else (quoted = false), (afterQuote = true);
        continue;
      }
      if (c === '"' && field === '' && !afterQuote) {
        quoted = true;
        pending = true;
      } else if (c === ',') {
        cells.push(field), (field = ''), (afterQuote = false), (pending = true);
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        cells.push(field);
        rows.push({ rowNo: rowNo++, cells });
        (cells = []), (field = ''), (afterQuote = false), (pending = false);
      } else {
        field += c;
        pending = true;
      }
    }
    yield* rows;
  }
  if (pending || field !== '' || cells.length > 0) {
    cells.push(field);
    yield { rowNo, cells };
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
    return '';
  }
  return String(v);
}

export async function* xlsxRows(path: string): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]) ?? [];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { rowNo: row.number, cells };
    }
    return; // the first worksheet is the data; later ones (notes, pivots) are ignored
  }
}
