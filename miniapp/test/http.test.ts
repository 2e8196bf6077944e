import { describe, expect, it } from '@jest/globals';
import { routes, routeRefs, ErrorCode, type RouteDef } from '@jianban/shared';
import { buildQuery, buildRequest, createHttp, type RawRequest, type RawResponse } from '../src/services/http-core';
import { ApiError, codeForStatus } from '../src/services/api-error';

const session = {
  token: 't1',
  expiresAt: '2026-12-01T00:00:00.000Z',
  refreshToken: 'r'.repeat(20),
  refreshExpiresAt: '2026-12-30T00:00:00.000Z',
  me: { kind: 'resident', id: 'u1', displayName: '张三' },
};

function fake(responses: Array<RawResponse | Error>) {
  const seen: RawRequest[] = [];
  const transport = async (req: RawRequest) => {
    seen.push(req);
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  };
  return { seen, transport };
}

describe('buildQuery', () => {
  it('sorts keys, skips empty values, repeats arrays and encodes', () => {
    expect(buildQuery({ b: '社区', a: 1, skip: undefined, n: null, list: ['x', 'y z'] })).toBe(
      `?a=1&b=${encodeURIComponent('社区')}&list=x&list=y%20z`,
    );
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('buildRequest', () => {
  it('fills path params, sends GET input as query and attaches the token to protected routes', () => {
    const req = buildRequest('/api/', routes.communityElders, { page: 2 }, { code: '421003003003' }, 'tok');
    expect(req).toEqual({
      url: '/api/staff/communities/421003003003/elders?page=2',
      method: 'GET',
      header: { Accept: 'application/json', Authorization: 'Bearer tok' },
    });
  });

  it('sends POST input as a JSON body', () => {
    const req = buildRequest('http://127.0.0.1:3000/api', routes.wechatLogin, { code: 'abc' }, undefined, null);
    expect(req.url).toBe('http://127.0.0.1:3000/api/auth/wechat');
    expect(req.method).toBe('POST');
    expect(req.data).toEqual({ code: 'abc' });
    expect(req.header['Content-Type']).toBe('application/json');
  });

  it('never sends the token to public routes', () => {
    const req = buildRequest('/api', routes.regions, {}, undefined, 'tok');
    expect(req.header.Authorization).toBeUndefined();
  });

  it('throws when a path parameter is missing', () => {
    expect(() => buildRequest('/api', routes.removeFamilyMember, {}, {} as never, 'tok')).toThrow(/id/);
  });

  it('encodes path parameters', () => {
    expect(buildRequest('/api', routes.removeFamilyMember, {}, { id: 'a/b' } as never, null).url).toBe('/api/family-members/a%2Fb');
  });
});

describe('createHttp', () => {
  it('returns parsed data on success', async () => {
    const { seen, transport } = fake([{ statusCode: 200, data: session }]);
    const http = createHttp({ transport, baseUrl: '/api', parseOutput: true });
    const out = await http.call(routes.wechatLogin, { code: 'c' });
    expect(out.me).toEqual({ kind: 'resident', id: 'u1', displayName: '张三' });
    expect(seen).toHaveLength(1);
  });

  it('rejects a response that breaks the contract when parsing is on, passes it through when off', async () => {
    const bad = { statusCode: 200, data: { token: 1 } };
    const strict = createHttp({ transport: fake([bad]).transport, baseUrl: '/api', parseOutput: true });
    await expect(strict.call(routes.wechatLogin, { code: 'c' })).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    const loose = createHttp({ transport: fake([bad]).transport, baseUrl: '/api', parseOutput: false });
    await expect(loose.call(routes.wechatLogin, { code: 'c' })).resolves.toEqual({ token: 1 });
  });

  it('calls by a schema-free route ref: same request; the output schema is fetched by name only when parsing is on', async () => {
    const asked: string[] = [];
    const outputSchemaOf = async (name: string) => {
      asked.push(name);
      return (routes as Record<string, RouteDef>)[name].output;
    };
    const viaDef = fake([{ statusCode: 200, data: session }]);
    const viaRef = fake([{ statusCode: 200, data: session }, { statusCode: 200, data: { token: 1 } }]);
    await createHttp({ transport: viaDef.transport, baseUrl: '/api', parseOutput: true }).call(routes.wechatLogin, { code: 'c' });
    const strict = createHttp({ transport: viaRef.transport, baseUrl: '/api', parseOutput: true, outputSchemaOf });
    await expect(strict.call(routeRefs.wechatLogin, { code: 'c' })).resolves.toMatchObject({ token: 't1', me: session.me });
    expect(viaRef.seen[0]).toEqual(viaDef.seen[0]);
    await expect(strict.call(routeRefs.wechatLogin, { code: 'c' })).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    expect(asked).toEqual(['wechatLogin', 'wechatLogin']);

    const loose = createHttp({ transport: fake([{ statusCode: 200, data: { token: 1 } }]).transport, baseUrl: '/api', parseOutput: false, outputSchemaOf });
    await expect(loose.call(routeRefs.wechatLogin, { code: 'c' })).resolves.toEqual({ token: 1 });
    expect(asked).toHaveLength(2); // not parsing: the contract is never asked for
  });

  it('a ref call that must parse but has no way to get the schema fails loudly (a build set-up error)', async () => {
    const http = createHttp({ transport: fake([{ statusCode: 200, data: session }]).transport, baseUrl: '/api', parseOutput: true });
    await expect(http.call(routeRefs.wechatLogin, { code: 'c' })).rejects.toThrow(/outputSchemaOf/);
  });

  it('maps an error body to ApiError with code, status and details', async () => {
    const details = { issues: [{ path: 'body.idNumber', message: '身份证号最后一位（校验位）不对' }] };
    const { transport } = fake([{ statusCode: 400, data: { code: 'VALIDATION_FAILED', message: 'invalid body', details } }]);
    const http = createHttp({ transport, baseUrl: '/api', parseOutput: true });
    const err = await http.call(routes.addFamilyMember, {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: ErrorCode.Validation, status: 400, details });
    expect((err as ApiError).issues).toEqual(details.issues);
  });

  it('falls back to the status when the body is not ours', async () => {
    const { transport } = fake([{ statusCode: 502, data: '<html>Bad Gateway</html>' }, { statusCode: 429, data: { code: 'SOMETHING_NEW', message: 'x' } }]);
    const http = createHttp({ transport, baseUrl: '/api', parseOutput: true });
    await expect(http.call(routes.regions, {})).rejects.toMatchObject({ code: 'INTERNAL_ERROR', status: 502 });
    await expect(http.call(routes.regions, {})).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('turns transport failures into NETWORK_ERROR or TIMEOUT', async () => {
    const { transport } = fake([new Error('request:fail net::ERR_CONNECTION_REFUSED'), Object.assign(new Error(''), { errMsg: 'request:fail timeout' })]);
    const http = createHttp({ transport, baseUrl: '/api', parseOutput: true });
    await expect(http.call(routes.regions, {})).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    await expect(http.call(routes.regions, {})).rejects.toMatchObject({ code: 'TIMEOUT', status: 0 });
  });

  it('on 401 asks for a new session once, then retries with the new token', async () => {
    let token = 'old';
    const refused: Array<string | null> = [];
    const { seen, transport } = fake([
      { statusCode: 401, data: { code: 'SESSION_EXPIRED', message: 'expired' } },
      { statusCode: 200, data: { items: [], limit: 5 } },
    ]);
    const http = createHttp({
      transport,
      baseUrl: '/api',
      parseOutput: true,
      getToken: () => token,
      onUnauthorized: async (t) => {
        refused.push(t);
        token = 'new';
        return true;
      },
    });
    await expect(http.call(routes.listFamilyMembers, {})).resolves.toEqual({ items: [], limit: 5 });
    expect(refused).toEqual(['old']);
    expect(seen.map((r) => r.header.Authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('gives up after one retry and when renewal fails', async () => {
    const e401 = { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: 'no' } };
    let renewals = 0;
    const a = fake([e401, e401]);
    const http = createHttp({ transport: a.transport, baseUrl: '/api', parseOutput: true, getToken: () => 't', onUnauthorized: async () => (++renewals, true) });
    await expect(http.call(routes.me, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(renewals).toBe(1);
    expect(a.seen).toHaveLength(2);

    const b = fake([e401]);
    const http2 = createHttp({ transport: b.transport, baseUrl: '/api', parseOutput: true, getToken: () => 't', onUnauthorized: async () => false });
    await expect(http2.call(routes.me, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(b.seen).toHaveLength(1);
  });

  it('does not try to renew on a 401 from a public route (login, refresh)', async () => {
    let renewals = 0;
    const { transport } = fake([{ statusCode: 401, data: { code: 'INVALID_CREDENTIALS', message: 'no' } }]);
    const http = createHttp({ transport, baseUrl: '/api', parseOutput: true, onUnauthorized: async () => (++renewals, true) });
    await expect(http.call(routes.staffLogin, { username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(renewals).toBe(0);
  });
});

describe('codeForStatus', () => {
  it.each([
    [400, 'VALIDATION_FAILED'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [503, 'DATABASE_UNAVAILABLE'],
    [504, 'TIMEOUT'],
    [500, 'INTERNAL_ERROR'],
  ])('%i → %s', (status, code) => expect(codeForStatus(status)).toBe(code));
});

describe('step-up (staff password re-ask)', () => {
  const refused = { statusCode: 403, data: { code: 'STEP_UP_REQUIRED', message: 'enter the password again' } };
  const revealed = { statusCode: 200, data: { field: 'account', value: '6217000012345678901' } };
  const input = { field: 'account' as const, reason: '核对' };
  const params = { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' };

  it('asks once on STEP_UP_REQUIRED and retries the same request when the password was accepted', async () => {
    const { seen, transport } = fake([refused, revealed]);
    let asked = 0;
    const http = createHttp({ transport, baseUrl: '/api', parseOutput: true, getToken: () => 't1', onStepUpRequired: async () => (asked++, true) });
    await expect(http.call(routes.staffRevealAllowanceField, input, params)).resolves.toEqual(revealed.data);
    expect(asked).toBe(1);
    expect(seen.map((r) => r.url)).toEqual([`/api/staff/allowance-applications/${params.id}/reveal`, `/api/staff/allowance-applications/${params.id}/reveal`]);
  });

  it('gives up with the code when the staff member cancels, and never asks twice for one request', async () => {
    const cancelled = fake([refused]);
    const http = createHttp({ transport: cancelled.transport, baseUrl: '/api', parseOutput: true, onStepUpRequired: async () => false });
    await expect(http.call(routes.staffRevealAllowanceField, input, params)).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED', status: 403 });
    const twice = fake([refused, refused]);
    let asked = 0;
    const again = createHttp({ transport: twice.transport, baseUrl: '/api', parseOutput: true, onStepUpRequired: async () => (asked++, true) });
    await expect(again.call(routes.staffRevealAllowanceField, input, params)).rejects.toBeInstanceOf(ApiError);
    expect([asked, twice.seen.length]).toEqual([1, 2]);
  });
});
