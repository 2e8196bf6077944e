import { describe, expect, it, jest } from '@jest/globals';
import { BadRequestException, ForbiddenException, HttpException, NotFoundException, PayloadTooLargeException, UnauthorizedException, UnsupportedMediaTypeException } from '@nestjs/common';
import { ERROR_STATUS, ErrorCode, errorBody } from '@jianban/shared';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { mapError, sendError } from './errors.filter';

const ALL_CODES = Object.values(ErrorCode);

function expectClean(body: unknown, ...forbidden: string[]) {
  expect(errorBody.safeParse(body).success).toBe(true);
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  expect(text).not.toContain('stack');
  for (const f of forbidden) expect(text).not.toContain(f);
}

describe('mapError', () => {
  it('gives every ErrorCode an HTTP status in the 4xx/5xx range', () => {
    expect(ALL_CODES.length).toBeGreaterThan(10);
    for (const code of ALL_CODES) {
      const status = ERROR_STATUS[code];
      expect([code, typeof status]).toEqual([code, 'number']);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ALL_CODES].sort());
  });

  it.each(ALL_CODES)('maps a DomainError with code %s to its code, message and status', (code) => {
    const m = mapError(new DomainError(code, `message for ${code}`, { hint: 1 }, { 'retry-after': '7' }));
    expect(m.status).toBe(ERROR_STATUS[code]);
    expect(m.body).toEqual({ code, message: `message for ${code}`, details: { hint: 1 } });
    expect(m.headers).toEqual({ 'retry-after': '7' });
  });

  it('omits details when a DomainError has none', () => {
    expect(mapError(new DomainError(ErrorCode.NotFound, 'no such family member')).body).toEqual({ code: 'NOT_FOUND', message: 'no such family member' });
  });

  it('maps an unknown Error to 500 INTERNAL_ERROR without its message or stack', () => {
    const err = new Error('secret internal detail: user 42100319400315001X at /srv/app.js:10:5');
    const m = mapError(err);
    expect(m.status).toBe(500);
    expect(m.body).toEqual({ code: 'INTERNAL_ERROR', message: 'internal error' });
    expectClean(m.body, 'secret internal detail', '42100319400315001X', err.stack!.split('\n')[1].trim());
  });

  it.each([['a thrown string', 'boom'], ['undefined', undefined], ['null', null], ['a number', 42], ['a plain object', { foo: 'bar' }]])(
    'maps %s to 500 INTERNAL_ERROR',
    (_label, thrown) => {
      const m = mapError(thrown);
      expect(m.status).toBe(500);
      expect(m.body.code).toBe('INTERNAL_ERROR');
    },
  );

  it('maps a failed SQL query to 500 without SQL or driver text', () => {
    const driverError = Object.assign(new Error("SQLITE_ERROR: no such column: secret_col"), { code: 'SQLITE_ERROR' });
    const err = new QueryFailedError('SELECT secret_col FROM family_member WHERE id = ?', ['x'], driverError);
    const m = mapError(err);
    expect(m.status).toBe(500);
    expectClean(m.body, 'SELECT', 'family_member', 'SQLITE', 'QueryFailedError', 'secret_col');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'DB_ACQUIRE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'SQLITE_BUSY'])(
    'maps a driver error with code %s to 503 DATABASE_UNAVAILABLE',
    (code) => {
      const direct = Object.assign(new Error(`connect ${code} 127.0.0.1:3306`), { code });
      expect(mapError(direct)).toEqual({ status: 503, body: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String) } });
      expectClean(mapError(direct).body, '127.0.0.1', '3306');
      const wrapped = new QueryFailedError('SELECT 1', [], direct);
      expect(mapError(wrapped).status).toBe(503);
      expect(mapError(wrapped).body.code).toBe('DATABASE_UNAVAILABLE');
    },
  );

  it('maps a closed connection pool (shutdown, mysql2 gives no code) to 503 DATABASE_UNAVAILABLE', () => {
    expect(mapError(new Error('Pool is closed.')).body.code).toBe('DATABASE_UNAVAILABLE');
    expect(mapError(new QueryFailedError('SELECT 1', [], new Error('Pool is closed.'))).status).toBe(503);
  });

  it('maps a full pool queue and a statement on a connection closed under it (mysql2: no code) to 503 DATABASE_UNAVAILABLE', () => {
    expect(mapError(new Error('Queue limit reached.')).body.code).toBe('DATABASE_UNAVAILABLE');
    const closed = Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true });
    expect(mapError(new QueryFailedError('SELECT 1', [], closed)).status).toBe(503);
    // any other fatal (connection-level) driver error too, whatever its code
    expect(mapError(new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code: 'EHOSTUNREACH', fatal: true }))).body.code).toBe('DATABASE_UNAVAILABLE');
    // a plain error with a similar message but no driver meaning stays a 500
    expect(mapError(new Error('queue limit')).status).toBe(500);
  });

  it.each([
    ['deadlock', { errno: 1213, code: 'ER_LOCK_DEADLOCK' }],
    ['lock wait timeout', { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' }],
    ['snapshot-isolation conflict', { errno: 1020, code: 'ER_CHECKREAD' }],
    ['statement time limit', { errno: 1969, code: 'ER_STATEMENT_TIMEOUT' }],
  ])('maps an unretried %s to 503 TIMEOUT, not a crash', (_name, fields) => {
    const err = new QueryFailedError('UPDATE booking_slot SET booked = booked + 1', [], Object.assign(new Error('Lock problem'), fields));
    expect(mapError(err)).toEqual({ status: 503, body: { code: 'TIMEOUT', message: expect.any(String) } });
    expectClean(mapError(err).body, 'booking_slot', 'Lock');
  });

  it('maps HttpException 404 (no matching route) to ROUTE_NOT_FOUND', () => {
    const m = mapError(new NotFoundException('Cannot GET /api/nope'));
    expect(m.status).toBe(404);
    expect(m.body.code).toBe('ROUTE_NOT_FOUND');
    expect(JSON.stringify(m.body)).not.toContain('/api/nope');
    expect(mapError(new HttpException('x', 404)).body.code).toBe('ROUTE_NOT_FOUND');
  });

  it.each<[string, unknown, number, string]>([
    ['HttpException 413', new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    ['HttpException 415', new UnsupportedMediaTypeException(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['HttpException 400 about JSON', new BadRequestException('Unexpected token } in JSON at position 3'), 400, 'MALFORMED_JSON'],
    ['HttpException 400', new BadRequestException('nope'), 400, 'VALIDATION_FAILED'],
    ['HttpException 401', new UnauthorizedException(), 401, 'UNAUTHENTICATED'],
    ['HttpException 403', new ForbiddenException(), 403, 'FORBIDDEN'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', Object.assign(new Error('bad'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }), 400, 'MALFORMED_JSON'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', Object.assign(new Error('empty'), { code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }), 400, 'MALFORMED_JSON'],
    ['a SyntaxError', new SyntaxError('Unexpected end of JSON input'), 400, 'MALFORMED_JSON'],
    ['an error with statusCode 413', Object.assign(new Error('too big'), { statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('maps %s to %i %s', (_label, err, status, code) => {
    const m = mapError(err);
    expect(m.status).toBe(status);
    expect(m.body.code).toBe(code);
    expectClean(m.body);
  });
});

describe('sendError', () => {
  function fakes() {
    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      headers: (h: Record<string, string>) => (Object.assign(sent.headers, h), reply),
      header: (k: string, v: string) => ((sent.headers[k] = v), reply),
      status: (s: number) => ((sent.status = s), reply),
      send: (b: unknown) => ((sent.body = b), reply),
    };
    const log = { error: jest.fn(), warn: jest.fn(), info: jest.fn() };
    const request = { id: 'req-1', method: 'GET', url: '/api/x' };
    return { sent, reply, log, request };
  }

  it('sends a 500 as JSON, logs it as an error with the original error, and leaks nothing', () => {
    const { sent, reply, log, request } = fakes();
    const err = new Error('db password is hunter2');
    sendError(err, request as never, reply as never, log as never);
    expect(sent.status).toBe(500);
    expect(sent.headers['content-type']).toMatch(/application\/json/);
    expectClean(sent.body, 'hunter2');
    expect(log.error).toHaveBeenCalledTimes(1);
    expect((log.error.mock.calls[0][0] as { err: unknown }).err).toBe(err);
  });

  it('passes DomainError headers through (e.g. Retry-After) and logs 401/403 as warnings', () => {
    const { sent, reply, log, request } = fakes();
    sendError(new DomainError(ErrorCode.RateLimited, 'slow down', undefined, { 'retry-after': '30' }), request as never, reply as never, log as never);
    expect(sent.status).toBe(429);
    expect(sent.headers['retry-after']).toBe('30');
    sendError(new DomainError(ErrorCode.Forbidden, 'no'), request as never, reply as never, log as never);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.error).not.toHaveBeenCalled();
  });
});
