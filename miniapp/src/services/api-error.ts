import { ErrorCode } from '@jianban/shared';

// codes the client produces itself (no server answer to read a code from)
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  BadResponse: 'BAD_RESPONSE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
export type AnyErrorCode = ErrorCode | ClientErrorCode;

const KNOWN = new Set<string>([...Object.values(ErrorCode), ...Object.values(ClientErrorCode)]);

export interface FieldIssue {
  path: string;
  message: string;
}

// when the body is not one of ours (a proxy's HTML page, an empty 502) the status decides
export function codeForStatus(status: number): AnyErrorCode {
  if (status === 400) return ErrorCode.Validation;
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 408 || status === 504) return ErrorCode.Timeout;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 415) return ErrorCode.UnsupportedMediaType;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 503) return ErrorCode.DatabaseUnavailable;
  return ErrorCode.Internal;
}

export class ApiError extends Error {
  readonly code: AnyErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: AnyErrorCode, status: number, message?: string, details?: unknown) {
    super(message ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** maps an HTTP error response ({ code, message, details? } from the server) */
  static from(status: number, body: unknown): ApiError {
    if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
      const b = body as { code: string; message?: unknown; details?: unknown };
      const code = KNOWN.has(b.code) ? (b.code as AnyErrorCode) : codeForStatus(status);
      return new ApiError(code, status, typeof b.message === 'string' ? b.message : undefined, b.details);
    }
    return new ApiError(codeForStatus(status), status);
  }

  /** VALIDATION_FAILED details.issues, or [] */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: unknown } | undefined;
    if (!d || !Array.isArray(d.issues)) return [];
    return d.issues.filter(
      (i): i is FieldIssue => !!i && typeof i.path === 'string' && typeof i.message === 'string',
    );
  }
}

/**
 * Splits server validation issues into per-field messages ("body.idNumber" → idNumber)
 * and the rest (shown as one general message).
 */
export function issuesByField<F extends string>(
  err: unknown,
  fields: readonly F[],
): { fields: Partial<Record<F, string>>; other: string[] } {
  const out: { fields: Partial<Record<F, string>>; other: string[] } = { fields: {}, other: [] };
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues) {
    const segs = issue.path.split('.').filter(Boolean);
    if (segs[0] === 'body' || segs[0] === 'query' || segs[0] === 'params') segs.shift();
    const f = segs[0] as F | undefined;
    if (f && (fields as readonly string[]).includes(f)) {
      if (!out.fields[f]) out.fields[f] = issue.message;
    } else out.other.push(issue.message);
  }
  return out;
}
