import { Injectable } from '@nestjs/common';
import { ErrorCode, type RegistryImportList, type RegistryImportReportView, type RegistryImportView } from '@jianban/shared';
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
