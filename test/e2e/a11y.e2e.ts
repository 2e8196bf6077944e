import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { declaredPages, seriousViolations, type AxeViolation } from './support/axe';
import { api, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { launchBrowser, settle, startStack, shanghaiMorningOffsetMs, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';
import { pageLeaks, textLeaks } from './support/resident-text';

// axe-core on every page of app.config: a resident on a 390 px phone with the browser's largest font and 长辈模式 on,
// 梅村 staff and the district admin on a 1366 px desktop. 0 serious or critical violations; a page nobody visits fails
// the inventory test, and a negative control shows the check catches a reintroduced violation.

const clockOffsetMs = shanghaiMorningOffsetMs();
const devUser = `a11y${Date.now().toString(36)}`;

describe('accessibility (axe-core) on every page', () => {
  let stack: RunningStack;
  let resident: Awaited<ReturnType<typeof launchBrowser>>;
  let staff: Awaited<ReturnType<typeof launchBrowser>>;
  let district: Awaited<ReturnType<typeof launchBrowser>>;
  let community = '';
  let itemId = '';
  let bookingId = '';
  let bookingDate = '';
  let bookingStart = '';
  let messageId = '';
  let staffAccountId = '';
  const visited = new Set<string>();
  const found: { who: string; url: string; violations: AxeViolation[] }[] = [];
  const leaks: { who: string; url: string; leaks: string[] }[] = []; // Latin keys, file names, researchers' notes (issue 14 item 3)

  beforeAll(async () => {
    stack = await startStack('a11y', { clockOffsetMs });
    await publishUnknownYears(stack.url);
    // 梅村社区 by name (its code is data, not something this test should know)
    const regions = (await api(stack.url, routes.regions, {})).items as { code: string; name: string; level: string }[];
    community = regions.find((r) => r.level === 'community' && r.name === '梅村社区')!.code;
    const staffSession = await api(stack.url, routes.staffLogin, { username: 'meicun', password: 'e2e-staff-pw' });
    staffAccountId = staffSession.me.id;
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, periods: [{ start: '00:00', end: '23:30' }] }));
    await api(stack.url, routes.staffUpdateBookingSettings, { openingHours: allDay, windowStartDays: 0, minNoticeMinutes: 0 }, { token: staffSession.token, params: { code: community } });
    const { code } = await api(stack.url, routes.devWechatCode, { user: devUser });
    const token = (await api(stack.url, routes.wechatLogin, { code })).token as string;
    const items = (await api(stack.url, routes.listServiceItems, {}, { token, params: { code: community } })).items as { id: string }[];
    itemId = items[0].id;
    const availability = await api(stack.url, routes.serviceAvailability, {}, { token, params: { id: itemId } });
    const day = (availability.days as { date: string; slots: { start: string; bookable: boolean }[] }[]).find((d) => d.slots.some((s) => s.bookable))!;
    const slot = day.slots.filter((s) => s.bookable).at(-1)!;
    bookingDate = day.date;
    bookingStart = slot.start;
    const booking = await api(stack.url, routes.createBooking, { serviceItemId: itemId, date: day.date, start: slot.start, selfName: '王秀兰', idempotencyKey: randomUUID() }, { token });
    bookingId = booking.id;
    const inbox = await api(stack.url, routes.listInbox, {}, { token });
    messageId = inbox.items[0]?.id ?? '';

    resident = await launchBrowser({ largestFont: true, clockOffsetMs });
    staff = await launchBrowser({ largestFont: true, clockOffsetMs });
    district = await launchBrowser({ largestFont: true, clockOffsetMs });
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await district?.close();
    await stack?.stop();
  });

  async function check(page: Page, who: string, path: string, query = ''): Promise<void> {
    const devQuery = who === 'resident' ? `?devUser=${devUser}` : '';
    await page.goto(`${stack.url}/${devQuery}#${path}${query ? `?${query}` : ''}`);
    await page.locator('.taro_page').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    // wait for what the page reads to arrive (loading notices gone), then for the page to stand still
    await page.getByText(/^正在(读取|查|登录|加载)/).filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await settle(page);
    // the page shows what it is for (not a blank or half-loaded screen) before it is judged
    const text = await page.locator('.taro_page').filter({ visible: true }).first().innerText();
    expect(text.replace(/\s/g, '').length).toBeGreaterThan(4);
    visited.add(path);
    const violations = await seriousViolations(page);
    if (violations.length) found.push({ who, url: `${path}${query ? `?${query}` : ''}`, violations });
    const leaked = await pageLeaks(page);
    if (leaked.length) leaks.push({ who, url: `${path}${query ? `?${query}` : ''}`, leaks: leaked });
  }

  it('a resident (390 px, largest font, 长辈模式) meets no serious or critical violation on any page', async () => {
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await turnOnElderMode(page);
    const flow = `item=${itemId}&code=${community}&who=self&name=${encodeURIComponent('王秀兰')}`;
    const pages: [string, string?][] = [
      ['/pages/index/index'],
      ['/pages/services/index'],
      ['/pages/messages/index'],
      ['/pages/me/index'],
      ['/pages/family-add/index'],
      ['/subpackages/family/pages/name/index'],
      ['/pages/staff-login/index'],
      ['/subpackages/catalog/pages/item/index', 'code=NI-01'],
      ['/subpackages/catalog/pages/report/index', 'code=NI-01'],
      ['/subpackages/catalog/pages/my-reports/index'],
      ['/subpackages/catalog/pages/work-lists/index'],
      // the one 核验代办 screen (no member chosen: the resident's own step) and an invitation that does not exist
      ['/subpackages/family/pages/verify/index'],
      ['/subpackages/family/pages/invite/index', 'code=ABCD2345'],
      ['/subpackages/allowance/pages/index/index'],
      ['/subpackages/allowance/pages/elder/index'],
      ['/subpackages/allowance/pages/consent/index'],
      ['/subpackages/allowance/pages/account/index'],
      ['/subpackages/allowance/pages/review/index'],
      ['/subpackages/allowance/pages/status/index'],
      ['/subpackages/allowance/pages/publicity/index', `code=${community}`],
      ['/subpackages/inbox/pages/detail/index', `id=${messageId}`],
      ['/subpackages/booking/pages/start/index'],
      ['/subpackages/booking/pages/person/index', `item=${itemId}&code=${community}`],
      ['/subpackages/booking/pages/slot/index', flow],
      ['/subpackages/booking/pages/confirm/index', `${flow}&date=${bookingDate}&start=${encodeURIComponent(bookingStart)}`],
      ['/subpackages/booking/pages/detail/index', `id=${bookingId}`],
      ['/subpackages/booking/pages/mine/index'],
      ['/subpackages/allowance-pay/pages/payments/index'],
      ['/subpackages/allowance-pay/pages/invitation/index'],
    ];
    for (const [path, query] of pages) await check(page, 'resident', path, query);
    expect(found.filter((f) => f.who === 'resident')).toEqual([]);
  });

  it('梅村 staff on a PC meet no serious or critical violation on any desk page', async () => {
    const page = await staff.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    const pages: [string, string?][] = [
      ['/subpackages/staff/pages/elders/index'],
      ['/subpackages/staff-booking/pages/day/index', `date=${bookingDate}`],
      ['/subpackages/staff-booking/pages/queue/index'],
      ['/subpackages/staff-booking/pages/detail/index', `id=${bookingId}`],
      ['/subpackages/staff-booking/pages/scan/index'],
      ['/subpackages/staff-booking/pages/walk-in/index'],
      ['/subpackages/staff-booking/pages/flagged/index'],
      ['/subpackages/staff-booking/pages/export/index'],
      ['/subpackages/staff-booking/pages/holidays/index'],
      ['/subpackages/staff-booking/pages/settings/index', `code=${community}`],
      ['/subpackages/staff-booking/pages/closures/index', `code=${community}`],
      ['/subpackages/staff-booking/pages/service-items/index', `code=${community}`],
      ['/subpackages/staff-allowance/pages/queue/index'],
      ['/subpackages/staff-allowance/pages/detail/index'],
      ['/subpackages/staff-allowance-pay/pages/tasks/index'],
      ['/subpackages/staff-allowance-pay/pages/recipient/index'],
      ['/subpackages/staff-allowance-pay/pages/recipients/index'],
    ];
    for (const [path, query] of pages) await check(page, 'meicun', path, query);
    expect(found.filter((f) => f.who === 'meicun')).toEqual([]);
  });

  it('the district admin on a PC meets no serious or critical violation on any catalog, staff-account or allowance page', async () => {
    const page = await district.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    // keyboard only: the password field's Enter submits the login
    await page.goto(`${stack.url}/#/pages/staff-login/index`);
    await page.getByText('用户名').first().waitFor({ timeout: 30_000 });
    await page.locator('input[aria-label="用户名"]').fill('district');
    await page.locator('input[aria-label="密码"]').fill('e2e-staff-pw');
    await page.locator('input[aria-label="密码"]').press('Enter');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    const pages: [string, string?][] = [
      ['/subpackages/staff-catalog/pages/items/index'],
      ['/subpackages/staff-catalog/pages/edit/index', 'code=NI-01'],
      ['/subpackages/staff-catalog/pages/new/index'],
      ['/subpackages/staff-catalog/pages/proposals/index'],
      ['/subpackages/staff-catalog/pages/reports/index'],
      ['/subpackages/staff-catalog/pages/board/index'],
      ['/subpackages/staff-catalog/pages/work-lists/index'],
      ['/subpackages/staff-admin/pages/accounts/index'],
      ['/subpackages/staff-admin/pages/account/index', `id=${staffAccountId}`],
      ['/subpackages/staff-admin/pages/edit/index'],
      ['/subpackages/staff-admin/pages/edit/index', `id=${staffAccountId}`],
      ['/subpackages/staff-admin/pages/password/index'],
      ['/subpackages/staff-admin/pages/region-holds/index'],
      ['/subpackages/staff-allowance/pages/reviews/index'],
      ['/subpackages/staff-allowance/pages/policy/index'],
      ['/subpackages/staff-catalog/pages/service-words/index'],
      ['/subpackages/staff-catalog/pages/departments/index'],
      ['/subpackages/staff-allowance-pay/pages/months/index'],
      ['/subpackages/staff-allowance-pay/pages/figures/index'],
      ['/subpackages/staff-allowance-pay/pages/settings/index'],
      ['/subpackages/staff-allowance-pay/pages/roll/index'],
      ['/subpackages/staff-registry/pages/imports/index'],
    ];
    for (const [path, query] of pages) await check(page, 'district', path, query);
    expect(found.filter((f) => f.who === 'district')).toEqual([]);
  });

  it('visited every page app.config declares (a new page without an accessibility check fails here)', () => {
    const declared = declaredPages();
    expect(declared.length).toBeGreaterThan(30);
    expect(declared.filter((p) => !visited.has(p))).toEqual([]);
  });

  it('negative control: a page that reintroduces WeChat-only aria-role and an unnamed button fails the check', async () => {
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/index/index`);
    await page.locator('.taro_page').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await settle(page);
    await page.evaluate(() => {
      const shown = [...document.querySelectorAll('.taro_page')].find((p) => getComputedStyle(p).display !== 'none')!;
      const bad = document.createElement('div');
      bad.setAttribute('aria-role', 'button');
      bad.setAttribute('role', 'button');
      shown.appendChild(bad);
    });
    const ids = (await seriousViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['aria-valid-attr', 'aria-command-name']));
  });

  it('no page shows a Latin-script key, a file name or a researchers\' note (residents and staff)', () => {
    expect(visited.size).toBeGreaterThan(30);
    expect(leaks).toEqual([]);
  });

  it('negative control: the text check catches a key, a file name and a researchers\' note put on a page', async () => {
    expect(textLeaks('办理部门：公安派出所')).toEqual([]);
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=NI-01`);
    await page.getByText('✗ 社区不再开具').waitFor({ timeout: 30_000 });
    await settle(page);
    expect(await pageLeaks(page)).toEqual([]);
    await page.evaluate(() => {
      const shown = [...document.querySelectorAll('.taro_page')].find((p) => getComputedStyle(p).display !== 'none')!;
      const bad = document.createElement('div');
      bad.textContent = 'responsible_department onlineChannel certificate-catalog.json 原文未找到（湖北表述）';
      shown.appendChild(bad);
    });
    const kinds = (await pageLeaks(page)).map((l) => l.split(':')[0]);
    expect(kinds).toEqual(expect.arrayContaining(['snake_case key', 'camelCase key', 'file name', "researchers' note"]));
    await page.close();
  });
});
