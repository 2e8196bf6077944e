// Issue 14 item 4, network drops, on a 390 px phone with the largest browser font and 长辈模式 on:
//  - 确认预约 with no network says so within 8 s and offers 再试一次 (the same idempotency key: one booking)
//  - offline, tapping a slot whose page has not been fetched yet says so instead of doing nothing
//  - a submit whose answer never reached the page (she pressed back) is told the next time she opens the app
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, shot, syntheticElderId, turnOnElderMode } from './support/page-checks';
import { launchBrowser, shanghaiMorningOffsetMs, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';

const COMMUNITY = '421003003003'; // 梅村社区

describe('network drops in the booking flow (H5, 390 px, 长辈模式)', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const devUser = `nd${Date.now().toString(36)}`;
  const elders = ['吴秀兰', '郑德福', '冯玉梅'];
  let token = '';
  const clockOffsetMs = shanghaiMorningOffsetMs();

  beforeAll(async () => {
    stack = await startStack('network-drops', { clockOffsetMs });
    await publishUnknownYears(stack.url);
    const staff = await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD });
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, periods: [{ start: '00:00', end: '23:30' }] }));
    await api(stack.url, routes.staffUpdateBookingSettings, { openingHours: allDay, windowStartDays: 0, minNoticeMinutes: 0 }, { token: staff.token, params: { code: COMMUNITY } });
    const { code } = await api(stack.url, routes.devWechatCode, { user: devUser });
    token = (await api(stack.url, routes.wechatLogin, { code })).token;
    for (const name of elders) await api(stack.url, routes.addFamilyMember, { name, idNumber: syntheticElderId(), relationship: 'parent', communityCode: COMMUNITY }, { token });
    browser = await launchBrowser({ largestFont: true, clockOffsetMs });
    page = await browser.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await turnOnElderMode(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const visible = (p: Page, text: string | RegExp) => p.getByText(text).filter({ visible: true }).first();

  /** service → person → day: the slot list of the first open day */
  async function toSlots(elder: string, service = 0): Promise<void> {
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/services/index`);
    await page.getByText('预约办事', { exact: true }).filter({ visible: true }).click();
    await page.getByRole('heading', { name: '办什么事' }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /大约 \d+ 分钟/ }).filter({ visible: true }).nth(service).click();
    await visible(page, '为谁预约').waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: new RegExp(`^${elder}（父母`) }).filter({ visible: true }).click();
    await visible(page, '下一步：选时间').click();
    await visible(page, '第一步：选日子').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /还剩 \d+ 个名额/ }).filter({ visible: true }).first().click();
    await visible(page, /第二步：选时间/).waitFor();
  }
  async function toConfirm(elder: string, service = 0): Promise<void> {
    await toSlots(elder, service);
    await page.getByRole('button', { name: /还剩 \d+ 个名额/ }).filter({ visible: true }).first().click();
    await visible(page, '请一次带齐这些材料').waitFor({ timeout: 30_000 });
  }
  const bookingsOf = async () => (await api(stack.url, routes.myBookings, { scope: 'all' }, { token })).items;

  it('offline, 确认预约 says within 8 s that no answer came, and 再试一次 books once when the network is back', async () => {
    await toConfirm(elders[0]);
    await browser.context.setOffline(true);
    const confirm = page.getByRole('button', { name: '确认预约', exact: true }).filter({ visible: true });
    await confirm.scrollIntoViewIfNeeded();
    const tapped = Date.now();
    await confirm.click();
    await page.getByText('网络不好', { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 8_000 });
    expect(Date.now() - tapped).toBeLessThan(8_000);
    const retry = page.getByRole('button', { name: '再试一次', exact: true }).filter({ visible: true });
    await retry.scrollIntoViewIfNeeded();
    await shot(page, 'network-1-confirm-offline');
    await browser.context.setOffline(false);
    await retry.click();
    await visible(page, '状态：待确认').waitFor({ timeout: 30_000 });
    expect((await bookingsOf()).filter((b) => b.personName === elders[0])).toHaveLength(1);
  });

  it('a request that hangs is given up within 8 s with 再试一次', async () => {
    await toConfirm(elders[1]);
    // the server never answers this one (a dead connection): the page must not spin for ever
    await page.route('**/api/bookings', (route) => (route.request().method() === 'POST' ? undefined : route.continue()));
    const tapped = Date.now();
    await page.getByRole('button', { name: '确认预约', exact: true }).filter({ visible: true }).click();
    await page.getByText('网络不好', { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 8_000 });
    expect(Date.now() - tapped).toBeLessThan(8_000);
    await page.unroute('**/api/bookings');
    expect((await bookingsOf()).filter((b) => b.personName === elders[1])).toHaveLength(0);
  });

  it('offline, tapping a slot whose page is not loaded yet says the page did not open', async () => {
    const fresh = await browser.context.newPage();
    const old = page;
    page = fresh;
    try {
      await toSlots(elders[1]);
      // the confirm page's script comes from the network the first time it opens: block every script now
      await page.route(/\.js(\?.*)?$/, (route) => route.abort('internetdisconnected'));
      await page.getByRole('button', { name: /还剩 \d+ 个名额/ }).filter({ visible: true }).first().click();
      await visible(page, '网络不通，页面没打开').waitFor({ timeout: 8_000 });
      await shot(page, 'network-2-slot-offline');
      await page.unroute(/\.js(\?.*)?$/);
    } finally {
      page = old;
      await fresh.close();
    }
  });

  it('a submit whose answer never reached the page is told the next time the app opens', async () => {
    await toConfirm(elders[2], 1);
    // the request reaches the server (the booking is made) but the answer is lost on the way back, and she goes back
    await page.route('**/api/bookings', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: '确认预约', exact: true }).filter({ visible: true }).click();
    await page.getByText('网络不好', { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 8_000 });
    await page.unroute('**/api/bookings');
    await page.goBack();
    const made = (await bookingsOf()).filter((b) => b.personName === elders[2]);
    expect(made).toHaveLength(1);

    // the next time she opens the app
    await page.goto('about:blank');
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/index/index`);
    await visible(page, '您的预约已经约上了').waitFor({ timeout: 30_000 });
    await visible(page, new RegExp(`${elders[2]}，${Number(made[0].date.slice(5, 7))}月${Number(made[0].date.slice(8, 10))}日 ${made[0].start}，`)).waitFor();
    await shot(page, 'network-3-told-next-open');
    await visible(page, '查看').click();
    await visible(page, '状态：待确认').waitFor({ timeout: 30_000 });
    // told once
    await page.goto('about:blank');
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/index/index`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(3_000);
    expect(await page.getByText('您的预约已经约上了').filter({ visible: true }).count()).toBe(0);
    // negative control: a booking made on the confirm page itself is not told again
    expect((await bookingsOf()).filter((b) => b.personName === elders[0])).toHaveLength(1);
  });
});
