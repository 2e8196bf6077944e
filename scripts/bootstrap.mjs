// Entry point of the README's two commands (`npm start`, `npm test`) on a machine that has only Node 20 and npm:
// installs the pinned pnpm into .tools/, installs the workspace, then runs the main job or all the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const tools = join(root, '.tools');
const bin = join(tools, 'node_modules', '.bin');

const env = { ...process.env, PATH: [bin, process.env.PATH].join(delimiter), COREPACK_ENABLE_STRICT: '0' };
// better-sqlite3 compiles from source; Debian's Node keeps its headers in /usr/include/node
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

function ensurePnpm() {
  const installed = join(tools, 'node_modules', 'pnpm', 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === pnpmVersion) return;
  process.stdout.write(`installing pnpm ${pnpmVersion} into .tools/ …\n`);
  sh('npm', ['install', '--prefix', tools, '--no-audit', '--no-fund', '--loglevel=error', '-E', `pnpm@${pnpmVersion}`]);
}

const task = process.argv[2];
if (!['start', 'test'].includes(task)) {
  process.stderr.write('usage: node scripts/bootstrap.mjs start|test\n');
  process.exit(2);
}
ensurePnpm();
sh('pnpm', ['install', '--frozen-lockfile']);
if (task === 'start') {
  sh('pnpm', ['--filter', '@jianban/shared', 'build']);
  sh('pnpm', ['--filter', '@jianban/server', 'build']);
  sh('pnpm', ['--filter', '@jianban/miniapp', 'build:h5']);
  sh(process.execPath, [join(root, 'scripts', 'stack.mjs')]);
} else {
  sh(process.execPath, [join(root, 'scripts', 'test-all.mjs')]);
}
