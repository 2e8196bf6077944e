// issue 14 item 6: 长辈模式 everywhere. On a 390 px phone with the browser's largest font and 长辈模式 on: the tab bar
// has icons and big words and follows 长辈模式, the unread count sits on 消息, the home search box and text areas are at
// least 60 px tall, and the list tab "社区还开的证明（N项）" never breaks inside a word.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, shot, turnOnElderMode } from './support/page-checks';
import { launchBrowser, settle, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';
import { seriousViolations } from './support/axe';

const TAB_TARGET_PX = 60;

describe('长辈模式 everywhere: the tab bar, the search box, text areas and the list tabs', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const devUser = `tab${Date.now().toString(36)}`;
  const pageErrors: string[] = [];

  const bar = () => page.getByRole('navigation', { name: '页面导航' }).filter({ visible: true });
  const height = async (sel: ReturnType<Page['locator']>) => (await sel.boundingBox())?.height ?? 0;

  beforeAll(async () => {
    stack = await startStack('elder-tab-bar');
    await publishUnknownYears(stack.url);
    browser = await launchBrowser({ largestFont: true });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('draws the tab bar with icons on the tab pages only, and it grows with 长辈模式', async () => {
    await bar().waitFor({ timeout: 30_000 });
    const tabs = bar().getByRole('link');
    await expect(tabs.count()).resolves.toBe(4);
    const before = await height(tabs.first());
    expect(before).toBeGreaterThanOrEqual(TAB_TARGET_PX);
    await expect(bar().locator('img').count()).resolves.toBe(4);
    await expect(bar().locator('[aria-current="page"]').getAttribute('aria-label')).resolves.toBe('我的');
    await turnOnElderMode(page);
    await settle(page);
    const after = await height(tabs.first());
    expect(after).toBeGreaterThan(before);
    const label = bar().getByText('我的', { exact: true });
    const size = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(22);
    // the last line of the page is not hidden under the bar
    const { pageBottomPad, barHeight } = await page.evaluate(() => {
      const shown = [...document.querySelectorAll('.jb-page')].find((p) => p.getBoundingClientRect().width > 0)!;
      const nav = [...document.querySelectorAll('[role="navigation"]')].find((n) => n.getBoundingClientRect().width > 0)!;
      return { pageBottomPad: parseFloat(getComputedStyle(shown).paddingBottom), barHeight: nav.getBoundingClientRect().height };
    });
    expect(pageBottomPad).toBeGreaterThanOrEqual(barHeight);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'elder-tab-bar-me');
  });

  it('switches pages from the tab bar and shows the unread count on 消息', async () => {
    const messages = bar().getByRole('link', { name: /^消息/ });
    await expect(messages.getAttribute('aria-label')).resolves.toBe('消息');
    // a message arrives: the resident books, the community confirms, the inbox gets 预约已确认
    const token = (await api(stack.url, routes.wechatLogin, { code: (await api(stack.url, routes.devWechatCode, { user: devUser })).code })).token;
    const staffToken = (await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD })).token;
    const [item] = (await api(stack.url, routes.listServiceItems, {}, { token, params: { code: '421003003003' } })).items as { id: string }[];
    const a = await api(stack.url, routes.serviceAvailability, {}, { token, params: { id: item.id } });
    type Day = { date: string; slots: { start: string; bookable: boolean }[] };
    const day = (a.days as Day[]).find((d) => d.slots.some((x) => x.bookable))!;
    const booking = await api(stack.url, routes.createBooking, { serviceItemId: item.id, date: day.date, start: day.slots.find((x) => x.bookable)!.start, selfName: '周桂芳', idempotencyKey: randomUUID() }, { token });
    await api(stack.url, routes.staffConfirmBooking, {}, { token: staffToken, params: { id: booking.id } });
    const until = Date.now() + 20_000;
    let unread = 0;
    while (unread === 0 && Date.now() < until) {
      unread = (await api(stack.url, routes.inboxUnread, {}, { token })).unread;
      if (unread === 0) await new Promise((r) => setTimeout(r, 300));
    }
    expect(unread).toBeGreaterThan(0);
    await page.reload();
    await bar().getByRole('link', { name: '首页' }).click();
    await page.getByRole('search').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await expect(bar().locator('[aria-current="page"]').getAttribute('aria-label')).resolves.toBe('首页');
    await expect(messages.getAttribute('aria-label')).resolves.toBe(`消息${unread}条未读`);
    await expect(messages.getByText(String(unread), { exact: true }).isVisible()).resolves.toBe(true);
    await shot(page, 'elder-tab-bar-badge');
    await messages.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '消息' }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await expect(bar().locator('[aria-current="page"]').getAttribute('aria-label')).resolves.toMatch(/^消息/);
    // a page that is not a tab page has no tab bar
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/start/index`);
    await page.getByRole('heading').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await settle(page);
    await expect(page.getByRole('navigation', { name: '页面导航' }).filter({ visible: true }).count()).resolves.toBe(0);
  });

  it('gives the home search box a 60 px target and keeps each list tab word whole', async () => {
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/index/index`);
    const input = page.getByRole('searchbox', { name: '想开什么证明？' }).filter({ visible: true });
    await input.waitFor({ timeout: 30_000 });
    expect(await height(input)).toBeGreaterThanOrEqual(TAB_TARGET_PX);
    const issueTab = page.getByRole('tab', { name: /^社区还开的证明/ }).filter({ visible: true });
    await issueTab.waitFor({ timeout: 30_000 });
    // the words of the tab, line by line as drawn: no line may end or start inside 社区还开的证明
    const lines = await issueTab.locator('taro-text-core, span').first().evaluate((el) => {
      const text = el.textContent ?? '';
      const node = [...el.childNodes].find((n) => n.nodeType === 3) ?? el.firstChild!;
      const range = document.createRange();
      const out: string[] = [];
      let line = '';
      let top = -1;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const t = Math.round(range.getBoundingClientRect().top);
        if (top >= 0 && t > top + 2) {
          out.push(line);
          line = '';
        }
        top = t;
        line += text[i];
      }
      out.push(line);
      return out;
    });
    expect(lines.join('')).toMatch(/^社区还开的证明（\d+项）$/);
    expect(lines[0].startsWith('社区还开的证明')).toBe(true);
    await issueTab.click();
    await settle(page);
    await shot(page, 'elder-home-issue-list');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('gives a text area at least 60 px in 长辈模式', async () => {
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/report/index`);
    const area = page.locator('textarea').filter({ visible: true }).first();
    await area.waitFor({ timeout: 30_000 });
    expect(await height(area)).toBeGreaterThanOrEqual(TAB_TARGET_PX);
    await shot(page, 'elder-text-area');
    expect(pageErrors).toEqual([]);
  });
});
