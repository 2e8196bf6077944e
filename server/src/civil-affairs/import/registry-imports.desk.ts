import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode, REGISTRY_FILE_MAX_BYTES, type RegistryImportList, type RegistryImportReportView, type RegistryImportUploadInput,
  type RegistryImportUploadView, type RegistryImportView,
} from '@jianban/shared';
import { DomainError } from '../../common/domain-error';
import type { RegistryImportEntity } from '../entities/registry.entities';
import { RegistryImportService } from './registry-import.service';

// the most issue rows one download carries (about 4 MB of CSV); the command line writes the whole report
export const REPORT_DOWNLOAD_ROWS = 100_000;

// what district staff read about imports: the list, and a report download (in the audit)
@Injectable()
export class RegistryImportsDesk {
  constructor(private readonly imports: RegistryImportService) {}

  async list(): Promise<RegistryImportList> {
    return { items: (await this.imports.listImports(100)).map(toImportView) };
  }

  /**
   * a file uploaded from the staff console (base64 in JSON, like the ledger's bank return): its content must be what its
   * name says, then it goes through the same import as the command line (streamed from a temporary file, idempotent by
   * SHA-256, audited with the staff member as actor). A refused file writes nothing.
   */
  async upload(staffId: string, input: RegistryImportUploadInput): Promise<RegistryImportUploadView> {
    const buf = Buffer.from(input.base64, 'base64');
    const xlsx = /\.xlsx$/i.test(input.fileName);
    if (buf.length === 0) throw new DomainError(ErrorCode.RegistryFileInvalid, 'the file is empty');
    if (buf.length > REGISTRY_FILE_MAX_BYTES) throw new DomainError(ErrorCode.RegistryFileInvalid, 'the file is larger than the upload limit');
    if (xlsx ? !isZip(buf) : !looksLikeText(buf)) {
      throw new DomainError(ErrorCode.RegistryFileInvalid, `the file is not a ${xlsx ? 'workbook (.xlsx)' : 'text table (.csv)'} as its name says`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'registry-upload-'));
    try {
      const path = join(dir, xlsx ? 'upload.xlsx' : 'upload.csv');
      await writeFile(path, buf);
      const summary = await this.imports.importFile({ kind: input.kind, path, fileName: input.fileName, actor: staffId });
      const row = await this.imports.findImport(summary.importId);
      return { import: toImportView(row!), issues: summary.issues, duplicateOf: summary.duplicateOf ?? null };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** publishes a held death or move-out import (F5) once district staff have checked it; audited with their account */
  async approve(staffId: string, importId: string): Promise<RegistryImportView> {
    await this.imports.approveHeld(importId, staffId);
    return toImportView((await this.imports.findImport(importId))!);
  }

  async report(staffId: string, importId: string): Promise<RegistryImportReportView> {
    const row = await this.imports.findImport(importId);
    if (!row) throw new DomainError(ErrorCode.NotFound, `no registry import ${importId}`);
    const lines: string[] = [];
    let issueCount = 0;
    let truncated = false;
    for await (const chunk of this.imports.reportCsv(importId)) {
      if (lines.length === 0) {
        lines.push(chunk); // the header line
        continue;
      }
      const n = chunk.split('\r\n').length - 1;
      if (issueCount + n > REPORT_DOWNLOAD_ROWS) {
        truncated = true;
        break;
      }
      issueCount += n;
      lines.push(chunk);
    }
    await this.imports.recordDownload(importId, staffId);
    const csv = Buffer.from(lines.join(''), 'utf8');
    return {
      fileName: `校验报告-${row.fileName.replace(/\.(csv|xlsx|txt)$/i, '')}-${row.startedAt.toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv', base64: csv.toString('base64'), sizeBytes: csv.length,
      issueCount, truncated,
    };
  }
}

function toImportView(i: RegistryImportEntity): RegistryImportView {
  const by = i.actor === 'cli' || i.actor === 'seed' || i.actor === 'test' ? i.actor : 'staff';
  return {
    id: i.id, kind: i.kind, fileName: i.fileName, status: i.status, totalRows: i.totalRows, acceptedRows: i.acceptedRows, rejectedRows: i.rejectedRows,
    by, startedAt: i.startedAt.toISOString(), finishedAt: i.finishedAt?.toISOString() ?? null,
  };
}

// an .xlsx is a zip archive: local file header signature
const isZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;

// a CSV is text (UTF-8 or GB18030): no NUL and no other control characters than tab and line breaks in its first 64 KB
// (a workbook, picture or PDF renamed to .csv has plenty), and it is not a zip
function looksLikeText(buf: Buffer): boolean {
  if (isZip(buf)) return false;
  const sample = buf.subarray(0, 64 * 1024);
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}
