import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ErrorCode,
  errorBody,
  fillPath,
  healthView,
  parseIdNumber,
  relationships,
  routes,
  shanghaiDate,
  type RouteDef,
  type RouteName,
} from '@jianban/shared';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { describeEngines } from '../support/describe-engines';
import { STAFF_PASSWORD, startTestApp, type Reply, type TestApp } from '../support/test-app';
import { MASS_ASSIGNMENT, OK_FOR_VALID, VALID_PARAMS } from '../contract/cases';

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));
const routeEntries = Object.entries(routes) as [RouteName, RouteDef][];
const bodyRoutes = routeEntries.filter(([, r]) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');
const queryRoutes = routeEntries.filter(([, r]) => r.method === 'GET' || r.method === 'DELETE');
const DOC_EXTRAS = ['GET /api/openapi.json', 'GET /api/docs'];
const MASS_ASSIGNMENT_FIELDS: Record<string, unknown> = {
  status: 'approved', booked: 1, capacity: 9999, flag: true, verified_at: '2025-01-01T00:00:00Z',
  userId: '00000000-0000-4000-8000-000000000000', role: 'district_admin', accountId: '00000000-0000-4000-8000-000000000001', id: 'x',
};
const FUZZ_RUNS = 100;

// text that only a leaking database driver or an uncaught exception would put into a body
const LEAK_PATTERNS: RegExp[] = [
  /QueryFailedError/, /SQLITE/, /\bER_[A-Z_]{3,}/, /sqlMessage/, /driverError/, /node_modules/,
  /\bat [\w.<>]+ \(.*:\d+:\d+\)/, /\n\s+at /, /\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*\b(FROM|INTO|SET|WHERE)\b/i, /"stack"/,
];

// a pattern that appears in the body but not in what we sent is a leak; echoing our own input (e.g. an unknown key's name) is not
function expectNoLeak(body: unknown, sent: unknown = '') {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  const input = typeof sent === 'string' ? sent : JSON.stringify(sent ?? '');
  for (const p of LEAK_PATTERNS) {
    if (p.test(text) && !p.test(input)) throw new Error(`response leaks ${p}: ${text.slice(0, 500)}`);
  }
}

function expectErrorBody(r: Reply, sent?: unknown) {
  const parsed = errorBody.safeParse(r.body);
  if (!parsed.success) throw new Error(`status ${r.status} body is not an error body: ${JSON.stringify(r.body).slice(0, 300)}`);
  expect(ERROR_CODES.has(parsed.data.code)).toBe(true);
  expect(r.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expectNoLeak(r.body, sent);
}

// the sanity checks every response must pass, whatever the input
function expectSane(r: Reply, sent?: unknown) {
  if (r.status >= 500) throw new Error(`status ${r.status} for input ${JSON.stringify(sent)?.slice(0, 300)}: ${JSON.stringify(r.body)}`);
  if (r.status >= 400) expectErrorBody(r, sent);
  else expectNoLeak(r.body, sent);
}

async function tableCounts(ds: DataSource): Promise<Record<string, number>> {
  const rows: { name: string }[] =
    ds.options.type === 'better-sqlite3'
      ? await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
  const out: Record<string, number> = {};
  for (const { name } of rows) {
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM ${ds.driver.escape(name)}`);
    out[name] = Number(n);
  }
  return out;
}

// parses fastify's printRoutes({ commonPrefix: false }) tree into "METHOD /path" strings (HEAD left out)
function registeredRoutes(printed: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of printed.split('\n')) {
    const idx = line.search(/── /);
    if (idx < 0) continue;
    const depth = Math.round(idx / 4);
    const m = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(idx + 3))!;
    stack[depth] = (depth > 0 ? stack[depth - 1] : '') + m[1];
    stack.length = depth + 1;
    for (const method of (m[2] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push(`${method} ${stack[depth]}`);
  }
  return out.sort();
}

const serverSees = (v: unknown): unknown => {
  const json = JSON.stringify(v);
  const parsed = json === undefined ? undefined : JSON.parse(json);
  return parsed === undefined || parsed === null ? {} : parsed;
};
const accepts = (schema: z.ZodType, v: unknown) => schema.safeParse(v).success;

// ---- arbitraries ----
const SQLISH = ["' OR '1'='1", "1; DROP TABLE region; --", 'SELECT * FROM staff_account', '" OR ""="', "\\'; --", '%27%20OR%201=1', '${7*7}', '<script>alert(1)</script>'];
const ODD = ['👨‍👩‍👧‍👦', '𠮷野家', '\u0000', '\u202e', '\ud800', 'ｘ', '王'.repeat(10_000), 'a'.repeat(10_000), '', ' ', '421003003003', '00000000-0000-0000-0000-000000000000'];
const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...SQLISH, ...ODD),
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: weirdString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(weirdString, fc.integer(), fc.array(fc.array(fc.constant(null)))), { maxLength: 4 }),
  fc.object({ maxDepth: 2, maxKeys: 3 }),
);
const anyBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 5 }),
  fc.object({ maxDepth: 3, maxKeys: 5 }),
  weirdValue,
);
// the route's own keys with hostile values, so inputs get past the key check into the field validators
const shapedBody = (route: RouteDef) => {
  const keys = Object.keys((route.input as z.ZodObject).shape);
  if (keys.length === 0) return anyBody;
  return fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, weirdValue])), { requiredKeys: [] }),
    fc.tuple(fc.record(Object.fromEntries(keys.map((k) => [k, weirdValue]))), fc.dictionary(weirdString, weirdValue, { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a })),
  );
};

const DAY = 86_400_000;
const checkDigit = (first17: string) => {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return '10X98765432'[[...first17].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
};
const validId = fc
  .record({ region: fc.constantFrom('421003', '421002', '110105', '440524'), day: fc.integer({ min: 0, max: 45_000 }), seq: fc.integer({ min: 0, max: 999 }) })
  .map(({ region, day, seq }) => {
    const first17 = region + new Date(Date.UTC(1900, 0, 1) + day * DAY).toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
    return first17 + checkDigit(first17);
  });
const idNumberLike = fc.oneof(
  validId,
  validId.chain((id) => fc.integer({ min: 0, max: 16 }).map((i) => id.slice(0, i) + String((Number(id[i]) + 1) % 10) + id.slice(i + 1))),
  validId.map((id) => id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
  validId.map((id) => ` ${id.slice(0, 6)} ${id.slice(6, 14)}\u3000${id.slice(14).toLowerCase()} `),
  validId.map((id) => id.slice(0, 17)),
  validId.map((id) => id + '0'),
  fc.stringMatching(/^[0-9Xx ]{15,20}$/),
  fc.constantFrom('421003194502290017', '421003209901010011', '000000000000000000', '99999999999999999X', '11010519491231002X'),
  weirdString,
);

// fillPath (encodeURIComponent) cannot encode lone surrogates; over-long parameters have their own test
const routable = (v: string) => {
  try {
    return encodeURIComponent(v).length <= 100;
  } catch {
    return false;
  }
};

// every error this suite is answered with, by operation ("METHOD /api/path/{param}" → "status CODE"), so its last test
// can check each one against /api/openapi.json; a path is matched as the server routes it (static segments first)
const operationMatchers = routeEntries
  .map(([, r]) => ({ method: r.method, op: `${r.method} /api${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`, re: new RegExp(`^/api${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`), params: (r.path.match(/:/g) ?? []).length }))
  .sort((a, b) => a.params - b.params);
function recordErrors(answered: Map<string, Set<string>>, method: string, path: string, r: Reply) {
  if (r.status < 400 || r.status >= 500 || typeof r.body !== 'object' || r.body === null) return;
  const pathname = new URL(path, 'http://x').pathname;
  const match = operationMatchers.find((m) => m.method === method && m.re.test(pathname));
  if (!match) return;
  if (!answered.has(match.op)) answered.set(match.op, new Set());
  answered.get(match.op)!.add(`${r.status} ${(r.body as { code?: unknown }).code}`);
}

describeEngines('HTTP contract on %s', (engine) => {
  let t: TestApp;
  let resident: string;
  let staff: string;
  let logoutToken: string;
  const answered = new Map<string, Set<string>>();
  const tokenFor = (route: RouteDef) => (route.auth === 'public' ? undefined : route.auth === 'staff' ? staff : route.auth === 'any' && route === routes.logout ? logoutToken : resident);
  const pathOf = (name: RouteName, params?: Record<string, string>) => '/api' + fillPath(routes[name].path, params ?? VALID_PARAMS[name] ?? {});

  beforeAll(async () => {
    // no background writers (booking job leases, notification dispatch): "leaves the database unchanged" compares row
    // counts, and a job timer firing between the two counts (seen under load: booking_job_lease 0 → 1) is not the request
    t = await startTestApp(engine, { name: 'contract', env: { BOOKING_JOB_POLL_SECONDS: '0', NOTIFY_DISPATCH: 'off', LEDGER_JOB_POLL_SECONDS: '0', ALLOWANCE_JOB_POLL_SECONDS: '0', STAFF_STEP_UP_SECONDS: '3600' }, peer: { rateLimitPerMinute: 1_000_000 } });
    const [http, call] = [t.http, t.call];
    t.http = async (method, path, o) => {
      const r = await http(method, path, o);
      recordErrors(answered, method, path, r);
      return r;
    };
    t.call = async (route, input, o) => {
      const r = await call(route, input, o);
      recordErrors(answered, route.method, '/api' + fillPath(route.path, (o?.params ?? {}) as Record<string, string>), r);
      return r;
    };
    resident = await t.loginResident('contract-resident');
    logoutToken = await t.loginResident('contract-logout');
    staff = await t.loginStaff('district');
    // routes marked stepUp (e.g. the allowance reveal) answer STEP_UP_REQUIRED before validating; this run's staff token
    // re-entered its password once, for the whole run (STAFF_STEP_UP_SECONDS below)
    expect((await call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token: staff })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  describe('route inventory', () => {
    it('registers exactly the shared routes plus the documented openapi.json and docs pages', () => {
      const printed = t.app.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
      const registered = registeredRoutes(printed);
      const expected = [...routeEntries.map(([, r]) => `${r.method} /api${r.path}`), ...DOC_EXTRAS].sort();
      expect(registered).toEqual(expected);
    });

    it('answers every shared route with something other than ROUTE_NOT_FOUND', async () => {
      for (const [name, route] of routeEntries) {
        const r = await t.http(route.method, pathOf(name), { body: route.method === 'POST' ? {} : undefined });
        expect([name, r.body?.code]).not.toEqual([name, 'ROUTE_NOT_FOUND']);
        expectSane(r);
      }
    });

    it('publishes valid OpenAPI 3.0.3 JSON with an operation for every shared route and nothing else', async () => {
      const r = await t.http('GET', '/api/openapi.json');
      expect(r.status).toBe(200);
      expect(typeof r.body).toBe('object');
      expect(r.body.openapi).toBe('3.0.3');
      const ops = Object.entries(r.body.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      expect(ops).toEqual(routeEntries.map(([, rt]) => `${rt.method} /api${rt.path.replace(/:([A-Za-z]+)/g, '{$1}')}`).sort());
    });

    it('reports health 200 with the database ok', async () => {
      const r = await t.call(routes.health, {});
      expect(r.status).toBe(200);
      const h = healthView.parse(r.body);
      expect(h.db.ok).toBe(true);
      expect(h.db.driver).toBe(engine);
    });
  });

  describe('HTTP edge cases', () => {
    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      for (const raw of ['{"code":', '{code: 1}', "{'a':1}", '[1,2', 'nul', '{"a":1}}']) {
        const r = await t.http('POST', '/api/auth/wechat', { raw, headers: { 'content-type': 'application/json' } });
        expect([raw, r.status, r.body?.code]).toEqual([raw, 400, 'MALFORMED_JSON']);
        expectErrorBody(r);
      }
    });

    it('answers an empty JSON body with 400 MALFORMED_JSON', async () => {
      const r = await t.http('POST', '/api/auth/staff', { raw: '', headers: { 'content-type': 'application/json' } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('MALFORMED_JSON');
      expectErrorBody(r);
    });

    it('answers a 1 MB body with 413 PAYLOAD_TOO_LARGE', async () => {
      expect(t.config.limits.bodyBytes).toBe(64 * 1024);
      const r = await t.http('POST', '/api/auth/wechat', { body: { code: 'x'.repeat(1024 * 1024) } });
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
      expectErrorBody(r);
    });

    it('answers text/plain, multipart and XML bodies with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'multipart/form-data; boundary=x', 'application/xml']) {
        const r = await t.http('POST', '/api/auth/wechat', { raw: 'code=abc', headers: { 'content-type': type } });
        expect([type, r.status, r.body?.code]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
        expectErrorBody(r);
      }
    });

    it('answers a form-urlencoded body with 415 UNSUPPORTED_MEDIA_TYPE (JSON only, no CSRF-able simple form posts)', async () => {
      for (const type of ['application/x-www-form-urlencoded']) {
        const r = await t.http('POST', '/api/auth/wechat', { raw: 'code=abc', headers: { 'content-type': type } });
        expect([type, r.status, r.body?.code]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
        expectErrorBody(r);
      }
    });

    it('answers an over-long path parameter with a 400/404 error body of our own, not fastify\'s 414', async () => {
      for (const path of [pathOf('removeFamilyMember', { id: 'a'.repeat(101) }), pathOf('communityElders', { code: '4'.repeat(5000) })]) {
        const r = await t.http(routes.removeFamilyMember.method, path, { token: resident });
        const r2 = await t.http('GET', path, { token: staff });
        for (const reply of [r, r2]) {
          expect([400, 404]).toContain(reply.status);
          expectErrorBody(reply);
          expect(JSON.stringify(reply.body)).not.toContain('a'.repeat(50));
          expect(JSON.stringify(reply.body)).not.toContain('4'.repeat(50));
        }
      }
    });

    it('answers a path with broken percent-encoding with a 400 error body of our own', async () => {
      for (const [method, path, token] of [['DELETE', '/api/family-members/%E0%A4%A', resident], ['GET', '/api/staff/communities/%zz/elders', staff]] as const) {
        const r = await t.http(method, path, { token });
        expect([path, r.status]).toEqual([path, 400]);
        if (!ERROR_CODES.has(r.body?.code)) throw new Error(`not our error body: ${JSON.stringify(r.body)}`);
        expectErrorBody(r);
      }
    });

    it('answers unknown routes and wrong methods with 404 ROUTE_NOT_FOUND', async () => {
      for (const [method, path] of [['GET', '/api/nope'], ['GET', '/api'], ['GET', '/nope'], ['DELETE', '/api/health'], ['PUT', '/api/auth/wechat'], ['GET', '/api/family-members/x/y']]) {
        const r = await t.http(method, path);
        expect([method, path, r.status, r.body?.code]).toEqual([method, path, 404, 'ROUTE_NOT_FOUND']);
        expectErrorBody(r);
        expect(JSON.stringify(r.body)).not.toContain('Cannot');
      }
    });
  });

  describe('A3 mass assignment', () => {
    // `declared`: attack fields the route really takes (staff accounts have a role; their list filters by status) — sent
    // as extras they are the route's own input, not mass assignment
    async function expectRejectedEverywhere(send: (extra: Record<string, unknown>) => Promise<Reply<any>>, declared: string[] = []) {
      const before = await tableCounts(t.ds);
      const fields = Object.entries(MASS_ASSIGNMENT_FIELDS).filter(([field]) => !declared.includes(field));
      expect(fields.length).toBeGreaterThan(5);
      for (const [field, value] of fields) {
        const r = await send({ [field]: value });
        expect([field, r.status, r.body?.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
        expectErrorBody(r);
        const keys = (r.body.details?.issues ?? []).flatMap((i: { keys?: string[] }) => i.keys ?? []);
        expect([field, keys]).toEqual([field, [field]]);
      }
      const all = await send(Object.fromEntries(fields));
      expect(all.status).toBe(400);
      expect(await tableCounts(t.ds)).toEqual(before);
    }

    it('has a mass-assignment case for every route with a body (test/contract/<module>.cases.ts)', () => {
      expect(Object.keys(MASS_ASSIGNMENT).sort()).toEqual(bodyRoutes.map(([n]) => n).sort());
    });

    it.each(bodyRoutes.map(([n]) => n))('%s rejects extra body fields and leaves the database unchanged; the clean input then works', async (name) => {
      await MASS_ASSIGNMENT[name]!({ t, resident, staff, pathOf, expectRejectedEverywhere });
    });


    it.each(queryRoutes.map(([n]) => n))('%s rejects extra query fields and leaves the database unchanged', async (name) => {
      const route = routes[name] as RouteDef;
      const shape = (route.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      await expectRejectedEverywhere((extra) => {
        const qs = new URLSearchParams(Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])));
        return t.http(route.method, `${pathOf(name)}?${qs}`, { token: tokenFor(route) });
      }, Object.keys(shape));
    });
  });

  describe('A5 input fuzz', () => {
    it('knows what every route may answer to valid input (test/contract/<module>.cases.ts)', () => {
      expect(Object.keys(OK_FOR_VALID).sort()).toEqual(routeEntries.map(([n]) => n).sort());
    });

    async function send(name: RouteName, body: unknown) {
      const route = routes[name] as RouteDef;
      const r = await t.http(route.method, pathOf(name), { body, token: tokenFor(route) });
      const seen = serverSees(body);
      expectSane(r, body);
      // generated bodies can pass the body limit (e.g. three 10,000-character fields of 3-byte characters): that is a 413
      const bytes = body === undefined ? 0 : Buffer.byteLength(JSON.stringify(body) ?? '');
      if (bytes > t.config.limits.bodyBytes) {
        expect([name, r.status, r.body?.code]).toEqual([name, 413, 'PAYLOAD_TOO_LARGE']);
      } else if (!accepts(route.input, seen)) {
        expect([name, r.status]).toEqual([name, 400]);
        expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(r.body.code);
      } else {
        expect([name, OK_FOR_VALID[name]!]).toEqual([name, expect.arrayContaining([r.status])]);
      }
      return r;
    }

    it.each(bodyRoutes.map(([n]) => n))('%s survives arbitrary JSON bodies: no 5xx, invalid → 400, no DB text', async (name) => {
      const route = routes[name] as RouteDef;
      // a valid logout body would end the session used for the rest of the run
      const onlyInvalid = name === 'logout' ? (v: unknown) => !accepts(route.input, serverSees(v)) : () => true;
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyBody, shapedBody(route)).filter(onlyInvalid), async (body) => {
          await send(name, body);
        }),
        { numRuns: FUZZ_RUNS },
      );
    });

    it('addFamilyMember survives arbitrary ID-number-like strings and answers each one as the shared parser says', async () => {
      const today = shanghaiDate(new Date());
      await fc.assert(
        fc.asyncProperty(
          idNumberLike,
          fc.constantFrom('王建国', '李 秀 英', 'Zhang San', '阿依古丽·买买提'),
          fc.constantFrom(...relationships),
          fc.constantFrom('421003003003', '421003002004', '421003003', '421003999999'),
          async (idNumber, name, relationship, communityCode) => {
            const r = await send('addFamilyMember', { name, idNumber, relationship, communityCode });
            const parsed = parseIdNumber(idNumber, today);
            if (!parsed.ok) {
              expect(r.status).toBe(400);
              expect(JSON.stringify(r.body.details)).toContain('idNumber');
            } else if (communityCode !== '421003003003' && communityCode !== '421003002004') {
              expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
            } else {
              expect([201, 409]).toContain(r.status);
              if (r.status === 201) expect(JSON.stringify(r.body)).not.toContain(parsed.id.value.slice(6, 14));
            }
          },
        ),
        { numRuns: 100 },
      );
    });

    it.each(queryRoutes.map(([n]) => n))('%s survives arbitrary query strings: no 5xx, unknown keys → 400', async (name) => {
      const route = routes[name] as RouteDef;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.dictionary(weirdString.filter((s) => s.length < 200), weirdString.filter((s) => s.length < 500), { maxKeys: 4 }).map((d) => ({ d, qs: new URLSearchParams(d).toString() })),
            fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => ({ d: undefined, qs: s })),
          ),
          async ({ d, qs }) => {
            const r = await t.http(route.method, `${pathOf(name)}?${qs}`, { token: tokenFor(route) });
            expectSane(r, qs + JSON.stringify(d ?? ''));
            // a key the schema does not know must be refused; a generated key that happens to be a real field (e.g. q) may be valid
            const known = new Set(Object.keys((route.input as z.ZodObject).shape));
            if (d && Object.keys(d).some((k) => k !== '' && !known.has(k))) expect([qs, r.status]).toEqual([qs, 400]);
            else expect([...OK_FOR_VALID[name]!, 400]).toContain(r.status);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    });

    it.each(routeEntries.filter(([, r]) => Object.keys((r.params as z.ZodObject).shape).length > 0).map(([n]) => n))(
      '%s survives arbitrary path parameters: no 5xx, invalid → 400',
      async (name) => {
        const route = routes[name] as RouteDef;
        const keys = Object.keys((route.params as z.ZodObject).shape);
        const param = fc.oneof(weirdString, fc.uuid().map(String), fc.stringMatching(/^\d{1,14}$/), fc.constantFrom('421003003003', '421003002004', '421003', '421003003'));
        await fc.assert(
          // parameters longer than fastify's maxParamLength are covered by the edge-case test above
          fc.asyncProperty(fc.record(Object.fromEntries(keys.map((k) => [k, param.filter(routable)]))), async (params) => {
            const p = params as Record<string, string>;
            const r = await t.http(route.method, pathOf(name, p), { token: tokenFor(route) });
            expectSane(r, p);
            // a segment that is empty, '.' or '..' never reaches the route
            const unroutable = Object.values(p).some((v) => ['', '.', '..'].includes(v));
            if (unroutable) expect([400, 404]).toContain(r.status);
            else if (!accepts(route.params, p)) expect([JSON.stringify(p), r.status]).toEqual([JSON.stringify(p), 400]);
            else expect(OK_FOR_VALID[name]!).toContain(r.status);
          }),
          { numRuns: FUZZ_RUNS },
        );
      },
    );

    it('arbitrary Authorization headers on every authenticated route → 401 with an error body, never 5xx', async () => {
      const authRoutes = routeEntries.filter(([, r]) => r.auth !== 'public');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...authRoutes.map(([n]) => n)),
          fc.oneof(fc.string({ maxLength: 120 }).map((s) => `Bearer ${s}`), fc.stringMatching(/^Bearer [A-Za-z0-9_-]{20,100}$/), fc.string({ maxLength: 60 })),
          async (name, authorization) => {
            const route = routes[name] as RouteDef;
            // fetch refuses header values with control or non-Latin-1 characters; those never reach a server anyway
            fc.pre(/^[\x20-\x7e]*$/.test(authorization));
            const r = await t.http(route.method, pathOf(name), { body: route.method === 'POST' ? {} : undefined, headers: { authorization } });
            expectSane(r, authorization);
            expect(r.status).toBe(401);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    });

    it('still knows the fuzzing sessions afterwards (no valid logout slipped through)', async () => {
      expect((await t.call(routes.me, {}, { token: resident })).status).toBe(200);
      expect((await t.call(routes.me, {}, { token: logoutToken })).status).toBe(200);
      expect((await t.call(routes.me, {}, { token: staff })).status).toBe(200);
    });
  });

  // last: every 4xx the tests above were answered with (inventory, edge cases, mass assignment, fuzz) is in the document
  it('documents in /api/openapi.json every error status and code this suite was answered with, on its operation', async () => {
    const spec = (await t.http('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json': { schema: { properties: { code: { enum?: string[] } } } } } }> }>> };
    const undocumented: string[] = [];
    let pairs = 0;
    for (const [op, seen] of answered) {
      const [method, path] = op.split(' ');
      const responses = spec.paths[path][method.toLowerCase()].responses;
      for (const pair of seen) {
        pairs += 1;
        const [status, code] = pair.split(' ');
        if (!responses[status]?.content?.['application/json'].schema.properties.code.enum?.includes(code)) undocumented.push(`${op}: ${pair}`);
      }
    }
    expect(undocumented.sort()).toEqual([]);
    // the suite above answers every route with errors (inventory: each route without a token or body)
    expect(answered.size).toBe(routeEntries.length);
    expect(pairs).toBeGreaterThan(routeEntries.length);
  });
});
