import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, scrollTo, shot, submitStaffLogin, syntheticElderId, turnOnElderMode } from './support/page-checks';
import { launchBrowser, settle, shanghaiMorningOffsetMs, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';

// book → staff confirms → the resident reads it in 消息 and sees the responsible person → staff checks in by typing the code.
// Both people use the largest browser font and 长辈模式; every screen is checked for horizontal overflow.

const COMMUNITY = '421003003003'; // 梅村社区, served by the seeded staff account `meicun`



async function elderModeOn(page: Page, url: string) {
  await page.goto(url);
  await turnOnElderMode(page);
  await page.getByText('已开启，字更大、按钮更大').filter({ visible: true }).waitFor();
}

describe('booking in the H5 build: resident books for a family member, staff confirms and checks in', () => {
  let stack: RunningStack;
  let resident: Awaited<ReturnType<typeof launchBrowser>>;
  let staff: Awaited<ReturnType<typeof launchBrowser>>;
  let residentPage: Page;
  let staffPage: Page;
  const devUser = `bk${Date.now().toString(36)}`;
  const elderName = '周桂芳';
  let residentToken = '';
  let staffName = '';
  let postTitle = '';
  let bookingId = '';
  let passCode = '';
  let bookingDate = '';
  const pageErrors: string[] = [];

  // the whole flow runs at 10:00 Shanghai time (server and browsers shifted alike): check-in works only for today's
  // bookings, and late in the evening no slot would be left today
  const clockOffsetMs = shanghaiMorningOffsetMs();

  beforeAll(async () => {
    stack = await startStack('booking', { clockOffsetMs });
    await publishUnknownYears(stack.url); // near a year's end the window may reach a year the calendar does not know
    // the centre opens all day, every day, and books from today
    const staffSession = await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD });
    staffName = staffSession.me.displayName;
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, periods: [{ start: '00:00', end: '23:30' }] }));
    const settings = await api(stack.url, routes.staffUpdateBookingSettings, { openingHours: allDay, windowStartDays: 0, minNoticeMinutes: 0 }, { token: staffSession.token, params: { code: COMMUNITY } });
    postTitle = settings.postTitle;
    // the resident and the elder they act for
    const { code } = await api(stack.url, routes.devWechatCode, { user: devUser });
    residentToken = (await api(stack.url, routes.wechatLogin, { code })).token;
    await api(stack.url, routes.addFamilyMember, { name: elderName, idNumber: syntheticElderId(), relationship: 'parent', communityCode: COMMUNITY }, { token: residentToken });

    resident = await launchBrowser({ largestFont: true, clockOffsetMs });
    staff = await launchBrowser({ largestFont: true, clockOffsetMs });
    residentPage = await resident.context.newPage();
    staffPage = await staff.context.newPage();
    for (const p of [residentPage, staffPage]) p.on('pageerror', (e) => pageErrors.push(e.message));
    await elderModeOn(residentPage, `${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await submitStaffLogin(staffPage, stack.url, 'meicun');
    await staffPage.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await turnOnElderMode(staffPage);
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await stack?.stop();
  });

  it('walks the resident through service → person → day and slot → confirm, and shows the pass with a QR code', async () => {
    const page = residentPage;
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/services/index`);
    await page.getByText('预约办事', { exact: true }).filter({ visible: true }).click();
    await page.getByRole('heading', { name: '办什么事' }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await page.getByText('梅村社区', { exact: true }).filter({ visible: true }).waitFor();
    await shot(page, 'booking-1-service');
    await page.getByRole('button', { name: /大约 \d+ 分钟/ }).filter({ visible: true }).first().click();

    await page.getByText('为谁预约', { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: new RegExp(`^${elderName}（父母`) }).filter({ visible: true }).click();
    await shot(page, 'booking-2-person');
    await page.getByText('下一步：选时间').filter({ visible: true }).click();

    await page.getByText('第一步：选日子').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'booking-3-days');
    await page.getByRole('button', { name: /还剩 \d+ 个名额/ }).filter({ visible: true }).first().click();
    await page.getByText(/第二步：选时间/).filter({ visible: true }).waitFor();
    await shot(page, 'booking-4-slots');
    await page.getByRole('button', { name: /还剩 \d+ 个名额/ }).filter({ visible: true }).first().click();

    await page.getByText('请一次带齐这些材料').filter({ visible: true }).waitFor({ timeout: 30_000 });
    // the exact deadline for cancelling or moving this visit, in Shanghai time
    // (or, for a slot starting within the cutoff — the centre here opens all day and books from now — that it cannot)
    await page.getByText(/最晚在\d+月\d+日 周. \d\d:\d\d以前可以取消或改时间|约好后不能在网上取消或改时间/).filter({ visible: true }).waitFor();
    await shot(page, 'booking-5-confirm');
    const confirm = page.getByRole('button', { name: '确认预约', exact: true }).filter({ visible: true });
    await scrollTo(confirm);
    await shot(page, 'booking-5b-confirm-bottom');
    // a double tap: the idempotency key of this screen makes it one booking
    await confirm.dblclick();
    await page.getByText('状态：待确认').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await page.getByText('预约已提交').filter({ visible: true }).waitFor();

    const mine = await api(stack.url, routes.myBookings, { scope: 'all' }, { token: residentToken });
    expect(mine.total).toBe(1);
    bookingId = mine.items[0].id;
    bookingDate = mine.items[0].date;
    passCode = (await api(stack.url, routes.getBooking, {}, { token: residentToken, params: { id: bookingId } })).passCode;
    await page.getByRole('img', { name: new RegExp(passCode) }).filter({ visible: true }).waitFor();
    await page.getByText('社区确认后，这里会写明负责接待您的工作人员').filter({ visible: true }).waitFor();
    await shot(page, 'booking-6-pass-pending');
  });

  it('lets the staff member find the booking in the day list and confirm it (becoming the responsible person)', async () => {
    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/day/index?date=${bookingDate}`);
    await page.getByRole('button', { name: /^筛选预约，现在看全部/ }).filter({ visible: true }).click();
    await page.getByRole('radio', { name: '待确认', exact: true }).filter({ visible: true }).click();
    await page.getByText('只看：待确认 ›').filter({ visible: true }).waitFor();
    await page.getByText(new RegExp(`${elderName}$`)).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await shot(page, 'staff-booking-day');
    await page.getByText(new RegExp(`${elderName}$`)).filter({ visible: true }).first().click();
    await page.getByText('办理记录').filter({ visible: true }).waitFor({ timeout: 30_000 });
    const confirmButton = page.getByRole('button', { name: '确认预约', exact: true }).filter({ visible: true });
    await scrollTo(confirmButton);
    await shot(page, 'staff-booking-actions');
    await confirmButton.click();
    await page.getByText('已确认预约').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await page.getByText(`${staffName}（${postTitle}）`).filter({ visible: true }).first().waitFor();
    await shot(page, 'staff-booking-confirmed');
    // the case log (<CaseLog>): the confirmation is its last row, by the staff member's name
    const confirmedRow = page.getByText(`${staffName}：确认预约`).filter({ visible: true });
    await confirmedRow.waitFor({ timeout: 30_000 });
    await scrollTo(confirmedRow);
    await shot(page, 'staff-booking-case-log');
  });

  it('tells the resident in 消息 (unread marked in words), and shows the responsible person on the booking', async () => {
    const page = residentPage;
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/messages/index`);
    await page.getByText('预约已确认').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('有 1 条未读消息').filter({ visible: true }).waitFor();
    await expect(page.getByText('未读', { exact: true }).filter({ visible: true }).count()).resolves.toBe(1);
    // the badge on 消息 in the tab bar (components/TabBar; Taro's own H5 bar with its .weui-badge is no longer drawn)
    const tab = page.getByRole('navigation', { name: '页面导航' }).filter({ visible: true }).getByRole('link', { name: /^消息/ });
    await expect(tab.getAttribute('aria-label')).resolves.toBe('消息1条未读');
    await expect(tab.getByText('1', { exact: true }).isVisible()).resolves.toBe(true);
    await shot(page, 'inbox-unread');

    await page.getByRole('button', { name: /^未读，预约已确认/ }).filter({ visible: true }).click();
    // read the text on the detail page itself: while it slides in, the list's row (showing the same text) is still visible
    const detail = page.locator('.taro_page', { has: page.getByText('查看我的预约') });
    await detail.getByText(new RegExp(`${elderName}的“.+”已确认`)).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'inbox-detail');
    await page.getByText('查看我的预约').filter({ visible: true }).click();
    await page.getByText('状态：已确认').filter({ visible: true }).waitFor({ timeout: 30_000 });
    const responsible = page.getByText(`${staffName}（${postTitle}）`).filter({ visible: true });
    await responsible.waitFor();
    await shot(page, 'booking-7-pass-confirmed');
    await scrollTo(responsible);
    await shot(page, 'booking-7b-pass-responsible');
    // the same <CaseLog> on the resident's page: the steps by name, no staff id
    const logRow = page.getByText(`${staffName}：确认预约`).filter({ visible: true });
    await scrollTo(logRow);
    await logRow.waitFor();
    await shot(page, 'booking-7c-case-log');

    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/messages/index`);
    await page.getByText('消息都已读过').filter({ visible: true }).waitFor({ timeout: 30_000 });
    const unread = await api(stack.url, routes.inboxUnread, {}, { token: residentToken });
    expect(unread.unread).toBe(0);
  });

  it('checks the resident in when staff type the pass code (spaces and lower case allowed), or a USB scanner types it and presses Enter', async () => {
    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/scan/index`);
    await page.getByText('预约码', { exact: true }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    const input = page.locator('input').filter({ visible: true }).first();
    await input.fill('WRONG123');
    await page.getByRole('button', { name: '签到', exact: true }).filter({ visible: true }).click();
    await page.getByText('没有签到成功').filter({ visible: true }).waitFor({ timeout: 30_000 });
    // a USB barcode scanner is a keyboard: it types the code fast and ends with Enter — nobody clicks 签到
    await input.fill('');
    await input.pressSequentially(passCode.toLowerCase().replace(/(.{4})/g, '$1 '), { delay: 5 });
    await input.press('Enter');
    await page.getByText(`已签到：${elderName}`).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'staff-check-in');
    const b = await api(stack.url, routes.getBooking, {}, { token: residentToken, params: { id: bookingId } });
    expect(b.status).toBe('checked_in');
    expect(b.responsible?.name).toBe(staffName);
    expect(pageErrors).toEqual([]);
  });

  it('names the day when a pass of another day is checked in, keeps 确定改时间 in view after a late slot, and names nobody on a cancelled booking (issue 14 item 7)', async () => {
    // a second booking, for another day than the one checked in above
    const [item] = (await api(stack.url, routes.listServiceItems, {}, { token: residentToken, params: { code: COMMUNITY } })).items as { id: string }[];
    const availability = await api(stack.url, routes.serviceAvailability, {}, { token: residentToken, params: { id: item.id } });
    type Day = { date: string; slots: { start: string; bookable: boolean }[] };
    const other = (availability.days as Day[]).find((d) => d.date !== bookingDate && d.slots.some((x) => x.bookable))!;
    const second = await api(stack.url, routes.createBooking, {
      serviceItemId: item.id, date: other.date, start: other.slots.find((x) => x.bookable)!.start, selfName: '王秀兰', idempotencyKey: randomUUID(),
    }, { token: residentToken });
    const code = (await api(stack.url, routes.getBooking, {}, { token: residentToken, params: { id: second.id } })).passCode as string;
    const [, m, d] = other.date.split('-').map(Number);

    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/scan/index`);
    const input = page.locator('input').filter({ visible: true }).first();
    await input.waitFor({ timeout: 30_000 });
    await input.fill(code);
    await input.press('Enter');
    await page.getByText(new RegExp(`这个预约是${m}月${d}日 周.(（[^）]+）)?的，不是今天，不能签到`)).filter({ visible: true }).waitFor({ timeout: 30_000 });

    // the resident moves it to the last free time of today's list: the question and its button are on screen at once
    const r = residentPage;
    await r.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/detail/index?id=${second.id}`);
    await r.getByRole('button', { name: '改时间', exact: true }).filter({ visible: true }).click();
    await r.getByText('第一步：选日子').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await r.getByRole('button', { name: /今天/ }).filter({ visible: true }).first().click();
    const free = r.getByRole('button', { name: /还剩 \d+ 个名额$/ }).filter({ visible: true });
    await free.first().waitFor({ timeout: 30_000 });
    expect(await free.count()).toBeGreaterThan(13);
    await scrollTo(free.last());
    await free.last().click();
    const ok = r.getByRole('button', { name: /^确定改时间/ }).filter({ visible: true });
    await ok.waitFor();
    await settle(r);
    const box = await ok.boundingBox();
    const viewport = r.viewportSize()!;
    expect(box && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    await shot(r, 'booking-reschedule-confirm');
    await ok.click();
    await r.getByText(/状态：/).filter({ visible: true }).first().waitFor({ timeout: 30_000 });

    // cancelled before anyone confirmed it: no promise that a staff member will be named
    await api(stack.url, routes.cancelBooking, {}, { token: residentToken, params: { id: second.id } });
    await r.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/detail/index?id=${second.id}`);
    await r.getByText('状态：已取消').filter({ visible: true }).waitFor({ timeout: 30_000 });
    expect(await r.getByText('社区确认后，这里会写明负责接待您的工作人员').filter({ visible: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
