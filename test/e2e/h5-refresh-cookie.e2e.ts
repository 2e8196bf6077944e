// the H5 build (also the staff console) keeps no token where page script can read it later: the refresh token is in an
// HttpOnly; Secure; SameSite=Strict cookie on the refresh route, the session token only in memory; a reload renews from
// the cookie, and two tabs reloading at the same instant both stay signed in (they take turns and share the new token)
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { submitStaffLogin } from './support/page-checks';
import { launchBrowser, startStack, type RunningStack } from './support/stack';

// anything that looks like one of our tokens (32 random bytes, base64url) or names one
const TOKEN_LIKE = /[A-Za-z0-9_-]{40,}|token|refresh|bearer/i;

describe('H5 tokens out of script-readable storage', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack('h5-refresh-cookie');
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const readable = (p: Page) =>
    p.evaluate(() => ({
      local: Object.fromEntries(Object.entries(window.localStorage)),
      session: Object.fromEntries(Object.entries(window.sessionStorage)),
      cookie: document.cookie,
    }));
  const refreshCookie = async () => (await browser.context.cookies()).find((c) => c.name === 'jb_refresh');
  const signedInAsStaff = (p: Page) => p.getByText('工作台').first().waitFor({ timeout: 30_000 });

  it('after a staff login nothing token-like is in localStorage, sessionStorage or document.cookie; the cookie is HttpOnly', async () => {
    const cookie = await refreshCookie();
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth/refresh' });
    expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const r = await readable(page);
    expect(r.local['jb.kind']).toContain('staff'); // Taro wraps stored values: {"data":"staff"}
    for (const [k, v] of [...Object.entries(r.local), ...Object.entries(r.session)]) expect([k, TOKEN_LIKE.test(`${k}=${v}`)]).toEqual([k, false]);
    expect(r.cookie).not.toMatch(TOKEN_LIKE);
    expect(JSON.stringify(r)).not.toContain(cookie!.value);
    // the session token a reload got from the cookie lives in memory only
    const [renewed] = await Promise.all([page.waitForResponse((q) => q.url().endsWith('/api/auth/refresh'), { timeout: 30_000 }), page.reload()]);
    expect(renewed.status()).toBe(200);
    const fresh = ((await renewed.json()) as { token: string }).token;
    await signedInAsStaff(page);
    expect(JSON.stringify(await readable(page))).not.toContain(fresh);
  });

  it('a reload keeps the staff member signed in through the cookie, which rotates', async () => {
    const before = (await refreshCookie())!.value;
    await page.reload();
    await signedInAsStaff(page);
    for (let i = 0; i < 60 && (await refreshCookie())!.value === before; i++) await page.waitForTimeout(500);
    expect((await refreshCookie())!.value).not.toBe(before);
    const r = await readable(page);
    expect(JSON.stringify(r)).not.toMatch(/[A-Za-z0-9_-]{43}/);
  });

  it('two tabs reloading at the same instant both stay signed in, and both keep working', async () => {
    const second = await browser.context.newPage();
    await second.goto(`${stack.url}/#/pages/me/index`);
    await signedInAsStaff(second);
    const refreshes: number[] = [];
    for (const p of [page, second]) p.on('response', (r) => void (r.url().endsWith('/api/auth/refresh') && refreshes.push(r.status())));
    await Promise.all([page.reload(), second.reload()]);
    await Promise.all([signedInAsStaff(page), signedInAsStaff(second)]);
    expect(refreshes.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    // and again, one after the other: each tab renews with whatever the other left in the cookie
    for (const p of [page, second, page]) {
      await p.reload();
      await signedInAsStaff(p);
    }
    await page.waitForTimeout(1_000);
    for (const p of [page, second]) expect((await readable(p)).local['jb.kind']).toContain('staff');
    expect(refreshes.filter((s) => s >= 500)).toEqual([]);
    await second.close();
  });

  it('negative control: without the cookie the same reload ends the staff session', async () => {
    await browser.context.clearCookies();
    await page.reload();
    await page.waitForFunction(() => window.localStorage.getItem('jb.kind') === null, undefined, { timeout: 30_000 });
  });
});
