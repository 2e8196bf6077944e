import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { AppModule } from '../app.module';
import { loadConfig } from '../config';
import { LocalWechatPeerModule } from './local-wechat-peer.module';

const key = () => randomBytes(32).toString('base64');
const PROD = {
  NODE_ENV: 'production', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'prod-secret', WECHAT_API_BASE: 'https://api.weixin.qq.com',
  PII_KEY: key(), PII_HMAC_KEY: key(), DB_URL: 'mariadb://jianban@db.internal:3306/jianban', TRUST_PROXY: '1',
};
const log = pino({ level: 'silent' });
const imports = (env: Record<string, string>) => AppModule.forRoot(loadConfig(env), log).imports ?? [];

describe('the development-only WeChat peer calls', () => {
  it('are wired outside production (development and tests: the dev login route and template registration)', () => {
    expect(imports({ NODE_ENV: 'development' })).toContain(LocalWechatPeerModule);
    expect(imports({ NODE_ENV: 'test' })).toContain(LocalWechatPeerModule);
  });

  it('are never wired in production', () => {
    const prod = imports(PROD);
    expect(prod.length).toBeGreaterThan(3); // the modules are there, only the dev one is not
    expect(prod).not.toContain(LocalWechatPeerModule);
  });
});
