// How the H5 app reaches a phone: the files come precompressed (brotli), hashed files are cached for a year as
// immutable, index.html is always revalidated, and the first screen (until the search box shows) stays small.
// Sizes only: how long it takes on a slow network is measured by scripts/perf/first-screen.mjs, not asserted here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBrowser, startStack, type RunningStack } from './support/stack';

// bytes on the wire until the home search box shows (index.html, the scripts and styles, the first API calls):
// 629 KB before the files were compressed, about 170 KB after
const FIRST_SCREEN_MAX_BYTES = 250 * 1024;

describe('static delivery of the H5 app', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    stack = await startStack('static-delivery');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sends the first screen compressed, cached by kind, and small', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    const headers = new Map<string, Record<string, string>>();
    const wire: { url: string; bytes: number }[] = [];
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.responseReceived', (e) => headers.set(e.response.url, Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]))));
    cdp.on('Network.loadingFinished', (e) => wire.push({ url: urls.get(e.requestId) ?? '', bytes: e.encodedDataLength }));

    await page.goto(`${stack.url}/`);
    await page.getByRole('search').locator('input').waitFor({ state: 'visible', timeout: 60_000 });
    const firstScreen = wire.reduce((sum, r) => sum + r.bytes, 0);
    const files = wire.map((r) => `${r.bytes} ${r.url.replace(stack.url, '')}`).join('\n');

    // the page's own scripts, in the order index.html names them; the app's main script among them
    const scripts = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src));
    const main = scripts.find((s) => /\/js\/app\.[0-9a-f]{8}\.js$/.test(s));
    expect(main).toBeDefined();
    const mainHeaders = headers.get(main!)!;
    expect(mainHeaders['content-encoding']).toBe('br');
    expect(mainHeaders.vary).toMatch(/accept-encoding/i);
    expect(mainHeaders['cache-control']).toBe('public, max-age=31536000, immutable');
    // every hashed script and style the first screen used is compressed and immutable
    const hashed = [...headers.keys()].filter((u) => /\/(js|css)\/[^/]+\.[0-9a-f]{8}\.(js|css)$/.test(u));
    expect(hashed.length).toBeGreaterThanOrEqual(3);
    for (const u of hashed) {
      expect({ u, cache: headers.get(u)!['cache-control'] }).toEqual({ u, cache: 'public, max-age=31536000, immutable' });
      if (u.endsWith('.js')) expect({ u, enc: headers.get(u)!['content-encoding'] }).toEqual({ u, enc: 'br' });
    }
    expect(headers.get(`${stack.url}/`)!['cache-control']).toBe('no-cache');

    // the app's main script, uncompressed, is several times what crossed the wire
    const mainWire = wire.find((r) => r.url === main)!.bytes;
    const plain = await page.evaluate(async (u) => (await (await fetch(u, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength, main!);
    expect(mainWire * 2.5).toBeLessThan(plain);

    // named files in the failure message: which one grew
    expect({ firstScreen: firstScreen <= FIRST_SCREEN_MAX_BYTES ? 'within bound' : firstScreen, files }).toEqual({ firstScreen: 'within bound', files });
    await page.close();
  });

  it('has index.html revalidated on every visit and leaves the API alone', async () => {
    const res = await fetch(`${stack.url}/index.html`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="app">');
    const api = await fetch(`${stack.url}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('cache-control') ?? '').not.toContain('immutable');
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
  });
});
