// Starts the whole product on one machine: the local WeChat peer, the local civil-affairs data-sharing peer, migrations +
// seed, and the server (which also serves the H5 build). Used by `pnpm start` and by the browser tests.
// The civil-affairs peer always runs (it is cheap); the server talks to it only when CIVIL_AFFAIRS_SOURCE=data-sharing,
// and not at all when CIVIL_AFFAIRS_SHARING_URL points at a real service. When the server uses it, the peer serves the
// same demo registry the seed imports into the district copy; otherwise only the demo family.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCivilAffairsPeer } from './civil-affairs-peer/peer.mjs';
import { startWechatPeer } from './wechat-peer/peer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// JB_SERVER_DIST: a private build of the server (parallel work on one machine); modules still resolve from server/node_modules
const serverDist = resolve(process.env.JB_SERVER_DIST ?? join(root, 'server', 'dist'));

function run(cmd, args, env, { quiet = false } = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (!quiet) process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited with ${code}\n${out}`))));
  });
}

function waitForReady(child, timeoutMs) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server did not become ready in time')), timeoutMs);
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /jianban server ready on (\S+)/.exec(buf);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}`)); });
  });
}

/**
 * The civil-affairs peer's dataset: a given file; the whole demo registry (as the seed imports it) when the server will
 * ask the peer; else the demo family alone (no generation cost for the browser tests that do not use it).
 * @param {{ civilAffairsData?: string, env?: Record<string, string> }} opts @param {Record<string, string>} nodePath
 */
async function civilAffairsPeerData(opts, nodePath) {
  if (opts.civilAffairsData) return { file: opts.civilAffairsData, cleanup: () => {} };
  const source = opts.env?.CIVIL_AFFAIRS_SOURCE ?? process.env.CIVIL_AFFAIRS_SOURCE;
  const sharingUrl = opts.env?.CIVIL_AFFAIRS_SHARING_URL ?? process.env.CIVIL_AFFAIRS_SHARING_URL;
  if (source !== 'data-sharing' || sharingUrl) return { file: join(root, 'scripts', 'civil-affairs-peer', 'demo-people.json'), cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'jb-ca-peer-'));
  const file = join(dir, 'people.json');
  await run(process.execPath, [join(root, 'scripts', 'civil-affairs-peer', 'demo-data.cjs'), serverDist, file], { ...process.env, ...nodePath }, { quiet: true });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * civilAffairsPeerPort: 0 (default) picks a free port; civilAffairsData: the peer's people (JSON or CSV; default: see
 * civilAffairsPeerData)
 * @param {{ port?: number, peerPort?: number, civilAffairsPeerPort?: number, civilAffairsData?: string, dbPath?: string, dbUrl?: string, h5Dir?: string, logFile?: string,
 *           staffPassword?: string, nodeEnv?: string, env?: Record<string,string>, quiet?: boolean }} opts
 */
export async function startStack(opts = {}) {
  if (!existsSync(join(serverDist, 'main.js'))) throw new Error('server is not built: run `pnpm build:server` first');
  const nodePath = process.env.JB_SERVER_DIST ? { NODE_PATH: join(root, 'server', 'node_modules') } : {};
  const peerData = await civilAffairsPeerData(opts, nodePath);
  const peer = await startWechatPeer({ port: opts.peerPort ?? 0, quiet: true });
  const civilAffairsPeer = await startCivilAffairsPeer({ port: opts.civilAffairsPeerPort ?? 0, quiet: true, dataFile: peerData.file })
    .catch(async (err) => {
      await peer.close();
      throw err;
    })
    .finally(peerData.cleanup);
  const env = {
    ...process.env,
    NODE_ENV: opts.nodeEnv ?? 'development',
    PORT: String(opts.port ?? 3000),
    WECHAT_API_BASE: peer.url,
    // a real data-sharing service given in the environment wins over the local peer
    CIVIL_AFFAIRS_SHARING_URL: process.env.CIVIL_AFFAIRS_SHARING_URL || civilAffairsPeer.url,
    H5_DIR: opts.h5Dir ?? join(root, 'miniapp', 'dist', 'h5'),
    SEED_DEMO: 'true',
    SEED_STAFF_PASSWORD: opts.staffPassword ?? process.env.SEED_STAFF_PASSWORD ?? 'jianban-demo',
    ...(opts.dbUrl ? { DB_URL: opts.dbUrl } : { DB_SQLITE_PATH: opts.dbPath ?? join(root, 'data', 'jianban.sqlite') }),
    ...(opts.logFile ? { LOG_FILE: opts.logFile } : {}),
    ...nodePath,
    ...(opts.env ?? {}),
  };
  if (opts.logFile) mkdirSync(dirname(opts.logFile), { recursive: true });
  await run(process.execPath, [join(serverDist, 'cli', 'seed.js')], env, { quiet: opts.quiet });
  const started = performance.now();
  const server = spawn(process.execPath, [join(serverDist, 'main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (!opts.quiet && !opts.logFile) server.stdout.pipe(process.stdout);
  // JB_STACK_READY_MS: a longer wait on a loaded machine (a measurement run next to other builds)
  const url = await waitForReady(server, Number(process.env.JB_STACK_READY_MS ?? 30000));
  const readyMs = Math.round(performance.now() - started);
  return {
    url: url.replace('127.0.0.1', 'localhost'),
    peerUrl: peer.url,
    civilAffairsPeerUrl: civilAffairsPeer.url,
    readyMs,
    staffPassword: env.SEED_STAFF_PASSWORD,
    async stop() {
      await new Promise((ok) => {
        if (server.exitCode !== null) return ok();
        server.once('exit', ok);
        server.kill('SIGTERM');
        setTimeout(() => server.kill('SIGKILL'), 5000).unref();
      });
      await peer.close();
      await civilAffairsPeer.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stack = await startStack({
    port: Number(process.env.PORT ?? 3000),
    peerPort: Number(process.env.WECHAT_PEER_PORT ?? 3901),
    civilAffairsPeerPort: Number(process.env.CIVIL_AFFAIRS_PEER_PORT ?? 3902),
    civilAffairsData: process.env.CIVIL_AFFAIRS_PEER_DATA || undefined,
    dbPath: process.env.DB_SQLITE_PATH,
    dbUrl: process.env.DB_URL,
    h5Dir: process.env.H5_DIR,
    logFile: process.env.LOG_FILE,
  });
  process.stdout.write(`\n简办 is running:\n  app       ${stack.url}/  (open in a browser; add ?devUser=demo for the demo family)\n  API docs  ${stack.url}/api/docs\n  health    ${stack.url}/api/health\n  WeChat peer (local) ${stack.peerUrl}  — pushes that would be sent: ${stack.peerUrl}/__peer/messages\n  civil-affairs data-sharing peer (local) ${stack.civilAffairsPeerUrl}  — used when CIVIL_AFFAIRS_SOURCE=data-sharing; requests it received: ${stack.civilAffairsPeerUrl}/__peer/received\n  server ready in ${stack.readyMs} ms\nPress Ctrl+C to stop.\n`);
  const stop = async () => { await stack.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
