import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { PINO } from './logger';
import { ErrorCode, errorStatus, type ErrorBody } from '@jianban/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DomainError } from './domain-error';
import { isDatabaseUnavailable, isRetryableConflict, isStatementTimeout } from './db-errors';

interface Mapped {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.MalformedJson,
  FST_ERR_CTP_INVALID_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_MAX_PARAM_LENGTH: ErrorCode.Validation,
  FST_ERR_BAD_URL: ErrorCode.Validation,
};

const HTTP_STATUS_CODES: Record<number, { code: ErrorCode; message?: string }> = {
  400: { code: ErrorCode.Validation, message: 'bad request' },
  401: { code: ErrorCode.Unauthenticated, message: 'login required' },
  403: { code: ErrorCode.Forbidden, message: 'forbidden' },
  404: { code: ErrorCode.RouteNotFound },
  413: { code: ErrorCode.PayloadTooLarge },
  415: { code: ErrorCode.UnsupportedMediaType },
};

const PLAIN_MESSAGES: Partial<Record<ErrorCode, string>> = {
  MALFORMED_JSON: 'request body is not valid JSON',
  VALIDATION_FAILED: 'bad request',
  PAYLOAD_TOO_LARGE: 'request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported content type; send application/json',
  ROUTE_NOT_FOUND: 'no such route',
  DATABASE_UNAVAILABLE: 'the database is unavailable, try again shortly',
  INTERNAL_ERROR: 'internal error',
};

function fromCode(code: ErrorCode, message?: string, details?: unknown): Mapped {
  return { status: errorStatus(code), body: { code, message: message ?? PLAIN_MESSAGES[code] ?? code, ...(details === undefined ? {} : { details }) } };
}

// maps any thrown value to { code, message, details? }; never a stack, never driver text
export function mapError(err: unknown): Mapped {
  if (err instanceof DomainError) return { ...fromCode(err.code, err.message, err.details), headers: err.headers };
  const fst = (err as { code?: string })?.code;
  if (fst && FASTIFY_CODES[fst]) return fromCode(FASTIFY_CODES[fst]);
  if (err instanceof SyntaxError) return fromCode(ErrorCode.MalformedJson);
  // Nest's HttpExceptions (router 404s, fastify errors re-wrapped by Nest) and raw framework errors with a status
  const status = err instanceof HttpException ? err.getStatus() : (err as { statusCode?: number })?.statusCode;
  const message = err instanceof Error ? err.message : '';
  if (status === 400 && /JSON|body/i.test(message)) return fromCode(ErrorCode.MalformedJson);
  const byStatus = status === undefined ? undefined : HTTP_STATUS_CODES[status];
  if (byStatus) return fromCode(byStatus.code, byStatus.message);
  if (isDatabaseUnavailable(err)) return fromCode(ErrorCode.DatabaseUnavailable);
  // a lock conflict or statement timeout that reached here was not retried away: busy, try again — not a crash
  if (isStatementTimeout(err) || isRetryableConflict(err)) return fromCode(ErrorCode.Timeout);
  return fromCode(ErrorCode.Internal);
}

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply, log: Logger): void {
  const mapped = mapError(err);
  const meta = { reqId: request.id, method: request.method, url: request.url, status: mapped.status, code: mapped.body.code };
  if (mapped.status >= 500) log.error({ ...meta, err }, 'request failed');
  else if (mapped.status === 401 || mapped.status === 403) log.warn(meta, 'request denied');
  if (mapped.headers) reply.headers(mapped.headers);
  void reply.status(mapped.status).header('content-type', 'application/json; charset=utf-8').send(mapped.body);
}

@Catch()
export class ErrorsFilter implements ExceptionFilter {
  constructor(@Inject(PINO) private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // the handler failed after its request was already answered (503 TIMEOUT, see handler-timeout.ts): log, send nothing
    if (reply.sent) {
      this.log.warn({ reqId: request.id, method: request.method, url: request.url, err }, 'handler failed after its request was answered');
      return;
    }
    sendError(err, request, reply, this.log);
  }
}
