import { z } from 'zod';

// the application's own settings, and the frame every module's settings plug into. This file knows no module:
// each module declares its variables as a ConfigSection next to its code (and adds its key to AppConfigValues by
// module augmentation); ../config.ts, the app root, composes the sections and is the only reader of the environment.
const DEV_PII_KEY = Buffer.alloc(32, 'jianban-dev-pii-key').toString('base64');
const DEV_HMAC_KEY = Buffer.alloc(32, 'jianban-dev-hmac-key').toString('base64');
const DEV_WECHAT_BASE = 'http://127.0.0.1:3901';

/** a yes/no environment variable (true/false, 1/0, yes/no) */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const CoreEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // false, a number of proxy hops in front of the server, or a comma list of proxy addresses/CIDRs;
  // never plain "true": that would trust a client-written X-Forwarded-For and let it pick its own IP
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string[] => {
      if (v === 'false' || v === '0' || v === '') return false;
      if (/^\d+$/.test(v)) return Number(v);
      if (v === 'true') {
        ctx.addIssue({ code: 'custom', message: 'use the number of proxies in front of the server (e.g. 1) or their addresses' });
        return z.NEVER;
      }
      return v.split(',').map((x) => x.trim()).filter(Boolean);
    }),
  DB_DRIVER: z.enum(['sqlite', 'mariadb']).optional(),
  DB_SQLITE_PATH: z.string().default('data/jianban.sqlite'),
  DB_URL: z.string().regex(/^(mysql|mariadb):\/\//, 'must be a mysql:// or mariadb:// URL').optional(),
  DB_SOCKET_PATH: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_MIGRATE_ON_START: bool.default(true),
  WECHAT_API_BASE: z.string().url().optional(),
  WECHAT_APP_ID: z.string().min(1).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(1500),
  PII_KEY: base64Key.optional(),
  PII_KEY_ID: z.string().regex(/^[a-z0-9]{1,8}$/).default('k1'),
  PII_OLD_KEYS: z.string().optional(), // "k0:<base64>,k00:<base64>" for rotation: decrypt only
  PII_HMAC_KEY: base64Key.optional(),
  PII_HMAC_KEY_VERSION: z.coerce.number().int().min(1).max(999).default(1),
  PII_REINDEX_CHUNK: z.coerce.number().int().min(1).max(5000).default(500),
  PII_HMAC_OLD_KEYS: z.string().optional(), // "1:<base64>,2:<base64>": earlier blind-index keys, looked up until rotate-pii re-indexed
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(7200),
  REFRESH_TTL_SECONDS: z.coerce.number().int().min(3600).default(30 * 24 * 3600),
  STAFF_REFRESH_TTL_SECONDS: z.coerce.number().int().min(3600).default(12 * 3600), // the staff console holds residents' data: a working day
  // absolute cap of one staff login, however often it is refreshed (the refresh lifetime above slides with each refresh)
  STAFF_LOGIN_MAX_SECONDS: z.coerce.number().int().min(600).max(7 * 24 * 3600).default(12 * 3600),
  // how long a re-entered staff password unlocks the routes marked stepUp
  STAFF_STEP_UP_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  SESSION_COOKIE_SECURE: bool.default(true), // the H5 refresh cookie's Secure flag; only for plain-http hosts other than localhost
  // a spent refresh token presented again within this many seconds is a concurrent refresh (two tabs), refused without revoking
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20), // per IP per minute
  STAFF_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(5), // per username per 15 minutes
  HANDLER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(2000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(10000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(2000),
  // MariaDB/MySQL pool behaviour in an outage (see docs/booking-reliability.md)
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60000).optional(), // default: HANDLER_TIMEOUT_MS
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(200).max(120000).optional(), // default: statement limit + 5 s
  DB_IDLE_TRANSACTION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  // host:port,host:port — the other nodes of a Galera cluster, tried in order when the DB_URL's node cannot serve
  DB_FAILOVER_HOSTS: z
    .string()
    .regex(/^\s*[A-Za-z0-9.\-:\[\]]+:\d{1,5}\s*(,\s*[A-Za-z0-9.\-:\[\]]+:\d{1,5}\s*)*$/, 'must be host:port,host:port')
    .optional(),
  // with DB_FAILOVER_HOSTS: the current node is asked SELECT 1 this often (and given as long to answer); two silent
  // checks in a row move the pool to the next node (a hung or partitioned node refuses nothing); 0: no checks
  DB_FAILOVER_CHECK_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  // Galera only (mariadb:// URLs): the session's wsrep_sync_wait bitmask on every serving connection — 1 makes each
  // read wait until this node has applied every write the cluster committed before it (read-your-writes when the
  // next request lands on another node); unset: no statement (single MariaDB, SQLite, TiDB need none)
  DB_WSREP_SYNC_WAIT: z.coerce.number().int().min(0).max(15).optional(),
  // short transactions (Db.retrying) retry a lock conflict for up to this long, not only 4 times (0: the 4 times); set it
  // on a Galera cluster, where concurrent commits to one row through different nodes are refused (certification)
  DB_CONFLICT_RETRY_MS: z.coerce.number().int().min(0).max(20_000).default(0),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
  H5_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
  DEV_LOGIN: bool.optional(),
  // the API document (/api/docs, /api/openapi.json): on by default outside production, off by default in production
  API_DOCS: bool.optional(),
  // production only: the server takes client connections itself, with no proxy in front (see TRUST_PROXY)
  DIRECTLY_EXPOSED: bool.optional(),
  // development and browser tests only: the server's clock runs this many seconds ahead (negative: behind)
  DEV_CLOCK_OFFSET_SECONDS: z.coerce.number().int().min(-366 * 86400).max(366 * 86400).default(0),
  SEED_DEMO: bool.optional(),
  SEED_STAFF_PASSWORD: z.string().min(8).optional(),
  APP_VERSION: z.string().default('0.1.0'),
});
type CoreEnvValues = z.output<typeof CoreEnv>;

function refineCore(env: CoreEnvValues, ctx: z.RefinementCtx): void {
  const driver = env.DB_DRIVER ?? (env.DB_URL ? 'mariadb' : 'sqlite');
  if (driver === 'mariadb' && !env.DB_URL) ctx.addIssue({ code: 'custom', path: ['DB_URL'], message: 'required when DB_DRIVER=mariadb' });
  if (env.DB_WSREP_SYNC_WAIT !== undefined && !(driver === 'mariadb' && env.DB_URL?.startsWith('mariadb://'))) {
    ctx.addIssue({ code: 'custom', path: ['DB_WSREP_SYNC_WAIT'], message: 'only for a MariaDB Galera cluster (a mariadb:// DB_URL); MySQL, TiDB and SQLite have no such setting' });
  }
  // talking to the real WeChat means a real deployment: it must not run on the public development keys
  const realWechat = env.WECHAT_API_BASE !== undefined && !isLoopback(env.WECHAT_API_BASE);
  if (realWechat) {
    for (const key of ['PII_KEY', 'PII_HMAC_KEY', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when WECHAT_API_BASE is not the local WeChat peer (no development default)' });
    }
  }
  if (env.NODE_ENV !== 'production') return;
  const required = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_BASE', 'PII_KEY', 'PII_HMAC_KEY'] as const;
  for (const key of required) {
    if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required in production (no default)' });
  }
  // behind a proxy without TRUST_PROXY every client shares the proxy's address, and so one login bucket
  if (env.TRUST_PROXY === false && !env.DIRECTLY_EXPOSED) {
    ctx.addIssue({
      code: 'custom', path: ['TRUST_PROXY'],
      message: 'set TRUST_PROXY to the proxies in front of the server (e.g. 1), or DIRECTLY_EXPOSED=true if clients connect to it directly',
    });
  }
  if (env.DEV_LOGIN) ctx.addIssue({ code: 'custom', path: ['DEV_LOGIN'], message: 'development login cannot be on in production' });
  if (env.DEV_CLOCK_OFFSET_SECONDS) ctx.addIssue({ code: 'custom', path: ['DEV_CLOCK_OFFSET_SECONDS'], message: 'the clock cannot be shifted in production' });
  if (env.SEED_DEMO) ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo accounts cannot be seeded in production' });
  if (env.WECHAT_API_BASE && isLoopback(env.WECHAT_API_BASE)) {
    ctx.addIssue({ code: 'custom', path: ['WECHAT_API_BASE'], message: 'the local WeChat peer cannot be used in production' });
  }
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '::1' || host === '0.0.0.0';
}

export type DbConfig =
  | { driver: 'sqlite'; sqlitePath: string; migrateOnStart: boolean }
  | {
      driver: 'mariadb';
      url: string;
      socketPath?: string;
      poolSize: number;
      migrateOnStart: boolean;
      statementTimeoutMs: number;
      connectTimeoutMs: number;
      /** longest wait for a pooled connection; never past the handler time limit */
      acquireTimeoutMs: number;
      /** client-side limit for a statement the server never answers (half-open socket); above the statement limit */
      queryTimeoutMs: number;
      idleTransactionTimeoutSeconds: number;
      /** further nodes of a multi-primary cluster (Galera), tried in order when the URL's node cannot serve */
      failoverHosts: { host: string; port: number }[];
      /** with failoverHosts: how often the current node's health is checked (ms; 0: never) */
      failoverCheckMs: number;
      /** Db.retrying keeps retrying a lock conflict this long after the first run (ms; 0: its attempts only) */
      conflictRetryMs: number;
      /** Galera: wsrep_sync_wait for every serving connection (causal reads across nodes); undefined: not set */
      wsrepSyncWait?: number;
    };

// the settings common itself reads
export interface CoreConfigValues {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  trustProxy: false | number | string[];
  db: DbConfig;
  wechat: { apiBase: string; appId: string; appSecret: string; timeoutMs: number };
  pii: { keyId: string; key: Buffer; oldKeys: Record<string, Buffer>; hmacKey: Buffer; hmacVersion: number; oldHmacKeys: Record<number, Buffer>; reindexChunk: number };
  session: {
    ttlSeconds: number; refreshTtlSeconds: number; staffRefreshTtlSeconds: number; refreshReuseGraceSeconds: number; cookieSecure: boolean;
    staffLoginMaxSeconds: number; staffStepUpSeconds: number;
  };
  limits: { loginPerMinute: number; staffLoginPer15Min: number; bodyBytes: number; handlerMs: number; requestMs: number };
  h5Dir?: string;
  log: { level: string; file?: string };
  devLogin: boolean;
  /** /api/docs and /api/openapi.json are served */
  apiDocs: boolean;
  /** ms added to the system time (development / browser tests; always 0 in production) */
  clockOffsetMs: number;
  seedDemo: boolean;
  usesDevKeys: boolean;
  seedStaffPassword?: string;
  version: string;
}

// every setting: the core ones and one section per module
export interface AppConfigValues extends CoreConfigValues {
  // each module adds its section here by module augmentation, e.g. in booking/booking.config.ts:
  //   declare module '../common/config' { interface AppConfigValues { booking: BookingConfig } }
}

/** one module's environment variables and the settings it builds from them */
export interface ConfigSection<K extends string, S extends z.ZodRawShape, T> {
  key: K;
  env: z.ZodObject<S>;
  build(env: z.output<z.ZodObject<S>> & { NODE_ENV: string }): T;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySection = ConfigSection<string, any, unknown>;
type SectionValues<Ss extends readonly AnySection[]> = { [S in Ss[number] as S['key']]: ReturnType<S['build']> };

export class ConfigError extends Error {}

function parseOldHmacKeys(raw: string | undefined, current: number): Record<number, Buffer> {
  const out: Record<number, Buffer> = {};
  for (const [version, key] of Object.entries(parseOldKeys(raw, 'PII_HMAC_OLD_KEYS'))) {
    if (!/^[1-9][0-9]{0,2}$/.test(version) || Number(version) === current) throw new ConfigError('PII_HMAC_OLD_KEYS: versions are whole numbers other than PII_HMAC_KEY_VERSION');
    out[Number(version)] = key;
  }
  return out;
}

function parseOldKeys(raw: string | undefined, name = 'PII_OLD_KEYS'): Record<string, Buffer> {
  if (!raw) return {};
  return Object.fromEntries(
    raw.split(',').map((pair) => {
      const [id, key] = pair.split(':');
      const buf = Buffer.from(key ?? '', 'base64');
      if (!id || buf.length !== 32) throw new ConfigError(`${name}: expected "id:<32-byte base64>" pairs`);
      return [id, buf];
    }),
  );
}

/** parses the core variables and every section's (one message naming every bad variable) and builds the settings */
export function parseConfig<const Ss extends readonly AnySection[]>(
  env: Record<string, string | undefined>,
  sections: Ss,
): CoreConfigValues & SectionValues<Ss> {
  const shape = Object.assign({}, CoreEnv.shape, ...sections.map((s) => s.env.shape)) as z.ZodRawShape;
  const parsed = z.object(shape).superRefine((e, ctx) => refineCore(e as CoreEnvValues, ctx)).safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const core = parseCore(parsed.data as CoreEnvValues);
  const sectionValues = Object.fromEntries(sections.map((s) => [s.key, s.build(parsed.data as never)])) as SectionValues<Ss>;
  return { ...core, ...sectionValues };
}

function parseCore(e: CoreEnvValues): CoreConfigValues {
  const dev = e.NODE_ENV !== 'production';
  const driver = e.DB_DRIVER ?? (e.DB_URL ? 'mariadb' : 'sqlite');
  const db: DbConfig =
    driver === 'sqlite'
      ? { driver, sqlitePath: e.DB_SQLITE_PATH, migrateOnStart: e.DB_MIGRATE_ON_START }
      : {
          driver, url: e.DB_URL!, socketPath: e.DB_SOCKET_PATH, poolSize: e.DB_POOL_SIZE, migrateOnStart: e.DB_MIGRATE_ON_START,
          statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
          acquireTimeoutMs: Math.min(e.DB_ACQUIRE_TIMEOUT_MS ?? e.HANDLER_TIMEOUT_MS, e.HANDLER_TIMEOUT_MS),
          queryTimeoutMs: Math.max(e.DB_QUERY_TIMEOUT_MS ?? e.DB_STATEMENT_TIMEOUT_MS + 5000, e.DB_STATEMENT_TIMEOUT_MS + 500),
          idleTransactionTimeoutSeconds: e.DB_IDLE_TRANSACTION_TIMEOUT_SECONDS,
          failoverHosts: parseHosts(e.DB_FAILOVER_HOSTS),
          failoverCheckMs: e.DB_FAILOVER_CHECK_MS,
          conflictRetryMs: e.DB_CONFLICT_RETRY_MS,
          ...(e.DB_WSREP_SYNC_WAIT !== undefined ? { wsrepSyncWait: e.DB_WSREP_SYNC_WAIT } : {}),
        };
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    trustProxy: e.TRUST_PROXY,
    db,
    wechat: {
      apiBase: (e.WECHAT_API_BASE ?? DEV_WECHAT_BASE).replace(/\/$/, ''),
      appId: e.WECHAT_APP_ID ?? 'wx-dev-appid',
      appSecret: e.WECHAT_APP_SECRET ?? 'dev-secret',
      timeoutMs: e.WECHAT_TIMEOUT_MS,
    },
    pii: {
      keyId: e.PII_KEY_ID,
      key: Buffer.from(e.PII_KEY ?? DEV_PII_KEY, 'base64'),
      oldKeys: parseOldKeys(e.PII_OLD_KEYS),
      hmacKey: Buffer.from(e.PII_HMAC_KEY ?? DEV_HMAC_KEY, 'base64'),
      hmacVersion: e.PII_HMAC_KEY_VERSION,
      oldHmacKeys: parseOldHmacKeys(e.PII_HMAC_OLD_KEYS, e.PII_HMAC_KEY_VERSION),
      reindexChunk: e.PII_REINDEX_CHUNK,
    },
    session: {
      ttlSeconds: e.SESSION_TTL_SECONDS, refreshTtlSeconds: e.REFRESH_TTL_SECONDS, staffRefreshTtlSeconds: e.STAFF_REFRESH_TTL_SECONDS,
      refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS, cookieSecure: e.SESSION_COOKIE_SECURE,
      staffLoginMaxSeconds: e.STAFF_LOGIN_MAX_SECONDS, staffStepUpSeconds: e.STAFF_STEP_UP_SECONDS,
    },
    limits: {
      loginPerMinute: e.LOGIN_RATE_LIMIT, staffLoginPer15Min: e.STAFF_LOGIN_RATE_LIMIT, bodyBytes: e.BODY_LIMIT_BYTES,
      handlerMs: e.HANDLER_TIMEOUT_MS, requestMs: e.REQUEST_TIMEOUT_MS,
    },
    h5Dir: e.H5_DIR,
    log: { level: e.LOG_LEVEL, file: e.LOG_FILE },
    devLogin: e.DEV_LOGIN ?? dev,
    apiDocs: e.API_DOCS ?? e.NODE_ENV !== 'production',
    clockOffsetMs: e.DEV_CLOCK_OFFSET_SECONDS * 1000,
    seedDemo: e.SEED_DEMO ?? dev,
    usesDevKeys: !e.PII_KEY || !e.PII_HMAC_KEY,
    seedStaffPassword: e.SEED_STAFF_PASSWORD,
    version: e.APP_VERSION,
  };
}

// the class doubles as the DI token; its fields are AppConfigValues (core + every module's augmentation)
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfig extends AppConfigValues {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppConfig {
  constructor(values: AppConfigValues) {
    Object.assign(this, values);
  }
}

// "host:port,host:port" (an IPv6 host in brackets) → [{ host, port }]
function parseHosts(list: string | undefined): { host: string; port: number }[] {
  if (!list) return [];
  return list.split(',').map((part) => {
    const t = part.trim();
    const i = t.lastIndexOf(':');
    return { host: t.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(t.slice(i + 1)) };
  });
}
