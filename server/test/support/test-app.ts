import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { fillPath, type RouteDef, type RouteInput, type RouteParams } from '@jianban/shared';
import { DataSource } from 'typeorm';
import { createApp, type App } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config';
import { seedDemo, seedReference } from '../../src/database/seed/seed';
import { MARIADB_ADMIN_URL, type Engine } from './engines';

export const LOG_DIR = resolve(__dirname, '../../../artifacts/logs');
export const STAFF_PASSWORD = 'test-staff-pw-1';

export interface Peer {
  url: string;
  close(): Promise<void>;
}

export async function startPeer(opts: Record<string, unknown> = {}): Promise<Peer> {
  // @ts-expect-error the peer is plain JavaScript (JSDoc-typed), shared with the dev start
  const mod = (await import('../../../scripts/wechat-peer/peer.mjs')) as { startWechatPeer: (o: object) => Promise<Peer> };
  return mod.startWechatPeer({ quiet: true, ...opts });
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  engine: Engine;
  url: string;
  peer: Peer;
  app: App;
  config: AppConfig;
  ds: DataSource;
  sqlitePath?: string;
  http<T = any>(method: string, path: string, opts?: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> }): Promise<Reply<T>>;
  call<R extends RouteDef>(route: R, input: RouteInput<R>, opts?: { params?: RouteParams<R>; token?: string; headers?: Record<string, string> }): Promise<Reply<any>>;
  loginResident(user?: string): Promise<string>;
  loginStaff(username: string): Promise<string>;
  peerCall<T = any>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface TestDatabase {
  env: Record<string, string>; // DB_SQLITE_PATH or DB_URL for loadConfig
  sqlitePath?: string;
  drop(): Promise<void>;
}

// a fresh, empty database of its own for one test file: a temp SQLite file, or a MariaDB database that is dropped after
export async function createDatabase(engine: Engine, charset = 'utf8mb4 COLLATE utf8mb4_unicode_ci', adminUrl = MARIADB_ADMIN_URL): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jb-int-'));
    const sqlitePath = join(dir, 'test.sqlite');
    return { env: { DB_SQLITE_PATH: sqlitePath }, sqlitePath, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `jb_test_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: adminUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset}`);
  await admin.end();
  return {
    env: { DB_URL: `${adminUrl.replace(/^mysql:/, 'mariadb:')}/${name}` },
    drop: async () => {
      const c = await mysql.createConnection({ uri: adminUrl });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

// one fresh database, one local WeChat peer and one listening server per test file and engine
// adminUrl: create the MariaDB database on another server than TEST_MARIADB_URL (a Galera node)
export async function startTestApp(engine: Engine, opts: { env?: Record<string, string>; name?: string; peer?: Record<string, unknown>; adminUrl?: string } = {}): Promise<TestApp> {
  const db = await createDatabase(engine, undefined, opts.adminUrl);
  const peer = await startPeer(opts.peer);
  mkdirSync(LOG_DIR, { recursive: true });
  const config = loadConfig({
    NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', WECHAT_API_BASE: peer.url, LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT: '10000', STAFF_LOGIN_RATE_LIMIT: '10000',
    LOG_FILE: join(LOG_DIR, `int-${opts.name ?? 'app'}-${engine}-${process.pid}.log`), ...db.env, ...opts.env,
  });
  const app = await createApp(config, { listen: true });
  const ds = app.app.get(DataSource);
  await seedReference(ds);
  await seedDemo(ds, config, STAFF_PASSWORD);

  const http: TestApp['http'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(app.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* non-JSON bodies stay text */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  const call: TestApp['call'] = (route, input, o = {}) => {
    const path = '/api' + fillPath(route.path, (o.params ?? {}) as Record<string, string>);
    const bodyless = route.method === 'GET' || route.method === 'DELETE';
    const qs = bodyless && input && Object.keys(input as object).length ? '?' + new URLSearchParams(input as Record<string, string>) : '';
    return http(route.method, path + qs, { body: bodyless ? undefined : input, token: o.token, headers: o.headers });
  };

  const peerCall = async <T = any>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(peer.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return (await res.json()) as T;
  };

  const loginResident = async (user?: string) => {
    const { code } = await peerCall<{ code: string }>('/__peer/code', user ? { user } : {});
    const r = await http('POST', '/api/auth/wechat', { body: { code } });
    if (r.status !== 200) throw new Error(`resident login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };

  const loginStaff = async (username: string) => {
    const r = await http('POST', '/api/auth/staff', { body: { username, password: STAFF_PASSWORD } });
    if (r.status !== 200) throw new Error(`staff login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };

  return {
    engine, url: app.url, peer, app, config, ds, sqlitePath: db.sqlitePath, http, call, loginResident, loginStaff, peerCall,
    close: async () => {
      await app.close();
      await peer.close();
      await db.drop();
    },
  };
}
