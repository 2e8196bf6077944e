import { expect } from '@jest/globals';
import { checkDigitOf, fillPath, type RouteDef } from '@jianban/shared';
import type { Locator, Page } from 'playwright-core';
import { screenshotPath, settle, STAFF_PASSWORD } from './stack';

// helpers shared by the browser tests

// a fresh synthetic elder every run: 80+ years old, 荆州区 region code, valid check digit
export function syntheticElderId(): string {
  const year = 1930 + Math.floor(Math.random() * 15);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 999)).padStart(3, '0');
  const first17 = `421003${year}${month}${day}${seq}`;
  return first17 + checkDigitOf(first17);
}

// scrolls an element into view. A page that renders a part again as its reads land detaches an element found just
// before: the scroll is then tried again on the element as it is then (until 10 s have passed, never a count)
export async function scrollTo(l: Locator): Promise<void> {
  for (const until = Date.now() + 10_000; ; ) {
    try {
      return await l.scrollIntoViewIfNeeded({ timeout: 5_000 });
    } catch (err) {
      if (Date.now() > until || !/not attached/.test(String(err))) throw err;
    }
  }
}

/** the input or textarea right after its visible label (Taro's H5 inputs do not carry the label themselves) */
export function field(scope: Page | ReturnType<Page['locator']>, label: string) {
  return scope.locator(`xpath=.//taro-text-core[normalize-space(.)="${label}"]/following-sibling::*[1]`).locator('input, textarea').first();
}

export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

// fills and submits the H5 staff login form; the caller waits for the screen it expects next
export async function submitStaffLogin(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/#/pages/staff-login/index`);
  await page.getByText('用户名').first().waitFor({ timeout: 30_000 });
  const inputs = page.locator('input');
  await inputs.nth(0).fill(username);
  await inputs.nth(1).fill(STAFF_PASSWORD);
  await page.getByText('登录', { exact: true }).last().click();
}

/**
 * Turns 长辈模式 on through the switch on the shown page. The switch sits below content that loads from the API, so a
 * click aimed at it while that content arrives can land on something else: wait for the loading notices to go and the
 * page to sit still, then click, and wait for the switch itself to say it is on (re-reading it before any second try).
 */
export async function turnOnElderMode(page: Page): Promise<void> {
  const toggle = page.getByRole('switch', { name: '长辈模式（大字）' }).filter({ visible: true });
  await toggle.waitFor({ timeout: 30_000 });
  const on = page.locator('[role="switch"][aria-checked="true"]').filter({ visible: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await on.count()) > 0) break;
    await page.getByText(/^正在(读取|查|登录)/).filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    await settle(page);
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
    if (await on.first().waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
  }
  await expect(toggle.getAttribute('aria-checked')).resolves.toBe('true');
}

/** a direct API call for test setup and checks (what the screens do is tested through the screens) */
export async function api<R extends RouteDef>(base: string, route: R, input: unknown, opts: { token?: string; params?: Record<string, string> } = {}) {
  const path = fillPath(route.path, opts.params ?? {});
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const query = !hasBody && input && Object.keys(input).length ? `?${new URLSearchParams(input as Record<string, string>)}` : '';
  const res = await fetch(`${base}/api${path}${query}`, {
    method: route.method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: hasBody ? JSON.stringify(input ?? {}) : undefined,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${route.method} ${path} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** the shown page in one picture, after it settles, with nothing wider than the screen */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}
