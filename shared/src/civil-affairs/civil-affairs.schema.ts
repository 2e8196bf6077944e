import { z } from 'zod';
import { isBase64 } from '../base64';

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

/** a registry file uploaded from the staff console: .csv (UTF-8 or GB18030) or .xlsx, base64 in JSON, at most 10 MB of file
 * (about 150,000 roster rows); larger files go through the command line `registry:import` */
export const REGISTRY_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const registryImportUploadInput = z.strictObject({
  kind: registryImportKind,
  fileName: z.string().trim().min(1).max(200).regex(/\.(xlsx|csv)$/i, '请上传 .xlsx 或 .csv 文件'),
  base64: z
    .string()
    .min(4)
    .max(Math.ceil(REGISTRY_FILE_MAX_BYTES / 3) * 4, '文件不能超过10MB')
    .refine(isBase64, '文件内容应为 base64'),
});
export type RegistryImportUploadInput = z.infer<typeof registryImportUploadInput>;

export const registryImportUploadView = z.object({
  import: registryImportView,
  /** problems in the validation report (download it for the rows) */
  issues: z.number().int(),
  /** the earlier import of the same file, when this one changed nothing (status 'duplicate') */
  duplicateOf: z.string().uuid().nullable(),
});
export type RegistryImportUploadView = z.infer<typeof registryImportUploadView>;
