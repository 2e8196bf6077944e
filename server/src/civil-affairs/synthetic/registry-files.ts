import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { RegistryImportKind } from '../entities/registry.entities';
import type { RegistryPerson } from '../civil-affairs.port';
import { generatePeople, type GeneratorOptions } from './registry-generator';

// writes a generated registry as the files the departments hand over (the import's formats), so demos, tests and the
// benchmark go through the real import path. Streamed: a million people never sit in memory.
export const FILE_HEADERS: Record<RegistryImportKind, string[]> = {
  roster: ['身份证号', '姓名', '性别', '出生日期', '户籍地区划代码', '户号'],
  deaths: ['身份证号', '姓名', '死亡日期'],
  moveouts: ['身份证号', '姓名', '迁出日期'],
};

export function fileRow(kind: RegistryImportKind, p: RegistryPerson): string[] {
  if (kind === 'roster') return [p.idNumber, p.name, p.sex === 'male' ? '男' : '女', p.birthDate, p.hukouRegionCode, p.householdNo];
  return [p.idNumber, p.name, (kind === 'deaths' ? p.deathDate : p.movedOutDate) ?? ''];
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

interface Sink {
  write(cells: string[]): Promise<void>;
  close(): Promise<void>;
}

function csvSink(path: string): Sink {
  const out: WriteStream = createWriteStream(path);
  out.write('\uFEFF');
  return {
    async write(cells) {
      if (!out.write(cells.map(csvCell).join(',') + '\r\n')) await once(out, 'drain');
    },
    close: () => new Promise((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

function xlsxSink(path: string): Sink {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('Sheet1');
  return {
    async write(cells) {
      sheet.addRow(cells).commit();
    },
    async close() {
      sheet.commit();
      await book.commit();
    },
  };
}

export function openSink(path: string, format: 'csv' | 'xlsx'): Sink {
  return format === 'csv' ? csvSink(path) : xlsxSink(path);
}

export interface WrittenFiles {
  roster: string;
  deaths: string;
  moveouts: string;
  counts: Record<RegistryImportKind, number>;
}

/** writes roster.<ext>, deaths.<ext> and moveouts.<ext> into `dir` from the generator (or the people given) */
export async function writeRegistryFiles(
  dir: string,
  format: 'csv' | 'xlsx',
  source: GeneratorOptions | Iterable<RegistryPerson>,
): Promise<WrittenFiles> {
  mkdirSync(dir, { recursive: true });
  const kinds: RegistryImportKind[] = ['roster', 'deaths', 'moveouts'];
  const paths = Object.fromEntries(kinds.map((k) => [k, join(dir, `${k}.${format}`)])) as Record<RegistryImportKind, string>;
  const sinks = Object.fromEntries(kinds.map((k) => [k, openSink(paths[k], format)])) as Record<RegistryImportKind, Sink>;
  const counts: Record<RegistryImportKind, number> = { roster: 0, deaths: 0, moveouts: 0 };
  for (const k of kinds) await sinks[k].write(FILE_HEADERS[k]);
  const people = Symbol.iterator in source ? source : generatePeople(source);
  for (const p of people) {
    await sinks.roster.write(fileRow('roster', p));
    counts.roster++;
    if (p.deathDate) await sinks.deaths.write(fileRow('deaths', p)), counts.deaths++;
    if (p.movedOutDate) await sinks.moveouts.write(fileRow('moveouts', p)), counts.moveouts++;
  }
  for (const k of kinds) await sinks[k].close();
  return { ...paths, counts };
}
