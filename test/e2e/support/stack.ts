import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = resolve(__dirname, '../../..');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const STAFF_PASSWORD = 'e2e-staff-pw';

export interface RunningStack {
  url: string;
  peerUrl: string;
  stop(): Promise<void>;
}

// the real start script (scripts/stack.mjs): local WeChat peer + migrations + seed + server serving the H5 build
/**
 * The time the product should think it is, for a browser test whose flow depends on the hour (e.g. a check-in only
 * works for today's bookings, and late at night no slot is left today): the server's clock is shifted by
 * DEV_CLOCK_OFFSET_SECONDS (refused in production) and the browsers' clocks by the same amount (launchBrowser).
 * 10:00 in Shanghai on today's Shanghai date.
 */
export function shanghaiMorningOffsetMs(now = Date.now()): number {
  const shanghaiDate = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
  return Date.parse(`${shanghaiDate}T10:00:00+08:00`) - now;
}

/**
 * opts.dataDir: keep the database in this folder (made by the caller, not removed on stop), so a test can stop the stack
 * and start it again on the same data with another clock offset (e.g. after a 7-day 公示)
 */
export async function startStack(name: string, opts: { clockOffsetMs?: number; dataDir?: string } = {}): Promise<RunningStack> {
  const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'jb-e2e-'));
  mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts', 'stack.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: '0', WECHAT_PEER_PORT: '0', CIVIL_AFFAIRS_PEER_PORT: '0', DB_SQLITE_PATH: join(dir, 'e2e.sqlite'), H5_DIR: process.env.JB_H5_DIR ?? join(ROOT, 'miniapp', 'dist', 'h5'),
      LOG_FILE: join(ARTIFACTS, 'logs', `e2e-${name}-server.log`), SEED_STAFF_PASSWORD: STAFF_PASSWORD,
      // browser tests check flows, not the 2 s handler budget (covered by the server's limits tests): a busy CI box must not turn a slow argon2 login into a 503
      HANDLER_TIMEOUT_MS: process.env.HANDLER_TIMEOUT_MS ?? '10000',
      ...(opts.clockOffsetMs ? { DEV_CLOCK_OFFSET_SECONDS: String(Math.round(opts.clockOffsetMs / 1000)) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<{ url: string; peerUrl: string }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`stack did not start in 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      const app = /app\s+(http:\/\/\S+?)\/\s/.exec(out);
      const peer = /WeChat peer \(local\) (http:\/\/\S+)/.exec(out);
      if (app && peer) {
        clearTimeout(timer);
        ok({ url: app[1], peerUrl: peer[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`stack exited with ${code}:\n${out}`)));
  });
  const { url, peerUrl } = await ready;
  return {
    url,
    peerUrl,
    stop: async () => {
      await new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      });
      if (!opts.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium, with the browser's largest default font size ("very large" = 24px) for elder checks
export async function launchBrowser(
  opts: { largestFont?: boolean; clockOffsetMs?: number; viewport?: { width: number; height: number }; args?: string[]; permissions?: string[] } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'jb-chromium-'));
  if (opts.largestFont) {
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: 24, default_fixed_font_size: 20, minimum_font_size: 16 } } }));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: opts.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: opts.viewport ? 1 : 2,
    locale: 'zh-CN',
    permissions: opts.permissions,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(opts.args ?? [])],
  });
  // the same shifted time as the server (startStack's clockOffsetMs); it flows on from there in real time
  if (opts.clockOffsetMs) await context.clock.install({ time: Date.now() + Math.round(opts.clockOffsetMs / 1000) * 1000 });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Taro's H5 page switch slides pages (a 300 ms transform transition started from a timer): wait until every
// shown page sits still at the left edge or fully off-screen, for 10 frames in a row, before looking at it
export async function settle(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok) => {
        let still = 0;
        const settled = () =>
          document.getAnimations().every((a) => a.playState !== 'running') &&
          [...document.querySelectorAll('.taro_page')].every((p) => {
            if (getComputedStyle(p).display === 'none') return true;
            const left = p.getBoundingClientRect().left;
            return Math.abs(left) < 1 || left >= window.innerWidth - 1;
          });
        const tick = () => {
          still = settled() ? still + 1 : 0;
          if (still >= 10) ok();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

export function screenshotPath(name: string): string {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
