// issue 14 item 8: staff find a pending booking for another day from the 工作台 in one click (待确认的预约), on a 1366 px
// desktop; an empty 今天 points at it; 我负责的 lists the cases the staff member confirmed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, shot, submitStaffLogin } from './support/page-checks';
import { launchBrowser, settle, shanghaiMorningOffsetMs, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';

const COMMUNITY = '421003003003'; // 梅村社区, served by the seeded staff account `meicun`
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** '2026-12-08' → 12月8日 周二 (as the queue's rows say it) */
function dayText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}
function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

describe('the staff queue across days in the H5 build', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let staffToken = '';
  let bookingId = '';
  let booking: { date: string; start: string; end: string };
  const elderName = '周桂芳';
  const pageErrors: string[] = [];
  // 10:00 Shanghai time for server and browser alike, so 今天 is one day for both
  const clockOffsetMs = shanghaiMorningOffsetMs();

  beforeAll(async () => {
    stack = await startStack('booking-queue', { clockOffsetMs });
    await publishUnknownYears(stack.url);
    staffToken = (await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD })).token;
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, periods: [{ start: '08:00', end: '18:00' }] }));
    await api(stack.url, routes.staffUpdateBookingSettings, { openingHours: allDay, windowStartDays: 0, minNoticeMinutes: 0 }, { token: staffToken, params: { code: COMMUNITY } });
    // a resident books 居住证明 two days or more ahead: nothing today
    const { code } = await api(stack.url, routes.devWechatCode, { user: `q${Date.now().toString(36)}` });
    const residentToken = (await api(stack.url, routes.wechatLogin, { code })).token;
    const items = (await api(stack.url, routes.listServiceItems, {}, { token: residentToken, params: { code: COMMUNITY } })).items as { id: string; name: string }[];
    const item = items.find((i) => i.name === '居住证明') ?? items[0];
    const av = await api(stack.url, routes.serviceAvailability, {}, { token: residentToken, params: { id: item.id } });
    const days = av.days as { date: string; slots: { start: string; end: string; bookable: boolean }[] }[];
    const today = days[0].date;
    const day = days.find((d) => d.date >= addDays(today, 2) && d.slots.some((s) => s.bookable))!;
    const slot = day.slots.find((s) => s.bookable)!;
    booking = { date: day.date, start: slot.start, end: slot.end };
    const b = await api(stack.url, routes.createBooking, { serviceItemId: item.id, date: day.date, start: slot.start, selfName: elderName, idempotencyKey: randomUUID() }, { token: residentToken });
    bookingId = b.id;
    expect(b.status).toBe('pending');

    browser = await launchBrowser({ clockOffsetMs });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width: 1366, height: 900 });
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('finds the pending booking of another day from the 工作台 in one click, and opens it', async () => {
    const entry = page.getByText('待确认的预约', { exact: true }).filter({ visible: true });
    await entry.waitFor({ timeout: 30_000 });
    await entry.click(); // the one click
    const row = page.getByText(`${dayText(booking.date)}`, { exact: false }).filter({ visible: true }).first();
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain(`${booking.start}–${booking.end}`);
    await page.getByText(`${elderName} · 居住证明 · 还没人负责`).filter({ visible: true }).waitFor();
    await page.getByText('共 1 个').filter({ visible: true }).waitFor();
    await page.getByRole('tab', { name: '待确认', selected: true }).filter({ visible: true }).waitFor();
    await shot(page, 'staff-booking-queue');
    await row.click();
    await page.getByText('办理记录').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '确认预约', exact: true }).filter({ visible: true }).waitFor();
    expect(page.url()).toContain(`id=${bookingId}`);
  });

  it('an empty 今天 says how many pending bookings wait on other days and links to the queue', async () => {
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/day/index`);
    await page.reload();
    await page.getByText('今天没有预约。还有 1 个待确认的预约在别的日子。').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'staff-booking-day-empty');
    await page.getByRole('button', { name: '看待确认的预约 ›' }).filter({ visible: true }).click();
    await page.getByText(`${elderName} · 居住证明 · 还没人负责`).filter({ visible: true }).waitFor({ timeout: 30_000 });
    // negative control: the booking's own day lists it and shows no such notice
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/day/index?date=${booking.date}`);
    await page.reload(); // a fresh day page (the SPA would keep the day page already in its stack)
    await page.getByText(new RegExp(`^${elderName}$`)).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    expect(await page.getByText(/待确认的预约在别的日子/).filter({ visible: true }).count()).toBe(0);
  });

  it('我负责的 is empty until the staff member confirms the booking, then lists it (and 待确认 no longer does)', async () => {
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/queue/index`);
    await page.reload();
    await page.getByRole('tab', { name: '我负责的' }).filter({ visible: true }).click();
    await page.getByText('您手上没有没办完的预约').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await api(stack.url, routes.staffConfirmBooking, {}, { token: staffToken, params: { id: bookingId } });
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/queue/index?view=mine`);
    await page.reload();
    await page.getByText(`${elderName} · 居住证明 · 我负责`).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await page.getByText('我负责的预约 · 梅村社区').filter({ visible: true }).waitFor();
    await settle(page);
    await shot(page, 'staff-booking-queue-mine');
    await page.getByRole('tab', { name: '待确认' }).filter({ visible: true }).click();
    await page.getByText('没有待确认的预约').filter({ visible: true }).waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });
});
