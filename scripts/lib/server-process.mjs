// the built server as a child process, for scripts that measure it (search evaluation, search benchmark)
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** `root`: the repository; `dist`: the server build (its main.js) */
export function serverProcess(root, dist) {
  const child = (args, env) =>
    spawn(process.execPath, args, { env: { PATH: process.env.PATH, NODE_PATH: join(root, 'server', 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

  /** runs a node script of the build (migrate, seed) to its end */
  function run(args, env) {
    return new Promise((ok, fail) => {
      const p = child(args, env);
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${args[0]} exited ${code}: ${err}`))));
    });
  }

  /** starts the server and resolves once it says where it listens */
  function startServer(env) {
    return new Promise((ok, fail) => {
      const p = child([join(dist, 'main.js')], env);
      let out = '';
      const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 30_000);
      p.stdout.on('data', (d) => {
        out += d;
        const m = /ready on (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          ok({ url: m[1], stop: () => new Promise((r) => (p.once('exit', r), p.kill('SIGTERM'))) });
        }
      });
      p.stderr.on('data', (d) => (out += d));
      p.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
    });
  }

  return { run, startServer };
}
