import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../common/config';
import { loadConfig } from '../config';
import { DataSharingEnv, dataSharingConfig } from './data-sharing.config';
import { canonicalRequest, DataSharingSigner, sortedQuery } from './data-sharing.signer';
import { parseRetryAfter } from './http-registry.adapter';

describe('data-sharing request signing', () => {
  const body = '{"sfzh":["42100319400315001X"]}';

  it('builds the canonical request: method, path, sorted encoded query, body hash, timestamp, nonce', () => {
    const canonical = canonicalRequest({
      method: 'post', path: '/api/v1/hukou/persons/batch-query', query: new URLSearchParams('b=+x!&a=2&a=1'), body,
      timestamp: '1764980000', nonce: 'nonce-0123456789abcdef',
    });
    expect(canonical).toBe(
      'POST\n/api/v1/hukou/persons/batch-query\na=1&a=2&b=%20x%21\n' +
        '92cf96875d0c312e91d32ecd7a86bdb0b3f84fce2f6f8e17163deeb9c1a80907\n1764980000\nnonce-0123456789abcdef',
    );
    // the signature of that canonical request with secret "k3y-secret", computed independently with openssl dgst -hmac
    expect(createHmac('sha256', 'k3y-secret').update(canonical).digest('base64')).toBe('8t0akAH7lfRd8hDtlqAI9lnzBPM9S6KeLsk2034S42k=');
  });

  it('hashes an empty body as the SHA-256 of nothing and leaves an empty query empty', () => {
    const c = canonicalRequest({ method: 'GET', path: '/x', body: '', timestamp: '1', nonce: 'n' });
    expect(c).toBe('GET\n/x\n\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n1\nn');
    expect(sortedQuery(new URLSearchParams())).toBe('');
  });

  it('signs with the clock in seconds and a fresh nonce every time', () => {
    const signer = new DataSharingSigner('app', 'k3y-secret', () => 1_764_980_000_999);
    const a = signer.sign({ method: 'POST', path: '/p', body });
    const b = signer.sign({ method: 'POST', path: '/p', body });
    expect(a['x-app-key']).toBe('app');
    expect(a['x-timestamp']).toBe('1764980000');
    expect(a['x-nonce']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a['x-nonce']).not.toBe(b['x-nonce']);
    const expected = createHmac('sha256', 'k3y-secret')
      .update(canonicalRequest({ method: 'POST', path: '/p', body, timestamp: '1764980000', nonce: a['x-nonce'] }))
      .digest('base64');
    expect(a['x-signature']).toBe(expected);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 11, 6, 1, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('data-sharing configuration', () => {
  const parse = (env: Record<string, string>, o: { production: boolean; selected: boolean }) => dataSharingConfig(DataSharingEnv.parse(env), o);
  const refusal = (env: Record<string, string>, o: { production: boolean; selected: boolean }) => {
    try {
      parse(env, o);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('defaults to the local peer outside production', () => {
    expect(parse({}, { production: false, selected: true })).toEqual({
      baseUrl: 'http://127.0.0.1:3902', appKey: 'jianban-dev', appSecret: 'jianban-dev-sharing-secret', timeoutMs: 3000, batchSize: 100, budgetMs: 10000,
    });
  });

  it('production with the adapter selected requires the URL, the app key and the secret, and no local peer', () => {
    const m = refusal({}, { production: true, selected: true });
    expect(m).toMatch(/CIVIL_AFFAIRS_SHARING_URL: required in production/);
    expect(m).toMatch(/CIVIL_AFFAIRS_SHARING_APP_KEY: required in production/);
    expect(m).toMatch(/CIVIL_AFFAIRS_SHARING_APP_SECRET: required in production/);
    const secretless = { CIVIL_AFFAIRS_SHARING_URL: 'https://share.example.gov.cn/gateway/', CIVIL_AFFAIRS_SHARING_APP_KEY: 'jz-app' };
    expect(refusal(secretless, { production: true, selected: true })).toMatch(/APP_SECRET: required in production/);
    expect(refusal({ ...secretless, CIVIL_AFFAIRS_SHARING_URL: 'http://127.0.0.1:3902', CIVIL_AFFAIRS_SHARING_APP_SECRET: 's' }, { production: true, selected: true })).toMatch(/local peer cannot be used in production/);
    expect(refusal({ ...secretless, CIVIL_AFFAIRS_SHARING_URL: 'http://share.example.gov.cn', CIVIL_AFFAIRS_SHARING_APP_SECRET: 's' }, { production: true, selected: true })).toMatch(/must be https/);
    const ok = parse({ ...secretless, CIVIL_AFFAIRS_SHARING_APP_SECRET: 'real-secret' }, { production: true, selected: true });
    expect(ok).toMatchObject({ baseUrl: 'https://share.example.gov.cn/gateway', appKey: 'jz-app', appSecret: 'real-secret' });
    // not selected: nothing of it is required
    expect(parse({}, { production: true, selected: false }).baseUrl).toBe('http://127.0.0.1:3902');
  });

  it('a real service outside production still needs its own key pair; the budget must hold one request', () => {
    expect(refusal({ CIVIL_AFFAIRS_SHARING_URL: 'https://share.example.gov.cn' }, { production: false, selected: true })).toMatch(/APP_SECRET: required when CIVIL_AFFAIRS_SHARING_URL is not the local peer/);
    expect(refusal({ CIVIL_AFFAIRS_SHARING_TIMEOUT_MS: '5000', CIVIL_AFFAIRS_SHARING_BUDGET_MS: '1000' }, { production: false, selected: false })).toMatch(/BUDGET_MS: must be at least/);
    expect(() => DataSharingEnv.parse({ CIVIL_AFFAIRS_SHARING_BATCH_SIZE: '0' })).toThrow();
  });

  it('is part of the app configuration: CIVIL_AFFAIRS_SOURCE=data-sharing in production without the service is refused at boot', () => {
    const prod = {
      NODE_ENV: 'production', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'prod-secret', WECHAT_API_BASE: 'https://api.weixin.qq.com',
      PII_KEY: Buffer.alloc(32, 1).toString('base64'), PII_HMAC_KEY: Buffer.alloc(32, 2).toString('base64'), DB_URL: 'mariadb://jb@db.internal:3306/jb', TRUST_PROXY: '1',
    };
    expect(loadConfig(prod).civilAffairs.source).toBe('district-copy');
    expect(() => loadConfig({ ...prod, CIVIL_AFFAIRS_SOURCE: 'data-sharing' })).toThrow(/CIVIL_AFFAIRS_SHARING_APP_SECRET: required in production/);
    const c = loadConfig({
      ...prod, CIVIL_AFFAIRS_SOURCE: 'data-sharing', CIVIL_AFFAIRS_SHARING_URL: 'https://share.example.gov.cn', CIVIL_AFFAIRS_SHARING_APP_KEY: 'k',
      CIVIL_AFFAIRS_SHARING_APP_SECRET: 's', CIVIL_AFFAIRS_SHARING_BATCH_SIZE: '50',
    });
    expect(c.civilAffairs.sharing).toMatchObject({ baseUrl: 'https://share.example.gov.cn', appKey: 'k', appSecret: 's', batchSize: 50 });
  });
});
