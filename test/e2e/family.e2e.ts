import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectNoHorizontalOverflow, submitStaffLogin, syntheticElderId, turnOnElderMode } from './support/page-checks';
import { launchBrowser, screenshotPath, settle, startStack, type RunningStack } from './support/stack';

function wrongCheckDigit(id: string): string {
  const chars = '0123456789X';
  return id.slice(0, 17) + chars[(chars.indexOf(id[17]) + 1) % chars.length];
}

async function smallestTextPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    let min = Infinity;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0) continue;
      min = Math.min(min, parseFloat(style.fontSize));
    }
    return min;
  });
}

describe('resident adds an elder in the H5 build (largest browser font, 长辈模式)', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const elderId = syntheticElderId();
  const elderName = '周桂芳';
  const devUser = `e2e${Date.now().toString(36)}`;

  beforeAll(async () => {
    stack = await startStack('family');
    browser = await launchBrowser({ largestFont: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('logs in through the local WeChat peer and shows 我的 in plain Chinese', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await page.getByText('我代办的家人').waitFor({ timeout: 30_000 });
    await page.getByText('还没有添加家人').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const received = await (await fetch(`${stack.peerUrl}/__peer/received?endpoint=jscode2session`)).json();
    expect(received.requests.length).toBeGreaterThanOrEqual(1);
    const storage = await page.evaluate(() => JSON.stringify(localStorage));
    expect(storage).not.toMatch(/session_key|openid/i);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the family member set the name the app calls them', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await page.getByText('居民（家属） · 点这里改称呼').click();
    await page.getByText('您的称呼').waitFor({ timeout: 30_000 });
    await page.locator('input').first().fill('<b>');
    await page.getByText('保存', { exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '特殊符号' }).waitFor();
    await page.locator('input').first().fill('周阿姨的女儿');
    await page.getByText('保存', { exact: true }).click();
    await page.getByText('我代办的家人').waitFor({ timeout: 30_000 });
    await page.getByText('周阿姨的女儿').waitFor();
    await page.close();
  });

  it('turns on 长辈模式 and keeps every text large with nothing cut off', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    const toggle = page.getByRole('switch', { name: '长辈模式（大字）' });
    await toggle.waitFor({ timeout: 30_000 });
    const before = await smallestTextPx(page);
    await turnOnElderMode(page);
    await page.getByText('已开启，字更大、按钮更大').waitFor();
    const after = await smallestTextPx(page);
    expect(after).toBeGreaterThan(before);
    // 32px at design width 750 is about 16.6 CSS px on a 390 px phone; elder mode must go above it
    expect(after).toBeGreaterThanOrEqual(17);
    await expectNoHorizontalOverflow(page);
    await settle(page);
    await page.screenshot({ path: screenshotPath('me-elder-largest-font'), fullPage: true });
    await page.close();
  });

  it('adds a family member: explains a wrong check digit, then saves and shows only the masked number', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await page.getByText('添加家人', { exact: true }).last().click();
    await page.getByText('这位家人是您的').waitFor({ timeout: 30_000 });
    const inputs = page.locator('input');
    await inputs.nth(0).fill(elderName);
    await inputs.nth(1).fill(wrongCheckDigit(elderId));
    await page.getByRole('alert').filter({ hasText: '校验位' }).waitFor();
    await settle(page);
    await page.screenshot({ path: screenshotPath('family-add-bad-check-digit'), fullPage: true });
    await inputs.nth(1).fill(elderId.toLowerCase());
    await expect(page.getByRole('alert').filter({ hasText: '校验位' }).count()).resolves.toBe(0);
    await page.getByRole('radio', { name: '父母', exact: true }).click();
    // 167 communities and villages: the resident types a word of the name and picks what is found
    await page.getByRole('search').locator('input').fill('梅村');
    await page.getByRole('radio', { name: '梅村社区（城南街道）', exact: true }).click();
    // the street and the community in it are chosen too, so the answer is visible in both places
    await expect(page.getByRole('radio', { name: '城南街道', exact: true }).getAttribute('aria-checked')).resolves.toBe('true');
    await expect(page.getByRole('radio', { name: '梅村社区', exact: true }).getAttribute('aria-checked')).resolves.toBe('true');
    await expectNoHorizontalOverflow(page);
    await settle(page);
    await page.screenshot({ path: screenshotPath('family-add-filled'), fullPage: true });
    await page.getByText('确认添加').click();
    await page.getByText(`${elderName}（父母）`).waitFor({ timeout: 30_000 });
    const masked = `${elderId.slice(0, 6)}**********${elderId.slice(-2)}`;
    await page.getByText(masked).waitFor();
    const body = await page.textContent('body');
    expect(body).not.toContain(elderId);
    await settle(page);
    await page.screenshot({ path: screenshotPath('me-after-add'), fullPage: true });
    // not verified yet: the list says so in words, and 去核验 leads to the one 核验代办 screen
    await page.getByText('未核验').first().waitFor();
    await page.getByRole('button', { name: `核验 ${elderName}` }).click();
    await page.getByText('第一步：核验您本人').waitFor({ timeout: 30_000 });
    await page.getByText('刷脸核验要在微信小程序里进行', { exact: false }).waitFor();
    await expectNoHorizontalOverflow(page);
    await settle(page);
    await page.screenshot({ path: screenshotPath('family-verify'), fullPage: true });
    await page.close();
  });

  it('shows the new elder to 梅村社区 staff in the H5 staff console, masked', async () => {
    const page = await browser.context.newPage();
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('本社区登记的老人').waitFor({ timeout: 30_000 });
    await page.getByText('本社区登记的老人').click();
    await page.getByText(elderName).waitFor({ timeout: 30_000 });
    const body = await page.textContent('body');
    expect(body).toContain(`${elderId.slice(0, 6)}**********${elderId.slice(-2)}`);
    expect(body).not.toContain(elderId);
    await settle(page);
    // the account acting for the elder is listed, masked, with a confirm action for staff who saw the ID card
    await page.getByText('代办关系：未核验', { exact: false }).first().waitFor();
    await page.getByText('看过老人身份证，确认代办关系').first().waitFor();
    await page.screenshot({ path: screenshotPath('staff-elders'), fullPage: true });
    await page.close();
  });

  it('lets the street reviewer open any community of the street, and shows the elder there', async () => {
    const page = await browser.context.newPage();
    await submitStaffLogin(page, stack.url, 'chengnan');
    await page.getByText('城南街道各社区的老人').waitFor({ timeout: 30_000 });
    await expect(page.getByText('东门社区').count()).resolves.toBe(0);
    await page.getByText('梅村社区', { exact: true }).click();
    await page.getByText(elderName).waitFor({ timeout: 30_000 });
    await settle(page);
    await page.screenshot({ path: screenshotPath('street-reviewer-elders'), fullPage: true });
    await page.close();
  });

  it('removes the family member after a confirmation on the same screen', async () => {
    const page = await browser.context.newPage();
    // the staff test signed this browser in as staff: sign out, then come back as the same WeChat user
    await page.goto(`${stack.url}/#/pages/me/index`);
    // the H5 session token lives in memory: this load renews the staff session from the cookie first; clear after it,
    // or its answer would write the staff marker back
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await page.reload();
    await page.getByText(`${elderName}（父母）`).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: `移除 ${elderName}` }).click();
    await page.getByText(`确定不再代办 ${elderName} 吗？`).waitFor();
    await settle(page);
    await page.screenshot({ path: screenshotPath('me-remove-confirm'), fullPage: true });
    await page.getByText('不移除').click();
    await expect(page.getByText(`确定不再代办 ${elderName} 吗？`).count()).resolves.toBe(0);
    await page.getByRole('button', { name: `移除 ${elderName}` }).click();
    await page.getByText('确定移除').click();
    await page.getByText('还没有添加家人').waitFor({ timeout: 30_000 });
    await expect(page.getByText(`${elderName}（父母）`).count()).resolves.toBe(0);
    await page.close();
  });
});

