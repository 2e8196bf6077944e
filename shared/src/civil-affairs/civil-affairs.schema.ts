import { z } from 'zod';

// the district copy of the civil-affairs registry as district staff see it: the files imported and their reports
export const registryImportKind = z.enum(['roster', 'deaths', 'moveouts']);
export const registryImportStatus = z.enum(['staging', 'held', 'published', 'failed', 'duplicate']);

export const registryImportView = z.object({
  id: z.string().uuid(),
  kind: registryImportKind,
  fileName: z.string(),
  status: registryImportStatus,
  totalRows: z.number().int(),
  acceptedRows: z.number().int(),
  rejectedRows: z.number().int(),
  /** who ran it: a staff member, the command line, or the demo seed */
  by: z.enum(['staff', 'cli', 'seed', 'test']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const registryImportList = z.object({ items: z.array(registryImportView) });

export const registryImportReportView = z.object({
  fileName: z.string(),
  contentType: z.literal('text/csv'),
  base64: z.string(), // the report as CSV (UTF-8 with BOM, Chinese headers: 行号,列,问题)
  sizeBytes: z.number().int(),
  issueCount: z.number().int(),
  /** the download stops at the first rows when a file had very many problems; the command line gives all of them */
  truncated: z.boolean(),
});

export type RegistryImportView = z.infer<typeof registryImportView>;
export type RegistryImportList = z.infer<typeof registryImportList>;
export type RegistryImportReportView = z.infer<typeof registryImportReportView>;
