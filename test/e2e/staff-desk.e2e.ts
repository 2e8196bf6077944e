// issue 14 items 9 and 11 at a PC (1366 px): staff check a resident in by holding the pass up to the PC's camera
// (Chromium's fake video capture plays a picture of the pass's QR code as rendered on the resident's phone), and
// export any span of days, the file downloading on the first press of 导出.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, field, shot, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { launchBrowser, shanghaiMorningOffsetMs, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';
import { seriousViolations } from './support/axe';

const COMMUNITY = '421003003003'; // 梅村社区, served by the seeded staff account `meicun`
const W = 640;
const H = 480;

/** the picture of the pass as one frame of a Y4M file (4:2:0, grey: the luma of each pixel, neutral chroma) */
function y4m(luma: Buffer): Buffer {
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma, chroma]);
}

describe('the staff desk at a PC: camera check-in and exports', () => {
  let stack: RunningStack;
  let resident: Awaited<ReturnType<typeof launchBrowser>>;
  let staff: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let staffPage: Page;
  let residentPage: Page;
  let itemIds: string[] = [];
  let bookingDay = '';
  let bookingSlots: string[] = [];
  let residentToken = '';
  let bookingId = '';
  const devUser = `desk${Date.now().toString(36)}`;
  const workDir = mkdtempSync(join(tmpdir(), 'jb-desk-'));
  const videoFile = join(workDir, 'pass.y4m');
  const pageErrors: string[] = [];
  const clockOffsetMs = shanghaiMorningOffsetMs();

  beforeAll(async () => {
    stack = await startStack('staff-desk', { clockOffsetMs });
    await publishUnknownYears(stack.url);
    const staffToken = (await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD })).token;
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, periods: [{ start: '00:00', end: '23:30' }] }));
    await api(stack.url, routes.staffUpdateBookingSettings, { openingHours: allDay, windowStartDays: 0, minNoticeMinutes: 0 }, { token: staffToken, params: { code: COMMUNITY } });
    const { code } = await api(stack.url, routes.devWechatCode, { user: devUser });
    residentToken = (await api(stack.url, routes.wechatLogin, { code })).token;
    const [item] = (await api(stack.url, routes.listServiceItems, {}, { token: residentToken, params: { code: COMMUNITY } })).items as { id: string }[];
    const a = await api(stack.url, routes.serviceAvailability, {}, { token: residentToken, params: { id: item.id } });
    type Day = { date: string; slots: { start: string; bookable: boolean }[] };
    const today = (a.days as Day[])[0];
    const slot = today.slots.find((s) => s.bookable)!;
    bookingId = (await api(stack.url, routes.createBooking, { serviceItemId: item.id, date: today.date, start: slot.start, selfName: '周桂芳', idempotencyKey: randomUUID() }, { token: residentToken })).id;
    await api(stack.url, routes.staffConfirmBooking, {}, { token: staffToken, params: { id: bookingId } });

    // the pass as the resident's phone draws it: a screenshot of its QR code, laid on a white 640×480 frame
    resident = await launchBrowser({ largestFont: true, clockOffsetMs });
    const r = await resident.context.newPage();
    await r.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/detail/index?id=${bookingId}`);
    const qr = r.locator('[role="img"][aria-label^="预约码二维码"]').filter({ visible: true });
    await qr.waitFor({ timeout: 30_000 });
    const png = (await qr.screenshot()).toString('base64');
    const luma = await r.evaluate(
      async ({ png, W, H }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = W;
        c.height = H;
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, W, H);
        const side = 400;
        ctx.drawImage(img, (W - side) / 2, (H - side) / 2, side, side);
        const d = ctx.getImageData(0, 0, W, H).data;
        let out = '';
        for (let i = 0; i < W * H; i++) out += String.fromCharCode(Math.round(0.299 * d[i * 4] + 0.587 * d[i * 4 + 1] + 0.114 * d[i * 4 + 2]));
        return btoa(out);
      },
      { png, W, H },
    );
    writeFileSync(videoFile, y4m(Buffer.from(luma, 'base64')));
    residentPage = r;
    itemIds = (await api(stack.url, routes.listServiceItems, {}, { token: residentToken, params: { code: COMMUNITY } })).items.map((i: { id: string }) => i.id);
    bookingDay = today.date;
    bookingSlots = today.slots.filter((s) => s.bookable).map((s) => s.start);

    staff = await launchBrowser({
      clockOffsetMs,
      viewport: { width: 1366, height: 900 },
      permissions: ['camera'],
      args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`],
    });
    staffPage = await staff.context.newPage();
    staffPage.on('pageerror', (e) => pageErrors.push(e.message));
    residentPage.on('pageerror', (e) => pageErrors.push(e.message));
    await submitStaffLogin(staffPage, stack.url, 'meicun');
    await staffPage.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await stack?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('checks the resident in from the PC camera: the pass held up to it is read and the booking is checked in', async () => {
    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/scan/index`);
    const start = page.getByRole('button', { name: '用摄像头扫码' }).filter({ visible: true });
    await start.waitFor({ timeout: 30_000 });
    // the decoder is not part of the page until the camera is turned on
    const decoder: string[] = [];
    page.on('request', (r) => {
      if (/qr-decoder/.test(r.url())) decoder.push(r.url());
    });
    const loaded = await page.evaluate(() => [...document.scripts].some((s) => /qr-decoder/.test(s.src)));
    expect(loaded).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await start.focus();
    await page.keyboard.press('Enter');
    await page.getByText('已签到：周桂芳').filter({ visible: true }).waitFor({ timeout: 30_000 });
    expect(decoder).toHaveLength(1);
    // the camera is off again once the code is read
    await expect(page.locator('video').count()).resolves.toBe(0);
    await shot(page, 'staff-desk-camera-check-in');
    const b = await api(stack.url, routes.getBooking, {}, { token: residentToken, params: { id: bookingId } });
    expect(b.status).toBe('checked_in');
  });

  it('exports a span of days typed in, and the file downloads on the first press of 导出', async () => {
    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/export/index`);
    await page.getByRole('radio', { name: '选择起止日期' }).filter({ visible: true }).click();
    const from = page.locator('input').filter({ visible: true }).nth(0);
    const to = page.locator('input').filter({ visible: true }).nth(1);
    // a span that ends before it starts is refused next to its field, and nothing is fetched
    await from.fill('2026-12-09');
    await to.fill('2026-12-01');
    await page.getByRole('button', { name: '导出', exact: true }).filter({ visible: true }).click();
    await page.getByText('结束日期不能早于开始日期').filter({ visible: true }).waitFor();
    const today = (await api(stack.url, routes.getBooking, {}, { token: residentToken, params: { id: bookingId } })).date as string;
    const weekBefore = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await from.fill(weekBefore);
    await to.fill(today);
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: '导出', exact: true }).filter({ visible: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`梅村社区-预约-${weekBefore}至${today}.xlsx`);
    const saved = join(workDir, 'export.xlsx');
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip
    await page.getByText(/^已导出 [1-9]\d* 条$/).filter({ visible: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'staff-desk-export-range');
    expect(pageErrors).toEqual([]);
  });

  it('takes the family phone with consent on the confirm page; staff see it masked and reveal it in the detail', async () => {
    const r = residentPage;
    await r.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await turnOnElderMode(r);
    const start = bookingSlots[bookingSlots.length - 1];
    await r.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/confirm/index?item=${itemIds[1]}&who=self&name=${encodeURIComponent('周桂芳')}&date=${bookingDay}&start=${start}`);
    const phone = field(r, '您的手机号（可以不填）');
    await phone.waitFor({ timeout: 30_000 });
    await phone.fill('13912345678');
    const confirm = r.getByRole('button', { name: '确认预约' }).filter({ visible: true });
    await confirm.click();
    await r.getByText(/同意工作人员用这个电话联系您/).filter({ visible: true }).first().waitFor();
    const consent = r.getByRole('switch', { name: '同意工作人员用这个电话联系我' }).filter({ visible: true });
    await consent.click();
    await expect(consent.getAttribute('aria-checked')).resolves.toBe('true');
    expect(await seriousViolations(r)).toEqual([]);
    await shot(r, 'booking-confirm-phone-consent');
    await confirm.click();
    await r.getByText('到社区时给工作人员看').filter({ visible: true }).waitFor({ timeout: 30_000 });
    const id = /[?&]id=([0-9a-f-]{36})/.exec(r.url())![1];

    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/detail/index?id=${id}`);
    await page.getByText('139****5678').filter({ visible: true }).waitFor({ timeout: 30_000 });
    await expect(page.getByText('13912345678').count()).resolves.toBe(0);
    const reveal = page.getByRole('button', { name: '查看完整号码' }).filter({ visible: true });
    await reveal.focus();
    await page.keyboard.press('Enter');
    // the full number only after the password again (step-up), typed and sent with Enter
    const dialog = page.getByRole('dialog', { name: '请再输一次密码' });
    await field(dialog, '您的登录密码').fill(STAFF_PASSWORD);
    await field(dialog, '您的登录密码').press('Enter');
    const call = page.locator('a[href="tel:13912345678"]').filter({ visible: true });
    await call.waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'staff-desk-phone-revealed');
    expect(pageErrors).toEqual([]);
  });
});
