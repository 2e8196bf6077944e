import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config';
import { sessionLimits } from './database/data-source';

const key = () => randomBytes(32).toString('base64');
const PROD = {
  NODE_ENV: 'production',
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_APP_SECRET: 'prod-secret',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  PII_KEY: key(),
  PII_HMAC_KEY: key(),
  DB_URL: 'mariadb://jianban@db.internal:3306/jianban',
  TRUST_PROXY: '1',
};

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('gives working development defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.db).toEqual({ driver: 'sqlite', sqlitePath: 'data/jianban.sqlite', migrateOnStart: true });
    expect(c.wechat.apiBase).toBe('http://127.0.0.1:3901');
    expect(c.pii.key.length).toBe(32);
    expect(c.pii.hmacKey.length).toBe(32);
    expect(c.pii.keyId).toBe('k1');
    expect(c.pii.oldKeys).toEqual({});
    expect(c.limits.bodyBytes).toBe(64 * 1024);
    expect(c.devLogin).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.trustProxy).toBe(false);
  });

  it('does not read process.env when an environment object is given', () => {
    const before = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it('accepts a complete production environment and turns development features off', () => {
    const c = loadConfig(PROD);
    expect(c.env).toBe('production');
    expect(c.devLogin).toBe(false);
    expect(c.seedDemo).toBe(false);
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(c.wechat.appSecret).toBe('prod-secret');
  });

  it.each(['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_BASE', 'PII_KEY', 'PII_HMAC_KEY'])(
    'refuses to start in production without %s and names it',
    (name) => {
      const message = refusal({ ...PROD, [name]: undefined });
      expect(message).toContain(name);
      expect(message).toMatch(/required in production/);
    },
  );

  it('names every missing production variable at once', () => {
    const message = refusal({ NODE_ENV: 'production' });
    for (const name of ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_BASE', 'PII_KEY', 'PII_HMAC_KEY']) expect(message).toContain(name);
  });

  it.each([['DEV_LOGIN'], ['SEED_DEMO']])('refuses %s=true in production', (name) => {
    expect(refusal({ ...PROD, [name]: 'true' })).toContain(name);
    expect(loadConfig({ ...PROD, [name]: 'false' }).env).toBe('production');
  });

  it('refuses production without TRUST_PROXY unless it is declared directly exposed', () => {
    expect(refusal({ ...PROD, TRUST_PROXY: undefined })).toContain('TRUST_PROXY');
    expect(refusal({ ...PROD, TRUST_PROXY: 'false' })).toContain('DIRECTLY_EXPOSED');
    expect(loadConfig({ ...PROD, TRUST_PROXY: undefined, DIRECTLY_EXPOSED: 'true' }).trustProxy).toBe(false);
    expect(loadConfig({ ...PROD, TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.0/8']);
    // development needs neither
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('reads the other nodes of a cluster from DB_FAILOVER_HOSTS, in order, and refuses anything else', () => {
    const c = loadConfig({ ...PROD, DB_FAILOVER_HOSTS: 'db2.internal:3306, 10.0.0.3:3307,[fd00::4]:3306' });
    expect(c.db.driver === 'mariadb' && c.db.failoverHosts).toEqual([
      { host: 'db2.internal', port: 3306 },
      { host: '10.0.0.3', port: 3307 },
      { host: 'fd00::4', port: 3306 },
    ]);
    expect(loadConfig(PROD).db).toMatchObject({ failoverHosts: [] });
    expect(refusal({ ...PROD, DB_FAILOVER_HOSTS: 'db2.internal' })).toContain('DB_FAILOVER_HOSTS');
    expect(refusal({ ...PROD, DB_FAILOVER_HOSTS: 'db2:3306;db3:3306' })).toContain('DB_FAILOVER_HOSTS');
  });

  it('sets wsrep_sync_wait on serving connections only when DB_WSREP_SYNC_WAIT is given, and only for a MariaDB (Galera) URL', () => {
    const galera = loadConfig({ ...PROD, DB_WSREP_SYNC_WAIT: '1' }).db;
    expect(galera.driver === 'mariadb' && sessionLimits(galera)).toEqual(['SET SESSION max_statement_time = 2.000, idle_transaction_timeout = 10, wsrep_sync_wait = 1']);
    const single = loadConfig(PROD).db;
    expect(single.driver === 'mariadb' && sessionLimits(single)).toEqual(['SET SESSION max_statement_time = 2.000, idle_transaction_timeout = 10']);
    expect(refusal({ ...PROD, DB_URL: 'mysql://jianban@tidb.internal:4000/jianban', DB_WSREP_SYNC_WAIT: '1' })).toContain('DB_WSREP_SYNC_WAIT');
    expect(refusal({ DB_WSREP_SYNC_WAIT: '1' })).toContain('DB_WSREP_SYNC_WAIT'); // SQLite
    expect(refusal({ ...PROD, DB_WSREP_SYNC_WAIT: '16' })).toContain('DB_WSREP_SYNC_WAIT');
  });

  it('serves the API document by default outside production only, and as a setting', () => {
    expect(loadConfig(PROD).apiDocs).toBe(false);
    expect(loadConfig({ ...PROD, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
  });

  it('refuses a shifted clock in production, allows it in development', () => {
    expect(refusal({ ...PROD, DEV_CLOCK_OFFSET_SECONDS: '3600' })).toContain('DEV_CLOCK_OFFSET_SECONDS');
    expect(loadConfig({ ...PROD, DEV_CLOCK_OFFSET_SECONDS: '0' }).clockOffsetMs).toBe(0);
    expect(loadConfig({ DEV_CLOCK_OFFSET_SECONDS: '-3600' }).clockOffsetMs).toBe(-3_600_000);
  });

  it.each(['http://127.0.0.1:3901', 'http://localhost:3901', 'https://localhost/'])('refuses the local WeChat peer %s as WECHAT_API_BASE in production', (base) => {
    expect(refusal({ ...PROD, WECHAT_API_BASE: base })).toContain('WECHAT_API_BASE');
  });

  it.each(['http://LOCALHOST:3901', 'http://[::1]:3901', 'http://127.0.0.2:3901'])(
    'refuses other spellings of a loopback WeChat base (%s) in production',
    (base) => {
      expect(refusal({ ...PROD, WECHAT_API_BASE: base })).toContain('WECHAT_API_BASE');
    },
  );

  it('selects MariaDB when DB_URL is set', () => {
    const c = loadConfig({ DB_URL: 'mysql://root@127.0.0.1:3306/jb', DB_POOL_SIZE: '7' });
    expect(c.db).toMatchObject({ driver: 'mariadb', url: 'mysql://root@127.0.0.1:3306/jb', poolSize: 7 });
  });

  it('refuses DB_DRIVER=mariadb without DB_URL and names DB_URL', () => {
    expect(refusal({ DB_DRIVER: 'mariadb' })).toContain('DB_URL');
  });

  it('refuses a DB_URL that is not a MySQL/MariaDB URL', () => {
    expect(refusal({ DB_URL: 'postgres://x@y/z' })).toContain('DB_URL');
  });

  it.each([
    ['PII_KEY', randomBytes(16).toString('base64')],
    ['PII_KEY', randomBytes(33).toString('base64')],
    ['PII_HMAC_KEY', randomBytes(31).toString('base64')],
    ['PII_HMAC_KEY', 'not-base64-at-all'],
  ])('refuses %s with the wrong length (%s) and names it', (name, value) => {
    const message = refusal({ [name]: value });
    expect(message).toContain(name);
    expect(message).toMatch(/32 bytes/);
  });

  it('refuses malformed PII_OLD_KEYS and names the variable', () => {
    expect(refusal({ PII_OLD_KEYS: 'k0:short' })).toContain('PII_OLD_KEYS');
    expect(refusal({ PII_OLD_KEYS: `:${key()}` })).toContain('PII_OLD_KEYS');
    const k0 = key();
    expect(loadConfig({ PII_OLD_KEYS: `k0:${k0}` }).pii.oldKeys.k0.toString('base64')).toBe(k0);
  });

  it('refuses invalid numbers and enums, naming the variable', () => {
    expect(refusal({ PORT: '70000' })).toContain('PORT');
    expect(refusal({ NODE_ENV: 'staging' })).toContain('NODE_ENV');
    expect(refusal({ DEV_LOGIN: 'maybe' })).toContain('DEV_LOGIN');
    expect(refusal({ BODY_LIMIT_BYTES: '10' })).toContain('BODY_LIMIT_BYTES');
  });

  it('never puts a secret value into its error message', () => {
    const secret = randomBytes(16).toString('base64');
    expect(refusal({ ...PROD, PII_KEY: secret })).not.toContain(secret);
  });
});

describe('process.env discipline', () => {
  const SRC = __dirname;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return files(p);
      return /\.(ts|js|mjs)$/.test(name) && !/\.spec\.ts$/.test(name) ? [p] : [];
    });

  it('finds source files to scan', () => {
    expect(files(SRC).length).toBeGreaterThan(10);
  });

  it('no file under server/src other than config.ts reads process.env', () => {
    const offenders = files(SRC)
      .filter((p) => relative(SRC, p) !== 'config.ts')
      .flatMap((p) =>
        readFileSync(p, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => /process\s*\.\s*env|process\s*\[\s*['"]env['"]\s*\]/.test(line))
          .map(({ line, i }) => `${relative(SRC, p)}:${i + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
