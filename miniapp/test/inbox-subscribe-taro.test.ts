// the subscribe helper bound to Taro, the HTTP client and the query cache, with a fake Taro (weapp and H5)
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

type Req = { url: string; method: string; header: Record<string, string>; data?: unknown };
const requests: Req[] = [];
const subscribeCalls: unknown[] = [];
const store = new Map<string, string>();

jest.mock('@tarojs/taro', () => {
  const Taro = {
    getStorageSync: (k: string) => store.get(k) ?? '',
    setStorageSync: (k: string, v: string) => void store.set(k, v),
    removeStorageSync: (k: string) => void store.delete(k),
    login: async () => ({ code: 'wx-code-1', errMsg: 'login:ok' }),
    getAppBaseInfo: () => ({ fontSizeSetting: 17 }),
    useDidShow: () => undefined,
    requestSubscribeMessage: (opts: { tmplIds: string[] }) => {
      subscribeCalls.push(opts);
      return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(opts.tmplIds.map((id) => [id, 'accept'])) });
    },
    request: async (req: Req) => {
      requests.push(req);
      if (req.url.endsWith('/auth/wechat')) {
        return {
          statusCode: 200,
          data: {
            token: 'token-1',
            expiresAt: '2026-12-01T00:00:00.000Z',
            refreshToken: 'refresh-token-1-xxxxxxxxxxxx',
            refreshExpiresAt: '2026-12-30T00:00:00.000Z',
            me: { kind: 'resident', id: 'u1', displayName: '微信用户' },
          },
        };
      }
      if (req.url.includes('/notifications/templates')) {
        return { statusCode: 200, data: { items: [{ templateId: 'tmpl-confirmed', title: '预约结果通知', types: ['booking_confirmed'] }] } };
      }
      if (req.url.endsWith('/notifications/subscriptions')) return { statusCode: 200, data: { items: [] } };
      return { statusCode: 404, data: { code: 'ROUTE_NOT_FOUND' } };
    },
  };
  return { __esModule: true, default: Taro, ...Taro };
});

const flush = () => new Promise((r) => setTimeout(r, 0));

async function load(env: 'weapp' | 'h5') {
  jest.resetModules();
  process.env.TARO_ENV = env;
  const session = await import('../src/services/session');
  const subscribe = await import('../src/features/notifications/subscribe');
  await session.loadSession();
  return subscribe;
}

beforeEach(() => {
  requests.length = 0;
  subscribeCalls.length = 0;
  store.clear();
});

describe('askToSubscribe with a fake Taro', () => {
  it('on weapp: prefetched template ids go to requestSubscribeMessage inside the tap, and the answers are reported', async () => {
    const s = await load('weapp');
    s.prefetchSubscribeTemplates('booking');
    await flush();
    expect(requests.some((r) => r.url.includes('/notifications/templates?purpose=booking'))).toBe(true);
    const outcome = s.askToSubscribe('booking');
    expect(subscribeCalls).toEqual([{ tmplIds: ['tmpl-confirmed'] }]);
    await expect(outcome).resolves.toBe('reported');
    const report = requests.find((r) => r.url.endsWith('/notifications/subscriptions'));
    expect(report?.method).toBe('POST');
    expect(report?.data).toEqual({ results: [{ templateId: 'tmpl-confirmed', result: 'accept' }] });
  });

  it('on H5: skips silently, fetching nothing and asking nothing', async () => {
    const s = await load('h5');
    s.prefetchSubscribeTemplates('booking');
    await flush();
    await expect(s.askToSubscribe('booking')).resolves.toBe('unsupported');
    expect(subscribeCalls).toEqual([]);
    expect(requests.some((r) => r.url.includes('/notifications/'))).toBe(false);
  });
});
