#!/usr/bin/env node
// The first screen on a slow phone: opens the H5 home page in Chromium throttled like DevTools' "Fast 3G" on a 4×
// slower CPU, and prints how long until the search box shows, the first contentful paint, and the bytes the network
// carried until then; with --runs N, every run and the median. Each run is a fresh browser context (empty cache).
//
//   node scripts/perf/first-screen.mjs [--runs 5] [--h5 miniapp/dist/h5] [--server-dist server/dist] [--url http://…]
//
// Without --url it starts the product itself (scripts/stack.mjs: local WeChat peer, seed, server serving --h5 on a
// free port, a throw-away SQLite file); --server-dist runs another build of the server (e.g. an older one for a
// before/after comparison). Needs /usr/bin/chromium (or CHROMIUM_PATH) and a built server and H5 app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// playwright-core is a dependency of the browser tests (test/)
const { chromium } = createRequire(join(root, 'test', 'package.json'))('playwright-core');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    h5: { type: 'string', default: join(root, 'miniapp', 'dist', 'h5') },
    'server-dist': { type: 'string' },
    url: { type: 'string' },
    'no-throttle': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

// DevTools' "Fast 3G": 150 ms round trip, 1.6 Mb/s down, 750 kb/s up; and a phone's CPU taken as 4× slower than this one
export const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1000 * 1000) / 8, uploadThroughput: (750 * 1000) / 8, connectionType: 'cellular3g' };
export const CPU_SLOWDOWN = 4;
const SEARCH_BOX = '[role="search"] input';

/** Runs in the page before any script: the moment (ms since navigation start) the search box is laid out and visible. */
function watchSearchBox(selector) {
  const seen = () => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const tick = () => {
    if (seen()) window.__searchBoxAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function measure(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchSearchBox, SEARCH_BOX);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    // bytes on the wire (headers + the possibly compressed body) per request, with the time each one finished
    const requests = new Map();
    const finished = [];
    cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => finished.push({ url: requests.get(e.requestId), bytes: e.encodedDataLength }));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__searchBoxAt !== undefined, null, { timeout: 60_000, polling: 50 });
    const { visibleAt, fcp } = await page.evaluate(() => ({
      visibleAt: window.__searchBoxAt,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));
    // which files had arrived when the box showed: the page's own resource timing (same clock as the box's moment);
    // their sizes on the wire: CDP's byte counts
    const entries = await page.evaluate(() => [
      { name: location.href.replace(/#.*$/, ''), responseEnd: performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0 },
      ...performance.getEntriesByType('resource').map((r) => ({ name: r.name, responseEnd: r.responseEnd })),
    ]);
    const before = new Set(entries.filter((e) => e.responseEnd > 0 && e.responseEnd <= visibleAt).map((e) => e.name));
    let bytes = 0;
    const files = [];
    for (const f of finished) {
      if (!f.url || !before.has(f.url)) continue;
      bytes += f.bytes;
      files.push({ url: f.url.replace(/^https?:\/\/[^/]+/, ''), bytes: f.bytes });
    }
    return { visibleMs: Math.round(visibleAt), fcpMs: fcp === null ? null : Math.round(fcp), bytes, requests: files.length, files };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
};
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;

async function main() {
  const runs = Math.max(1, Number(args.runs) || 1);
  let stack;
  let dir;
  let url = args.url;
  if (!url) {
    if (args['server-dist']) process.env.JB_SERVER_DIST = resolve(args['server-dist']);
    const { startStack } = await import('../stack.mjs');
    dir = mkdtempSync(join(tmpdir(), 'jb-perf-'));
    stack = await startStack({ port: 0, peerPort: 0, h5Dir: resolve(args.h5), dbPath: join(dir, 'perf.sqlite'), logFile: join(dir, 'server.log'), quiet: true });
    url = stack.url;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  try {
    const home = `${url.replace(/\/$/, '')}/`;
    await measure(browser, home, false); // warm the server (first seed queries, file system cache); not counted
    for (let i = 0; i < runs; i += 1) {
      const r = await measure(browser, home, !args['no-throttle']);
      results.push(r);
      if (!args.json) console.log(`run ${i + 1}: search box ${r.visibleMs} ms, first paint ${r.fcpMs} ms, ${kb(r.bytes)} in ${r.requests} requests`);
    }
  } finally {
    await browser.close();
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const summary = {
    profile: args['no-throttle'] ? 'unthrottled' : `Fast 3G (${FAST_3G.latency} ms, 1.6 Mb/s down, 750 kb/s up), CPU ${CPU_SLOWDOWN}× slower`,
    runs: results.length,
    medianVisibleMs: median(results.map((r) => r.visibleMs)),
    medianFcpMs: median(results.map((r) => r.fcpMs ?? 0)),
    medianBytes: median(results.map((r) => r.bytes)),
    files: results[results.length - 1].files,
  };
  if (args.json) console.log(JSON.stringify({ ...summary, results }, null, 2));
  else {
    console.log(`median of ${summary.runs} (${summary.profile}): search box ${summary.medianVisibleMs} ms, first paint ${summary.medianFcpMs} ms, ${kb(summary.medianBytes)}`);
    console.log('files before the search box (last run):');
    for (const f of summary.files) console.log(`  ${String(f.bytes).padStart(8)}  ${f.url}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
