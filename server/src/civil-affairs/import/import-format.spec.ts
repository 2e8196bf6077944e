import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { checkDigitOf } from '@jianban/shared';
import { csvRows } from './file-rows';
import { checkRow, parseDate, readHeader, type RowContext } from './import-format';

const dir = mkdtempSync(join(tmpdir(), 'jb-import-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(name: string, bytes: Buffer | string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const out: { rowNo: number; cells: string[] }[] = [];
  for await (const r of csvRows(path)) out.push(r);
  return out;
}

const id = (first17: string) => first17 + checkDigitOf(first17);

describe('reading handed-over CSV files', () => {
  it('handles a BOM, quoted commas, doubled quotes, line breaks inside quotes and CRLF', async () => {
    const rows = await rowsOf('a.csv', '\uFEFF身份证号,姓名\r\n"1,2","王""大"\r\n"多\n行",x\n最后,没有换行');
    expect(rows).toEqual([
      { rowNo: 1, cells: ['身份证号', '姓名'] },
      { rowNo: 2, cells: ['1,2', '王"大'] },
      { rowNo: 3, cells: ['多\n行', 'x'] },
      { rowNo: 4, cells: ['最后', '没有换行'] },
    ]);
  });

  it('keeps a long UTF-8 file UTF-8 when the 64 KB sample ends inside a character', async () => {
    const filler = 'a,' + 'x'.repeat(64 * 1024 - 4) + '\n'; // 64 KB - 1 byte: the sample ends on the second byte of 王
    const rows = await rowsOf('long.csv', `${filler}王大,李\n`);
    expect(rows[1]).toEqual({ rowNo: 2, cells: ['王大', '李'] });
  });

  it('reads a file Excel saved in GB18030 (GBK), as offices in China do', async () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xcd, 0xf5, 0x0d, 0x0a]); // 姓名,王\r\n
    expect(await rowsOf('gbk.csv', gbk)).toEqual([{ rowNo: 1, cells: ['姓名', '王'] }]);
  });
});

describe('checking one row', () => {
  const header = readHeader('roster', [' 公民身份号码 ', '姓名', '性别', '出生日期', '户籍地区划代码', '户号']);
  if (!header.ok) throw new Error('header refused');
  const ctx: RowContext = { kind: 'roster', positions: header.positions, today: '2026-12-01', regionCodes: new Set(['421003003003']) };
  const good = id('42242119400315001');

  it('accepts header aliases and reports the columns a file lacks by their Chinese names', () => {
    expect(readHeader('deaths', ['身份证号', '姓名'])).toEqual({ ok: false, missing: ['死亡日期'] });
  });

  it('stages a good row with the ID number normalized and the date in ISO form', () => {
    expect(checkRow(ctx, 2, [good.toLowerCase(), '王 建国', '男', '1940年3月15日', '421003003003', '0030039000001'])).toEqual({
      row: { rowNo: 2, idNumber: good, name: '王建国', sex: 'male', birthDate: '1940-03-15', hukouRegionCode: '421003003003', householdNo: '0030039000001', eventDate: null },
    });
  });

  it('lists every problem of a bad row, column by column', () => {
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(checkRow(ctx, 7, [badCheck, '', '不详', '1940-02-30', '420106001001', ''])).toEqual({
      issues: [
        { rowNo: 7, column: '身份证号', reason: 'bad_check_digit' },
        { rowNo: 7, column: '姓名', reason: 'missing' },
        { rowNo: 7, column: '性别', reason: 'bad_value' },
        { rowNo: 7, column: '出生日期', reason: 'impossible_date' },
        { rowNo: 7, column: '户籍地区划代码', reason: 'unknown_region_code' },
        { rowNo: 7, column: '户号', reason: 'missing' },
      ],
    });
    expect(checkRow(ctx, 8, ['', '', '', '', '', ''])).toEqual({ empty: true });
  });

  it('parses the date spellings of real files and refuses impossible or future dates', () => {
    expect(parseDate('2026/1/5', '2026-12-01')).toBe('2026-01-05');
    expect(parseDate('20260105', '2026-12-01')).toBe('2026-01-05');
    expect(parseDate('2026.01.05', '2026-12-01')).toBe('2026-01-05');
    expect(parseDate('45000', '2026-12-01')).toBe('2023-03-15'); // an Excel day number
    expect(parseDate('2024-02-29', '2026-12-01')).toBe('2024-02-29');
    expect(parseDate('2025-02-29', '2026-12-01')).toBeNull();
    expect(parseDate('2026-12-02', '2026-12-01')).toBeNull();
    expect(parseDate('昨天', '2026-12-01')).toBeNull();
  });
});
