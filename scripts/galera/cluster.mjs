// A 3-node MariaDB Galera cluster on loopback ports with its data in a temporary folder, for tests and benchmarks
// (issue 16). Debian's own packages: mariadb-server + galera-4 (+ rsync for state transfer). It never touches the
// machine's own MariaDB on :3306.
//
//   import { startGaleraCluster } from './scripts/galera/cluster.mjs';
//   const cluster = await startGaleraCluster({ nodes: 3 });
//   cluster.nodes[0].url   // mysql://root@127.0.0.1:<port>
//   await cluster.kill(1); await cluster.restart(1);   // SIGKILL a node; it rejoins through IST (write-set cache)
//   await cluster.stop();
//
// `node scripts/galera/cluster.mjs check` says whether this machine can run one (exit 0) and what is missing.
//
// CLI: `node scripts/galera/cluster.mjs start` keeps a cluster running until Ctrl-C (prints the node URLs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chownSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROVIDER_CANDIDATES = ['/usr/lib/galera/libgalera_smm.so', '/usr/lib/libgalera_smm.so', '/usr/lib64/galera-4/libgalera_smm.so'];
const MARIADBD_CANDIDATES = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'];

export function galeraAvailable() {
  const provider = PROVIDER_CANDIDATES.find((p) => existsSync(p));
  const mariadbd = MARIADBD_CANDIDATES.find((p) => existsSync(p));
  const rsync = spawnSync('rsync', ['--version'], { stdio: 'ignore' }).status === 0;
  const missing = [!provider && 'galera-4 (libgalera_smm.so)', !mariadbd && 'mariadb-server (mariadbd)', !rsync && 'rsync'].filter(Boolean);
  return { ok: missing.length === 0, missing, provider, mariadbd };
}

/** a free-looking base port: the cluster uses base .. base+ nodes*10 + 10 */
function basePort() {
  return 14000 + Math.floor(Math.random() * 400) * 50;
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function runAsMysql() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * @param {{ nodes?: number, gcacheMb?: number, extraConfig?: string, log?: (line: string) => void, readyTimeoutMs?: number }} opts
 */
export async function startGaleraCluster(opts = {}) {
  const avail = galeraAvailable();
  if (!avail.ok) throw new Error(`Galera cannot start: missing ${avail.missing.join(', ')} (apt-get install --no-upgrade galera-4 rsync)`);
  const count = opts.nodes ?? 3;
  const log = opts.log ?? (() => {});
  const base = basePort();
  const dir = mkdtempSync(join(tmpdir(), 'jb-galera-'));
  const asMysql = runAsMysql();
  const user = asMysql ? 'mysql' : process.env.USER ?? 'root';
  // mariadbd refuses to run as root; the data folders belong to the user it runs as
  const own = (path) => { if (asMysql) chownSync(path, uidOf('mysql'), gidOf('mysql')); };
  own(dir);

  const specs = Array.from({ length: count }, (_, i) => ({
    index: i,
    name: `node${i + 1}`,
    sqlPort: base + i * 10,
    gcommPort: base + i * 10 + 1,
    istPort: base + i * 10 + 2,
    sstPort: base + i * 10 + 3,
    datadir: join(dir, `node${i + 1}`),
    socket: join(dir, `node${i + 1}.sock`),
    cnf: join(dir, `node${i + 1}.cnf`),
    errlog: join(dir, `node${i + 1}.err`),
  }));
  const gcomm = specs.map((s) => `127.0.0.1:${s.gcommPort}`).join(',');
  for (const s of specs) {
    mkdirSync(s.datadir, { recursive: true });
    own(s.datadir);
    writeFileSync(s.cnf, [
      '[mysqld]',
      `user=${user}`,
      `datadir=${s.datadir}`,
      `socket=${s.socket}`,
      `port=${s.sqlPort}`,
      'bind-address=127.0.0.1',
      `log-error=${s.errlog}`,
      `pid-file=${join(dir, s.name + '.pid')}`,
      'skip-name-resolve',
      'binlog_format=ROW',
      'default_storage_engine=InnoDB',
      'innodb_autoinc_lock_mode=2',
      'innodb_buffer_pool_size=128M',
      'innodb_log_file_size=48M',
      'innodb_flush_log_at_trx_commit=2',
      'max_connections=400',
      'wsrep_on=ON',
      `wsrep_provider=${avail.provider}`,
      'wsrep_cluster_name=jianban-test',
      `wsrep_cluster_address=gcomm://${gcomm}`,
      'wsrep_node_address=127.0.0.1',
      `wsrep_node_name=${s.name}`,
      // a write-set cache large enough that a node that was down for a while catches up by IST, not a full copy
      `wsrep_provider_options="base_port=${s.gcommPort};gcache.size=${opts.gcacheMb ?? 256}M;ist.recv_addr=127.0.0.1:${s.istPort};gmcast.listen_addr=tcp://127.0.0.1:${s.gcommPort}"`,
      'wsrep_sst_method=rsync',
      `wsrep_sst_receive_address=127.0.0.1:${s.sstPort}`,
      'wsrep_slave_threads=2',
      opts.extraConfig ?? '',
      '',
    ].join('\n'));
  }

  // only the first node gets a fresh system schema; the others receive a full copy (SST) when they join
  const install = spawnSync('mariadb-install-db', [`--defaults-file=${specs[0].cnf}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);

  const procs = new Map();
  const launch = (s, bootstrap) => {
    const args = [`--defaults-file=${s.cnf}`, ...(bootstrap ? ['--wsrep-new-cluster'] : [])];
    const child = spawn(avail.mariadbd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
    child.stderr.on('data', (d) => log(`[${s.name}] ${d}`));
    procs.set(s.index, child);
    return child;
  };

  const cluster = {
    dir,
    nodes: specs.map((s) => ({ index: s.index, name: s.name, port: s.sqlPort, url: `mysql://root@127.0.0.1:${s.sqlPort}` })),
    /** SIGKILL one node (the process, not its data) */
    async kill(i) {
      const child = procs.get(i);
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
    /** blackhole one node: SIGSTOP (its sockets stay open, nothing answers — a hung host or a partition, not a crash) */
    async pause(i) {
      const child = procs.get(i);
      if (child && child.exitCode === null) child.kill('SIGSTOP');
    },
    /** SIGCONT a paused node; resolves when it is Synced again (the others evicted it meanwhile: it rejoins by IST) */
    async resume(i, timeoutMs = opts.readyTimeoutMs ?? 120_000) {
      const child = procs.get(i);
      if (child && child.exitCode === null) child.kill('SIGCONT');
      // right after SIGCONT the node still reports its old view (Synced, full size) until it notices it was evicted:
      // wait until every running node sees the whole cluster again, Synced
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await sleep(250);
        const states = await Promise.all(specs.filter((s) => procs.get(s.index)?.exitCode === null).map((s) => clusterStatus(cluster.nodes[s.index].url).catch(() => null)));
        if (states.every((st) => st && st.wsrep_ready === 'ON' && st.wsrep_local_state_comment === 'Synced' && Number(st.wsrep_cluster_size) === specs.length)) return;
        if (Date.now() > deadline) throw new Error(`${specs[i].name} not back in the cluster within ${timeoutMs} ms:\n${cluster.errorLog(i).slice(-3000)}`);
      }
    },
    /** start a stopped node again: it rejoins the running cluster (IST from the write-set cache when it can) */
    async restart(i, timeoutMs = opts.readyTimeoutMs ?? 120_000) {
      launch(specs[i], false);
      await waitReady(specs[i], timeoutMs);
    },
    async stop() {
      for (const i of [...procs.keys()].reverse()) {
        const child = procs.get(i);
        if (child.exitCode !== null) continue;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGCONT'); // a paused node cannot act on SIGTERM
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    errorLog(i) {
      return existsSync(specs[i].errlog) ? readFileSync(specs[i].errlog, 'utf8') : '';
    },
  };

  async function waitReady(s, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    const mysql = await loadMysql();
    while (Date.now() < deadline) {
      const child = procs.get(s.index);
      if (child && child.exitCode !== null) throw new Error(`${s.name} exited with ${child.exitCode}:\n${cluster.errorLog(s.index).slice(-3000)}`);
      if (await portOpen(s.sqlPort)) {
        try {
          const conn = await mysql.createConnection({ host: '127.0.0.1', port: s.sqlPort, user: 'root', connectTimeout: 2000 });
          try {
            const [rows] = await conn.query("SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_size')");
            const st = Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
            if (st.wsrep_ready === 'ON' && st.wsrep_local_state_comment === 'Synced') return st;
          } finally {
            await conn.end();
          }
        } catch {
          // not accepting yet (state transfer in progress)
        }
      }
      await sleep(250);
    }
    throw new Error(`${s.name} not ready within ${timeoutMs} ms:\n${cluster.errorLog(s.index).slice(-3000)}`);
  }

  try {
    const timeout = opts.readyTimeoutMs ?? 120_000;
    launch(specs[0], true);
    await waitReady(specs[0], timeout);
    // joiners one at a time: two simultaneous rsync transfers from one donor slow each other down
    for (const s of specs.slice(1)) {
      launch(s, false);
      await waitReady(s, timeout);
    }
    return cluster;
  } catch (err) {
    await cluster.stop().catch(() => {});
    throw err;
  }
}

let mysqlModule;
async function loadMysql() {
  if (!mysqlModule) {
    // mysql2 lives in the server package; resolve it from there so this script needs nothing of its own
    const { createRequire } = await import('node:module');
    const req = createRequire(join(fileURLToPath(new URL('../../server/package.json', import.meta.url))));
    mysqlModule = req('mysql2/promise');
  }
  return mysqlModule;
}

function uidOf(name) {
  return Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(name) {
  return Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
}

/** the cluster's size and every node's state, read from one node */
export async function clusterStatus(url) {
  const mysql = await loadMysql();
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 2000 });
  try {
    const [rows] = await conn.query("SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_ready', 'wsrep_local_state_comment', 'wsrep_local_cert_failures', 'wsrep_local_bf_aborts')");
    return Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
  } finally {
    await conn.end();
  }
}

// `serve`: the controller the tests use. It prints one JSON line when the cluster is ready, then obeys one command per
// line on stdin (`kill N`, `restart N`, `status N`, `stop`), answering each with one JSON line. When stdin closes (the
// test process died) it stops the cluster, so a cluster never outlives its test.
async function serve() {
  const reply = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
  let cluster;
  try {
    const started = Date.now();
    cluster = await startGaleraCluster({ nodes: Number(process.env.GALERA_NODES ?? 3) });
    reply({ ready: true, seconds: (Date.now() - started) / 1000, dir: cluster.dir, nodes: cluster.nodes });
  } catch (err) {
    reply({ ready: false, error: String(err?.message ?? err) });
    process.exit(1);
  }
  let queue = Promise.resolve();
  let buffered = '';
  const finish = async () => { await cluster.stop().catch(() => {}); process.exit(0); };
  process.stdin.on('data', (d) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      queue = queue.then(async () => {
        const [cmd, arg] = line.split(/\s+/);
        const i = Number(arg);
        try {
          if (cmd === 'kill') { await cluster.kill(i); reply({ ok: true, cmd, node: i }); }
          else if (cmd === 'restart') { const t = Date.now(); await cluster.restart(i); reply({ ok: true, cmd, node: i, seconds: (Date.now() - t) / 1000, ist: /IST received|Receiving IST/i.test(cluster.errorLog(i)) }); }
          else if (cmd === 'pause') { await cluster.pause(i); reply({ ok: true, cmd, node: i }); }
          else if (cmd === 'resume') { const t = Date.now(); await cluster.resume(i); reply({ ok: true, cmd, node: i, seconds: (Date.now() - t) / 1000 }); }
          else if (cmd === 'status') reply({ ok: true, cmd, status: await clusterStatus(cluster.nodes[i].url) });
          else if (cmd === 'stop') { reply({ ok: true, cmd }); await finish(); }
          else reply({ ok: false, error: `unknown command ${line}` });
        } catch (err) {
          reply({ ok: false, cmd, error: String(err?.message ?? err) });
        }
      });
    }
  });
  process.stdin.on('end', () => void queue.then(finish));
  process.on('SIGTERM', () => void finish());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cmd = process.argv[2] ?? 'start';
  if (cmd === 'check') {
    const a = galeraAvailable();
    console.log(JSON.stringify(a));
    process.exit(a.ok ? 0 : 1);
  } else if (cmd === 'serve') {
    await serve();
  } else if (cmd === 'start') {
    const started = Date.now();
    const cluster = await startGaleraCluster({ log: process.env.GALERA_VERBOSE ? (l) => process.stderr.write(l) : undefined });
    console.log(`galera cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${cluster.dir}):`);
    for (const n of cluster.nodes) console.log(`  ${n.name}: ${n.url}`);
    console.log(JSON.stringify(await clusterStatus(cluster.nodes[0].url)));
    const shutdown = async () => { await cluster.stop(); process.exit(0); };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } else {
    console.error('usage: node scripts/galera/cluster.mjs start | serve | check');
    process.exit(2);
  }
}
