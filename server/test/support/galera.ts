import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

// A 3-node MariaDB Galera cluster for the scale-out suites (issue 16), driven through scripts/galera/cluster.mjs
// `serve`: the script owns the mariadbd processes; this side sends it one command per line. Closing its stdin (this
// process ending, even by a crash) stops the cluster.
const SCRIPT = resolve(__dirname, '../../../scripts/galera/cluster.mjs');

export interface GaleraNode {
  index: number;
  name: string;
  port: number;
  url: string; // mysql://root@127.0.0.1:<port>
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  startSeconds: number;
  kill(node: number): Promise<void>;
  /** start a killed node again; resolves when it is Synced (ist: it caught up from the write-set cache) */
  restart(node: number): Promise<{ seconds: number; ist: boolean }>;
  /** SIGSTOP one node (blackholed: connections stay open, nothing answers) */
  pause(node: number): Promise<void>;
  /** SIGCONT it; resolves when it is Synced again */
  resume(node: number): Promise<{ seconds: number }>;
  status(node: number): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** null when this machine can run a cluster, else what is missing */
export function galeraMissing(): string | null {
  const r = spawnSync(process.execPath, [SCRIPT, 'check'], { encoding: 'utf8' });
  if (r.status === 0) return null;
  try {
    return (JSON.parse(r.stdout) as { missing: string[] }).missing.join(', ');
  } catch {
    return r.stderr || r.stdout || `exit ${r.status}`;
  }
}

export function startGalera(timeoutMs = 150_000): Promise<GaleraCluster> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT, 'serve'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: join(__dirname, '../../..') });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((msg: Record<string, unknown>) => void)[] = [];
  let onReady: ((msg: Record<string, unknown>) => void) | null = null;
  lines.on('line', (line) => {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (onReady) {
      const f = onReady;
      onReady = null;
      f(msg);
    } else waiting.shift()?.(msg);
  });
  const send = (cmd: string) =>
    new Promise<Record<string, unknown>>((ok, fail) => {
      waiting.push((msg) => (msg.ok ? ok(msg) : fail(new Error(`galera ${cmd}: ${String(msg.error)}`))));
      child.stdin!.write(cmd + '\n');
    });

  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`galera cluster not ready within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`galera controller exited (${code}):\n${stderr}`));
    });
    onReady = (msg) => {
      clearTimeout(timer);
      if (!msg.ready) return fail(new Error(`galera cluster failed to start: ${String(msg.error)}`));
      ok({
        nodes: msg.nodes as GaleraNode[],
        startSeconds: msg.seconds as number,
        kill: async (i) => void (await send(`kill ${i}`)),
        restart: async (i) => {
          const r = await send(`restart ${i}`);
          return { seconds: r.seconds as number, ist: r.ist as boolean };
        },
        pause: async (i) => void (await send(`pause ${i}`)),
        resume: async (i) => ({ seconds: (await send(`resume ${i}`)).seconds as number }),
        status: async (i) => (await send(`status ${i}`)).status as Record<string, string>,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin!.end();
            setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
          }),
      });
    };
  });
}
