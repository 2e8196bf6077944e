// session renewal with a fake Taro: storage, request and login
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

type Req = { url: string; method: string; header: Record<string, string>; data?: unknown };
type Handler = (req: Req) => { statusCode: number; data: unknown } | Promise<{ statusCode: number; data: unknown }>;

const store = new Map<string, string>();
let handler: Handler = () => ({ statusCode: 500, data: {} });
const requests: Req[] = [];
let loginCalls = 0;
let fontSize: number | undefined = 17;

jest.mock('@tarojs/taro', () => {
  const Taro = {
    getStorageSync: (k: string) => store.get(k) ?? '',
    setStorageSync: (k: string, v: string) => void store.set(k, v),
    removeStorageSync: (k: string) => void store.delete(k),
    request: async (req: Req) => {
      requests.push(req);
      return handler(req);
    },
    login: async () => {
      loginCalls += 1;
      return { code: `wx-code-${loginCalls}`, errMsg: 'login:ok' };
    },
    getAppBaseInfo: () => ({ fontSizeSetting: fontSize }),
  };
  return { __esModule: true, default: Taro, ...Taro };
});

function sessionView(n: number, kind: 'resident' | 'staff' = 'resident') {
  return {
    token: `token-${n}`,
    expiresAt: '2026-12-01T00:00:00.000Z',
    refreshToken: `refresh-token-${n}-xxxxxxxxxxxx`,
    refreshExpiresAt: '2026-12-30T00:00:00.000Z',
    me:
      kind === 'resident'
        ? { kind, id: 'u1', displayName: '微信用户' }
        : { kind, id: 's1', displayName: '李四', username: 'lisi', role: 'community_staff', region: { code: '421003001004', name: '三义街社区', level: 'community', parentCode: '421003001' } },
  };
}

async function load() {
  jest.resetModules();
  const session = await import('../src/services/session');
  const http = await import('../src/services/http');
  const { routes } = await import('@jianban/shared');
  return { session, call: http.call, routes };
}

beforeEach(() => {
  store.clear();
  requests.length = 0;
  loginCalls = 0;
  fontSize = 17;
});

describe('session', () => {
  it('signs a resident in with a WeChat code and stores only the tokens', async () => {
    handler = (req) => (req.url.endsWith('/auth/wechat') ? { statusCode: 200, data: sessionView(1) } : { statusCode: 404, data: {} });
    const { session } = await load();
    await session.startSession();
    expect(session.getSession()).toMatchObject({ status: 'signedIn', me: { kind: 'resident', id: 'u1' } });
    expect(requests[0].data).toEqual({ code: 'wx-code-1' });
    expect(store.get('jb.token')).toBe('token-1');
    expect(store.get('jb.refreshToken')).toBe('refresh-token-1-xxxxxxxxxxxx');
    expect([...store.keys()].sort()).toEqual(['jb.kind', 'jb.refreshToken', 'jb.token']);
    expect(JSON.stringify([...store.values()])).not.toMatch(/openid|session_key/i);
  });

  it('refreshes once for many requests that meet a 401 at the same time (single flight)', async () => {
    store.set('jb.token', 'token-0');
    store.set('jb.refreshToken', 'refresh-token-0-xxxxxxxxxxxx');
    store.set('jb.kind', 'resident');
    let refreshes = 0;
    handler = async (req) => {
      if (req.url.endsWith('/auth/refresh')) {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 20));
        return { statusCode: 200, data: sessionView(2) };
      }
      if (req.header.Authorization !== 'Bearer token-2') return { statusCode: 401, data: { code: 'SESSION_EXPIRED', message: 'expired' } };
      return { statusCode: 200, data: { items: [], limit: 5 } };
    };
    const { session, call, routes } = await load();
    const results = await Promise.all([1, 2, 3, 4].map(() => call(routes.listFamilyMembers, {})));
    expect(results).toEqual(Array(4).fill({ items: [], limit: 5 }));
    expect(refreshes).toBe(1);
    expect(loginCalls).toBe(0);
    expect(session.getSession().status).toBe('signedIn');
    expect(store.get('jb.token')).toBe('token-2');
  });

  it('logs a resident in again when the refresh token is refused', async () => {
    store.set('jb.token', 'token-0');
    store.set('jb.refreshToken', 'refresh-token-0-xxxxxxxxxxxx');
    handler = (req) => {
      if (req.url.endsWith('/auth/refresh')) return { statusCode: 401, data: { code: 'SESSION_EXPIRED', message: 'x' } };
      if (req.url.endsWith('/auth/wechat')) return { statusCode: 200, data: sessionView(3) };
      if (req.header.Authorization === 'Bearer token-3') return { statusCode: 200, data: { kind: 'resident', id: 'u1', displayName: '微信用户' } };
      return { statusCode: 401, data: { code: 'SESSION_EXPIRED', message: 'x' } };
    };
    const { session } = await load();
    await session.startSession();
    expect(loginCalls).toBe(1);
    expect(session.getSession()).toMatchObject({ status: 'signedIn', me: { id: 'u1' } });
  });

  it('signs a staff member out (no silent re-login) when refresh fails', async () => {
    store.set('jb.token', 'token-0');
    store.set('jb.refreshToken', 'refresh-token-0-xxxxxxxxxxxx');
    store.set('jb.kind', 'staff');
    handler = () => ({ statusCode: 401, data: { code: 'SESSION_EXPIRED', message: 'x' } });
    const { session } = await load();
    await session.startSession();
    expect(loginCalls).toBe(0);
    expect(session.getSession()).toMatchObject({ status: 'anonymous', me: null, error: 'SESSION_EXPIRED' });
    expect(store.has('jb.token')).toBe(false);
    expect(store.has('jb.refreshToken')).toBe(false);
  });

  it('keeps the user’s 长辈模式 choice in storage', async () => {
    handler = () => ({ statusCode: 200, data: sessionView(1) });
    const { session } = await load();
    expect(session.getSession().elder).toBe(false); // fontSizeSetting 17 = standard
    session.setElderMode(true);
    expect(store.get('jb.elder')).toBe('1');
    const again = await load();
    expect(again.session.getSession()).toMatchObject({ elder: true, elderChoice: true });
  });

  it('follows a changed WeChat font size when the app is shown again, unless the user chose', async () => {
    handler = () => ({ statusCode: 200, data: sessionView(1) });
    const { session } = await load();
    expect(session.getSession().elder).toBe(false);
    fontSize = 23.8; // the user switched WeChat to 关怀模式 while the app was in the background
    session.recheckSystemFont();
    expect(session.getSession()).toMatchObject({ elder: true, elderChoice: null, systemFontSize: 23.8 });
    fontSize = undefined; // the setting could not be read: keep what is in effect
    session.recheckSystemFont();
    expect(session.getSession().elder).toBe(true);
    fontSize = 17;
    session.recheckSystemFont();
    expect(session.getSession().elder).toBe(false);
    session.setElderMode(false); // an explicit choice wins over any later font change
    fontSize = 24;
    session.recheckSystemFont();
    expect(session.getSession()).toMatchObject({ elder: false, elderChoice: false });
  });
});
