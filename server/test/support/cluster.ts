import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { fillPath, type RouteDef, type RouteInput, type RouteParams } from '@jianban/shared';
import { mapLimit } from './booking-load';
import { MARIADB_ADMIN_URL, type Engine } from './engines';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { PiiCipher } from '../../src/common/pii-cipher';
import { loadConfig } from '../../src/config';
import { createDatabase, LOG_DIR, startPeer, STAFF_PASSWORD, type Peer, type Reply, type TestDatabase } from './test-app';

/**
 * Multi-process test harness: one fresh database (MariaDB database or SQLite file), migrated and seeded once through the
 * compiled seed command, one local WeChat peer, and N real server processes (`node <dist>/main.js`) sharing them.
 * Used by the booking race / fault-injection suites (reliability rows C1–C4, D1, D2) to test what one in-process app
 * cannot: several instances agreeing through the database only, and a process killed with SIGKILL mid-request.
 *
 * The compiled server is read from JB_SERVER_DIST (default server/dist; build a private copy with
 * `npx tsc -p tsconfig.build.json --outDir /tmp/x-dist` while others are building).
 */
export const SERVER_DIST = resolve(process.env.JB_SERVER_DIST ?? join(__dirname, '../../dist'));
// a private dist outside the package (e.g. /tmp) resolves the server's dependencies from here
const SERVER_MODULES = resolve(__dirname, '../../node_modules');
const childEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', NODE_PATH: SERVER_MODULES, ...env });

export interface ClusterOptions {
  engine: Engine;
  processes: number;
  name: string; // names the log files
  env?: Record<string, string>; // extra server env (rate-limit knobs, pool size, …)
  peer?: Record<string, unknown>;
  // MariaDB only: the server processes reach the database through a fault-injecting TCP proxy (cluster.proxy)
  viaProxy?: boolean;
  readyTimeoutMs?: number;
  // a multi-primary cluster (Galera): admin URLs of its nodes (mysql://root@127.0.0.1:port); the database is created
  // through the first, server process i talks to node i mod n, and the probe reads through the first with
  // wsrep_sync_wait so it sees every write committed on any node
  nodeUrls?: string[];
  // per-process extra env (e.g. each process's failover order over the cluster's nodes)
  envOf?: (index: number) => Record<string, string>;
  // with nodeUrls: the node server process i talks to (default i mod n)
  nodeOf?: (index: number) => number;
}

export interface ServerProcess {
  readonly index: number;
  readonly url: string;
  readonly pid: number | undefined;
  readonly alive: boolean;
  readonly output: string; // the tail of stdout + stderr, for failure messages
}

// direct access to the test database, bypassing the servers (assertions, negative controls)
export interface DbProbe {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface CallOpts {
  proc?: number; // which server process answers (default: round robin)
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface Cluster {
  engine: Engine;
  peer: Peer;
  proxy?: TcpProxy;
  db: TestDatabase;
  dbName?: string;
  sqlitePath?: string;
  procs: ServerProcess[];
  probe: DbProbe;
  http<T = any>(method: string, path: string, opts?: CallOpts & { body?: unknown }): Promise<Reply<T> & { ms: number }>;
  call<R extends RouteDef>(route: R, input: RouteInput<R>, opts?: CallOpts & { params?: RouteParams<R> }): Promise<Reply<any> & { ms: number }>;
  loginResident(user: string, proc?: number): Promise<string>;
  loginResidents(prefix: string, n: number): Promise<string[]>;
  /**
   * n residents signed in without the login route, for set-up at a scale the login route cannot reach in a suite's
   * budget (the Galera race at K = 2000 needs 2,060): the rows a first WeChat login writes (resident_account with its
   * encrypted openid under the servers' own keys, auth_session with the token's hash), inserted in batches. Returns
   * their access tokens. The login itself is tested through the route elsewhere.
   */
  seedResidents(prefix: string, n: number): Promise<string[]>;
  loginStaff(username: string, proc?: number): Promise<string>;
  peerCall<T = any>(path: string, body?: unknown): Promise<T>;
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  restart(index: number): Promise<void>;
  close(): Promise<void>;
}

// keep-alive agent shared by the harness: 200 racing clients must not each pay a TCP handshake
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
const freshAgent = new Agent({ keepAlive: false });

interface ProcState {
  index: number;
  url: string;
  output: string;
  child?: ChildProcess;
  port: number;
  env: Record<string, string>;
  logFile: string;
  readonly pid: number | undefined;
  readonly alive: boolean;
}

function spawnServer(state: ProcState, timeoutMs: number): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(SERVER_DIST, 'main.js')], {
      env: childEnv({ ...state.env, PORT: String(state.port), LOG_FILE: state.logFile }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    state.child = child;
    let out = '';
    const keep = (d: Buffer) => {
      out = (out + d.toString()).slice(-4000);
      state.output = out;
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server ${state.index} not ready in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      keep(d);
      const m = /jianban server ready on (\S+)/.exec(out);
      if (m && !state.url) {
        clearTimeout(timer);
        state.url = m[1];
        state.port = Number(new URL(m[1]).port);
        ok();
      }
    });
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!state.url) fail(new Error(`server ${state.index} exited (${code ?? signal}) before ready:\n${out}`));
    });
  });
}

function runOnce(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}

// a keep-alive socket the server closed as idle (node's 5 s keepAliveTimeout) can fail the next request sent on it
// before the server read a byte of it (req.reusedSocket + ECONNRESET): resend that once, as browsers and undici do
async function rawRequest(url: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Reply<any> & { ms: number }> {
  try {
    return await sendOnce(url, method, path, opts);
  } catch (err) {
    if ((err as { staleSocket?: boolean }).staleSocket) return sendOnce(url, method, path, opts, freshAgent);
    throw err;
  }
}

function sendOnce(url: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number }, via = agent): Promise<Reply<any> & { ms: number }> {
  const started = performance.now();
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((ok, fail) => {
    const req = httpRequest(url + path, { method, headers, agent: via, timeout: opts.timeoutMs ?? 15000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* non-JSON bodies stay text */
        }
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        ok({ status: res.statusCode ?? 0, body: body as any, headers: h, ms: performance.now() - started });
      });
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error(`request timed out: ${method} ${path}`)));
    req.on('error', (err: Error & { code?: string; staleSocket?: boolean }) => {
      if (req.reusedSocket && (err.code === 'ECONNRESET' || err.message === 'socket hang up')) err.staleSocket = true;
      fail(err);
    });
    req.end(payload);
  });
}

interface SqliteConn {
  pragma(s: string): unknown;
  prepare(sql: string): { reader: boolean; all(...p: unknown[]): unknown[]; run(...p: unknown[]): unknown };
  close(): void;
}

async function openProbe(engine: Engine, db: TestDatabase, dbName?: string, adminUrl = MARIADB_ADMIN_URL, syncWait = false): Promise<DbProbe> {
  if (engine === 'sqlite') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Sqlite = require('better-sqlite3') as new (path: string) => SqliteConn;
    const conn = new Sqlite(db.sqlitePath!);
    conn.pragma('busy_timeout = 10000');
    return {
      query: async <T>(sql: string, params: unknown[] = []) => {
        const stmt = conn.prepare(sql);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      },
      close: async () => void conn.close(),
    };
  }
  const pool = mysql.createPool({ uri: `${adminUrl}/${dbName}`, connectionLimit: 16, timezone: 'Z', dateStrings: false });
  // Galera: a read waits until this node has applied everything committed cluster-wide before it (causal reads)
  if (syncWait) pool.on('connection', (conn) => void conn.query('SET SESSION wsrep_sync_wait = 1'));
  return {
    query: async <T>(sql: string, params: unknown[] = []) => {
      const [rows] = await pool.query(sql, params);
      return (Array.isArray(rows) ? rows : []) as T[];
    },
    close: () => pool.end(),
  };
}

const SEED_BATCH = 500;

// the rows a first WeChat login writes (account with its encrypted openid, session with the token's hash), under the
// servers' own config: their keys and session lifetimes
async function seedResidents(probe: DbProbe, config: ReturnType<typeof loadConfig>, prefix: string, n: number): Promise<string[]> {
  const cipher = new PiiCipher(config);
  const { ttlSeconds, refreshTtlSeconds } = config.session;
  const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
  // datetime(3) as both engines store it (UTC, as the servers write it)
  const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
  const now = Date.now();
  const tokens: string[] = [];
  for (let from = 0; from < n; from += SEED_BATCH) {
    const count = Math.min(SEED_BATCH, n - from);
    const accounts: unknown[] = [];
    const sessions: unknown[] = [];
    for (let i = from; i < from + count; i++) {
      const openId = `seeded-${prefix}-${i}`;
      const accountId = randomUUID();
      const sessionId = randomUUID();
      const token = randomBytes(32).toString('base64url');
      tokens.push(token);
      accounts.push(accountId, cipher.blindIndex('openid', openId), cipher.blindIndexVersion, cipher.encrypt(openId), '微信用户', 0, at(now), at(now));
      sessions.push(sessionId, sha256(token), sha256(randomBytes(32).toString('base64url')), 'resident', accountId, sessionId,
        at(now + ttlSeconds * 1000), at(now + refreshTtlSeconds * 1000), at(now), at(now));
    }
    await probe.query(
      `INSERT INTO resident_account (id, openid_hash, openid_hash_kv, openid_enc, display_name, family_count, created_at, updated_at)
       VALUES ${Array(count).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      accounts,
    );
    await probe.query(
      `INSERT INTO auth_session (id, token_hash, refresh_hash, subject_kind, subject_id, family_id, expires_at, refresh_expires_at, created_at, login_at)
       VALUES ${Array(count).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      sessions,
    );
  }
  return tokens;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  if (!existsSync(join(SERVER_DIST, 'main.js'))) {
    throw new Error(`no compiled server at ${SERVER_DIST}: run \`pnpm --filter @jianban/server build\` (or set JB_SERVER_DIST)`);
  }
  if (opts.nodeUrls && opts.engine !== 'mariadb') throw new Error('nodeUrls needs MariaDB');
  const adminUrl = opts.nodeUrls?.[0] ?? MARIADB_ADMIN_URL;
  const db = await createDatabase(opts.engine, undefined, adminUrl);
  const dbName = opts.engine === 'mariadb' ? /\/([^/]+)$/.exec(db.env.DB_URL)![1] : undefined;
  const peer = await startPeer({ rateLimitPerMinute: 1_000_000, ...opts.peer });
  const cleanup: (() => Promise<unknown>)[] = [() => peer.close(), () => db.drop()];
  try {
    mkdirSync(LOG_DIR, { recursive: true });
    const base: Record<string, string> = {
      NODE_ENV: 'test', HOST: '127.0.0.1', WECHAT_API_BASE: peer.url, LOG_LEVEL: 'info',
      LOGIN_RATE_LIMIT: '1000000', STAFF_LOGIN_RATE_LIMIT: '1000000',
      // the suites assert correctness, not speed: on a loaded 2-vCPU CI box a 200-client race must not turn into
      // handler timeouts (503) or WeChat-peer timeouts; tests that are about timing measure on the client side
      HANDLER_TIMEOUT_MS: '20000', WECHAT_TIMEOUT_MS: '10000', ...db.env,
    };
    // migrations + reference seed + demo accounts, once, by the compiled seed command
    await runOnce([join(SERVER_DIST, 'cli', 'seed.js')], { ...base, SEED_DEMO: 'true', SEED_STAFF_PASSWORD: STAFF_PASSWORD, LOG_LEVEL: 'warn' });

    let proxy: TcpProxy | undefined;
    const serverDb = { ...db.env };
    if (opts.viaProxy) {
      if (opts.engine !== 'mariadb') throw new Error('viaProxy needs MariaDB');
      const u = new URL(MARIADB_ADMIN_URL);
      proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 3306) });
      cleanup.unshift(() => proxy!.close());
      serverDb.DB_URL = db.env.DB_URL.replace(/@[^/]+\//, `@127.0.0.1:${proxy.port}/`);
    }
    const env = { ...base, ...serverDb, DB_MIGRATE_ON_START: 'false', ...opts.env };
    const readyMs = opts.readyTimeoutMs ?? 30000;
    const nodeEnv = (index: number): Record<string, string> =>
      opts.nodeUrls ? { DB_URL: `${opts.nodeUrls[(opts.nodeOf?.(index) ?? index) % opts.nodeUrls.length].replace(/^mysql:/, 'mariadb:')}/${dbName}` } : {};
    const procs: ProcState[] = Array.from({ length: opts.processes }, (_, index) => ({
      index, url: '', port: 0, env: { ...env, ...nodeEnv(index), ...opts.envOf?.(index) }, output: '',
      logFile: join(LOG_DIR, `cluster-${opts.name}-${opts.engine}-${process.pid}-p${index}.log`),
      get pid(): number | undefined {
        return (this as ProcState).child?.pid;
      },
      get alive(): boolean {
        // running AND ready (a process being restarted has no url yet and gets no traffic)
        const { child, url } = this as ProcState;
        return !!child && !!url && child.exitCode === null && child.signalCode === null;
      },
    }));
    cleanup.unshift(async () => {
      await Promise.all(procs.map((p) => stop(p, 'SIGTERM')));
    });
    await Promise.all(procs.map((p) => spawnServer(p, readyMs)));
    const probe = await openProbe(opts.engine, db, dbName, adminUrl, !!opts.nodeUrls);
    cleanup.unshift(() => probe.close());

    let rr = 0;
    const pick = (proc?: number) => {
      if (proc !== undefined) return procs[proc];
      for (let i = 0; i < procs.length; i++) {
        const p = procs[rr++ % procs.length];
        if (p.alive) return p;
      }
      return procs[0];
    };
    const http: Cluster['http'] = (method, path, o = {}) => {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      return rawRequest(pick(o.proc).url, method, path, { body: o.body, headers, timeoutMs: o.timeoutMs });
    };
    const call: Cluster['call'] = (route, input, o = {}) => {
      const path = '/api' + fillPath(route.path, (o.params ?? {}) as Record<string, string>);
      const bodyless = route.method === 'GET' || route.method === 'DELETE';
      const qs = bodyless && input && Object.keys(input as object).length ? '?' + new URLSearchParams(input as Record<string, string>) : '';
      return http(route.method, path + qs, { ...o, body: bodyless ? undefined : input });
    };
    const peerCall = async <T = any>(path: string, body?: unknown): Promise<T> =>
      (await rawRequest(peer.url, body === undefined ? 'GET' : 'POST', path, { body })).body as T;
    // logins are set-up, not under test: a 5xx (overloaded box) or a spurious 429 is retried
    const loginResident = async (user: string, proc?: number) => {
      for (let attempt = 0; ; attempt++) {
        const { code } = await peerCall<{ code: string }>('/__peer/code', { user });
        const r = await http('POST', '/api/auth/wechat', { body: { code }, proc });
        if (r.status === 200) return r.body.token as string;
        // 429 too: a login whose rate-limit window was computed just before another request rolled the bucket over
        // is refused by the shared RateLimitRepository (reported); set-up logins retry after Retry-After
        if ((r.status < 500 && r.status !== 429) || attempt >= 4) throw new Error(`resident login failed: ${r.status} ${JSON.stringify(r.body)}`);
        await new Promise((ok) => setTimeout(ok, r.status === 429 ? 1100 : 200 * (attempt + 1)));
      }
    };
    const loginStaff = async (username: string, proc?: number) => {
      const r = await http('POST', '/api/auth/staff', { body: { username, password: STAFF_PASSWORD }, proc });
      if (r.status !== 200) throw new Error(`staff login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    };

    return {
      engine: opts.engine, peer, proxy, db, dbName, sqlitePath: db.sqlitePath, procs, probe, http, call, peerCall,
      loginResident, loginStaff,
      // the first login creates the per-IP rate-limit row alone (concurrent first hits on a missing row used to
      // deadlock on MariaDB's gap locks); logins are set-up here, not under test
      loginResidents: async (prefix, n) => {
        if (n === 0) return [];
        const first = await loginResident(`${prefix}-0`);
        const rest = await mapLimit(Array.from({ length: n - 1 }, (_, i) => `${prefix}-${i + 1}`), 8, (u) => loginResident(u));
        return [first, ...rest];
      },
      seedResidents: (prefix, n) => seedResidents(probe, loadConfig(env), prefix, n),
      kill: (index, signal = 'SIGKILL') => stop(procs[index], signal),
      restart: async (index) => {
        const p = procs[index];
        await stop(p, 'SIGTERM');
        p.url = '';
        await spawnServer(p, readyMs);
      },
      close: async () => {
        for (const c of cleanup) await c().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const c of cleanup) await c().catch(() => undefined);
    throw err;
  }
}

function stop(p: ProcState, signal: NodeJS.Signals): Promise<void> {
  const child = p.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill(signal);
    if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
