// the H5 build (also the staff console) keeps no refresh token where page script can read it: the server holds it in an
// HttpOnly; Secure; SameSite=Strict cookie on the refresh route, and a reload that finds no session token renews from it
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { submitStaffLogin } from './support/page-checks';
import { launchBrowser, startStack, type RunningStack } from './support/stack';

describe('H5 refresh token in an HttpOnly cookie', () => {
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

  const storage = () => page.evaluate(() => Object.fromEntries(Object.entries(window.localStorage)));
  const refreshCookie = async () => (await browser.context.cookies()).find((c) => c.name === 'jb_refresh');

  it('after a staff login, localStorage and document.cookie hold no refresh token; the browser holds it HttpOnly', async () => {
    const cookie = await refreshCookie();
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth/refresh' });
    expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await storage();
    expect(stored['jb.token']).toBeTruthy();
    expect(stored['jb.kind']).toContain('staff'); // Taro wraps stored values: {"data":"staff"}
    expect(Object.keys(stored).filter((k) => /refresh/i.test(k))).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain(cookie!.value);
    expect(await page.evaluate(() => document.cookie)).not.toContain('jb_refresh');
  });

  it('a reload without a session token keeps the staff member signed in through the cookie, which rotates', async () => {
    const before = (await refreshCookie())!.value;
    await page.evaluate(() => window.localStorage.removeItem('jb.token'));
    await page.reload();
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !!window.localStorage.getItem('jb.token'), undefined, { timeout: 30_000 });
    expect((await refreshCookie())!.value).not.toBe(before);
    expect(Object.keys(await storage()).filter((k) => /refresh/i.test(k))).toEqual([]);
  });

  it('negative control: without the cookie the same reload ends the staff session', async () => {
    await browser.context.clearCookies();
    await page.evaluate(() => window.localStorage.removeItem('jb.token'));
    await page.reload();
    await page.waitForFunction(() => window.localStorage.getItem('jb.kind') === null, undefined, { timeout: 30_000 });
    expect((await storage())['jb.token']).toBeUndefined();
  });
});
