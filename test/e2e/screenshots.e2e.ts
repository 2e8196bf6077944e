import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { api, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { ROOT, launchBrowser, settle, startStack, shanghaiMorningOffsetMs, type RunningStack } from './support/stack';

// the screenshots committed under docs/screenshots/ (issue 14): home, an item page and the booking pass at 390 px with
// 长辈模式 on, the staff queue at 1366 px, and the first page of each notice board. Every run refreshes them, so they
// follow the pages; commit them when they change.
const DIR = join(ROOT, 'docs', 'screenshots');
const clockOffsetMs = shanghaiMorningOffsetMs();
const devUser = `shots${Date.now().toString(36)}`;
const MAX_BYTES = 400 * 1024;

// PNG width from the IHDR chunk
const pngWidth = (file: string) => readFileSync(file).readUInt32BE(16);

describe('docs/screenshots', () => {
  let stack: RunningStack;
  let resident: Awaited<ReturnType<typeof launchBrowser>>;
  let staff: Awaited<ReturnType<typeof launchBrowser>>;
  let community = '';
  let bookingId = '';
  let staffToken = '';

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    // the posters' QR code: the development stack's own address
    process.env.CATALOG_BOARD_APP_URL = 'http://127.0.0.1:3000/';
    stack = await startStack('screenshots', { clockOffsetMs });
    const regions = (await api(stack.url, routes.regions, {})).items as { code: string; name: string; level: string }[];
    community = regions.find((r) => r.level === 'community' && r.name === '梅村社区')!.code;
    const staffSession = await api(stack.url, routes.staffLogin, { username: 'meicun', password: 'e2e-staff-pw' });
    staffToken = staffSession.token;
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, periods: [{ start: '00:00', end: '23:30' }] }));
    await api(stack.url, routes.staffUpdateBookingSettings, { openingHours: allDay, windowStartDays: 0, minNoticeMinutes: 0 }, { token: staffToken, params: { code: community } });
    const { code } = await api(stack.url, routes.devWechatCode, { user: devUser });
    const token = (await api(stack.url, routes.wechatLogin, { code })).token as string;
    const items = (await api(stack.url, routes.listServiceItems, {}, { token, params: { code: community } })).items as { id: string }[];
    const availability = await api(stack.url, routes.serviceAvailability, {}, { token, params: { id: items[0].id } });
    const day = (availability.days as { date: string; slots: { start: string; bookable: boolean }[] }[]).find((d) => d.slots.some((s) => s.bookable))!;
    const slot = day.slots.filter((s) => s.bookable).at(-1)!;
    const booking = await api(stack.url, routes.createBooking, { serviceItemId: items[0].id, date: day.date, start: slot.start, selfName: '王秀兰', idempotencyKey: randomUUID() }, { token });
    bookingId = booking.id;
    // a second family's booking stays pending: the staff queue shows it
    const other = (await api(stack.url, routes.wechatLogin, { code: (await api(stack.url, routes.devWechatCode, { user: `${devUser}b` })).code })).token as string;
    const later = day.slots.filter((s) => s.bookable).at(-2) ?? slot;
    await api(stack.url, routes.createBooking, { serviceItemId: items[0].id, date: day.date, start: later.start, selfName: '李桂英', idempotencyKey: randomUUID() }, { token: other });
    resident = await launchBrowser({ largestFont: true, clockOffsetMs });
    staff = await launchBrowser({ clockOffsetMs });
  });
  afterAll(async () => {
    delete process.env.CATALOG_BOARD_APP_URL;
    await resident?.close();
    await staff?.close();
    await stack?.stop();
  });

  async function save(page: Page, name: string): Promise<string> {
    await settle(page);
    const file = join(DIR, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true, scale: 'css' });
    return file;
  }

  it('the resident pages at 390 px with 长辈模式: home, an item page, the booking pass', async () => {
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await turnOnElderMode(page);
    // a tall phone screen: the page scrolls inside Taro's container, so the picture shows what fits the viewport
    await page.setViewportSize({ width: 390, height: 1400 });
    await page.goto(`${stack.url}/?devUser=${devUser}#/pages/index/index`);
    await page.getByText('健在证明').first().waitFor({ timeout: 30_000 });
    const home = await save(page, 'home');
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=NI-10`);
    await page.getByText('✗ 社区不再开具').waitFor({ timeout: 30_000 });
    const item = await save(page, 'item-jianzai');
    await api(stack.url, routes.staffConfirmBooking, {}, { token: staffToken, params: { id: bookingId } });
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/detail/index?id=${bookingId}`);
    await page.getByText('状态：已确认').filter({ visible: true }).waitFor({ timeout: 30_000 });
    const pass = await save(page, 'booking-pass');
    for (const file of [home, item, pass]) expect([file, pngWidth(file), statSync(file).size <= MAX_BYTES]).toEqual([file, 390, true]);
    await page.close();
  });

  it('the staff queue at 1366 px', async () => {
    const page = await staff.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/queue/index`);
    await page.locator('.taro_page').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('李桂英').first().waitFor({ timeout: 30_000 });
    const file = await save(page, 'staff-queue');
    expect([pngWidth(file), statSync(file).size <= MAX_BYTES]).toEqual([1366, true]);
    await page.close();
  });

  it('the first page of each notice board (poppler renders the PDF staff download)', async () => {
    const board = await api(stack.url, routes.noticeBoard, {}, { token: staffToken, params: { code: community } });
    const pdf = join(mkdtempSync(join(tmpdir(), 'jb-board-')), 'board.pdf');
    writeFileSync(pdf, Buffer.from(board.base64 as string, 'base64'));
    for (const [n, name] of [[1, 'notice-board-not-issued'], [2, 'notice-board-issued']] as const) {
      const out = join(DIR, name);
      execFileSync('pdftoppm', ['-png', '-singlefile', '-f', String(n), '-l', String(n), '-scale-to-x', '1190', '-scale-to-y', '-1', pdf, out]);
      const file = `${out}.png`;
      expect([pngWidth(file), statSync(file).size <= MAX_BYTES]).toEqual([1190, true]);
    }
  });
});
