import { describe, expect, it } from '@jest/globals';
import { ErrorCode, routes, type RouteDef, type RouteName } from '@jianban/shared';
import { OK_FOR_VALID } from '../../test/contract/cases';
import { DomainError } from '../common/domain-error';
import { mapError } from '../common/errors.filter';
import { buildOpenApi, errorCodesOf, statusOf } from './openapi';

interface Response {
  description: string;
  content?: { 'application/json': { schema: { properties: { code: { enum?: string[] } } } } };
}
interface Operation {
  operationId: string;
  security: unknown[];
  responses: Record<string, Response>;
}
const doc = buildOpenApi('0.1.0') as unknown as {
  servers: { url: string }[];
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
const byName = new Map(operations.map((o) => [o.operationId as RouteName, o]));
const entries = Object.entries(routes) as [RouteName, RouteDef][];
const errorStatuses = (o: Operation) => Object.keys(o.responses).filter((s) => /^[45]\d\d$/.test(s)).map(Number);
const codesAt = (o: Operation, status: number) => o.responses[String(status)]?.content?.['application/json'].schema.properties.code.enum ?? [];

describe('security and servers', () => {
  it('declares the bearer scheme and a server', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('public routes say security: [] explicitly, every other route needs the bearer token', () => {
    expect(byName.size).toBe(entries.length);
    for (const [name, route] of entries) {
      expect([name, byName.get(name)!.security]).toEqual([name, route.auth === 'public' ? [] : [{ bearer: [] }]]);
    }
    // both kinds exist, so the loop above checked both branches
    expect(entries.some(([, r]) => r.auth === 'public') && entries.some(([, r]) => r.auth !== 'public')).toBe(true);
  });
});

describe('error responses generated from the contract', () => {
  it('statusOf reads the status table the error filter answers with', () => {
    for (const code of Object.values(ErrorCode)) expect([code, statusOf(code)]).toEqual([code, mapError(new DomainError(code, 'x')).status]);
  });

  it('every operation documents at least one 4xx; each error status lists exactly the codes the server answers with that status', () => {
    for (const [name, route] of entries) {
      const op = byName.get(name)!;
      const statuses = errorStatuses(op);
      expect([name, statuses.some((s) => s < 500)]).toEqual([name, true]);
      const listed = statuses.flatMap((s) => codesAt(op, s).map((code) => [s, code] as const));
      for (const [status, code] of listed) expect([name, code, status]).toEqual([name, code, statusOf(code as ErrorCode)]);
      expect(listed.map(([, c]) => c).sort()).toEqual([...errorCodesOf(name, route)].sort());
      for (const s of statuses) expect(op.responses[String(s)].description).toBe(codesAt(op, s).join(', '));
    }
  });

  it('the shape of a route decides its generic codes', () => {
    const codes = (name: RouteName) => errorCodesOf(name, routes[name] as RouteDef);
    // public GET without parameters: only validation
    expect(codes('regions')).toEqual([ErrorCode.Validation]);
    // a body: the body-parsing codes; a public route: no login codes from the guard, only its handler's (an account
    // deactivated between the password check and the session answers UNAUTHENTICATED)
    expect(codes('staffLogin')).toEqual([ErrorCode.Validation, ErrorCode.MalformedJson, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType, ErrorCode.CsrfRejected, ErrorCode.InvalidCredentials, ErrorCode.RateLimited, ErrorCode.Unauthenticated]);
    // a resident route: login and role; its handler's NOT_FOUND (route-errors.ts)
    expect(codes('removeFamilyMember')).toEqual([ErrorCode.Validation, ErrorCode.Unauthenticated, ErrorCode.SessionExpired, ErrorCode.SessionRevoked, ErrorCode.Forbidden, ErrorCode.NotFound]);
    // 'any' routes admit both kinds of caller: no FORBIDDEN
    expect(codes('me')).not.toContain(ErrorCode.Forbidden);
    // the codes a route's handler throws, and not those of other routes of its module
    expect(codes('createBooking')).toEqual(expect.arrayContaining([ErrorCode.SlotFull, ErrorCode.NoShowLimit, ErrorCode.IdempotencyKeyReused, ErrorCode.RateLimited]));
    expect(codes('createBooking')).not.toContain(ErrorCode.PassCodeNotFound);
    expect(codes('staffCheckIn')).toContain(ErrorCode.PassCodeNotFound);
    expect(codes('staffStatutoryYears')).toEqual([ErrorCode.Validation, ErrorCode.Unauthenticated, ErrorCode.SessionExpired, ErrorCode.SessionRevoked, ErrorCode.Forbidden, ErrorCode.PasswordChangeRequired]);
    expect(codes('changeOwnPassword')).not.toContain(ErrorCode.PasswordChangeRequired);
    expect(codes('addFamilyMember')).toEqual(expect.arrayContaining([ErrorCode.IdNumberInvalid, ErrorCode.FamilyMemberDuplicate, ErrorCode.FamilyMemberLimit]));
  });

  it('every error status the contract suite lets a route answer valid input with is documented for that route', () => {
    let checked = 0;
    for (const [name] of entries) {
      const documented = errorStatuses(byName.get(name)!);
      for (const status of OK_FOR_VALID[name] ?? []) {
        if (status < 400) continue;
        checked += 1;
        expect([name, status, documented.includes(status)]).toEqual([name, status, true]);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('every error code some route can return is documented on at least one operation', () => {
    const documented = new Set(operations.flatMap((o) => errorStatuses(o).flatMap((s) => codesAt(o, s))));
    // not tied to a route: unknown paths, the 5xx every route may give (the `default` response), and OUT_OF_SCOPE, which the server never sends
    const notPerRoute = new Set<string>([ErrorCode.RouteNotFound, ErrorCode.Internal, ErrorCode.DatabaseUnavailable, ErrorCode.Timeout, ErrorCode.OutOfScope]);
    const missing = Object.values(ErrorCode).filter((c) => !notPerRoute.has(c) && !documented.has(c));
    expect(missing).toEqual([]);
  });
});
