// issue 14 item 2: the centre's address, phone and map position. Staff fill them in on the settings page (a bad phone
// is named next to its field and nothing is saved); a resident on a 390 px phone with 长辈模式 and the largest font
// then sees them on the pass, with the phone as a tel: link and the map as a 高德 link. Before staff fill them in, the
// pass says plainly that the community has not — nothing is made up.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { routes, type AvailabilityView, type BookingSettingsView, type ServiceItemView } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, field, scrollTo, shot, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { launchBrowser, shanghaiMorningOffsetMs, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';
import { seriousViolations } from './support/axe';

const COMMUNITY = '421003003003'; // 梅村社区, served by the seeded staff account `meicun`

describe('the centre address and phone: staff set them, residents see them on the pass', () => {
  let stack: RunningStack;
  let resident: Awaited<ReturnType<typeof launchBrowser>>;
  let staff: Awaited<ReturnType<typeof launchBrowser>>;
  let residentPage: Page;
  let staffPage: Page;
  let staffToken = '';
  let bookingId = '';
  let itemId = '';
  let catalogCode: string | null = null;
  let slotDate = '';
  let slotStart = '';
  const devUser = `ctr${Date.now().toString(36)}`;
  const pageErrors: string[] = [];
  const clockOffsetMs = shanghaiMorningOffsetMs();

  const settings = (): Promise<BookingSettingsView> => api(stack.url, routes.staffGetBookingSettings, {}, { token: staffToken, params: { code: COMMUNITY } });
  const vis = (page: Page, t: string | RegExp, exact = false) => page.getByText(t, { exact }).filter({ visible: true });
  beforeAll(async () => {
    stack = await startStack('booking-centre', { clockOffsetMs });
    await publishUnknownYears(stack.url);
    staffToken = (await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD })).token;
    const { code } = await api(stack.url, routes.devWechatCode, { user: devUser });
    const residentToken = (await api(stack.url, routes.wechatLogin, { code })).token;
    // a booking for the resident themself, on the first bookable slot
    const items: ServiceItemView[] = (await api(stack.url, routes.listServiceItems, {}, { token: residentToken, params: { code: COMMUNITY } })).items;
    const a: AvailabilityView = await api(stack.url, routes.serviceAvailability, {}, { token: residentToken, params: { id: items[0].id } });
    const day = a.days.find((d) => d.slots.some((s) => s.bookable))!;
    const slot = day.slots.find((s) => s.bookable)!;
    bookingId = (await api(stack.url, routes.createBooking, { serviceItemId: items[0].id, date: day.date, start: slot.start, selfName: '周桂芳', idempotencyKey: randomUUID() }, { token: residentToken })).id;
    itemId = items[0].id;
    catalogCode = items[0].catalogCode;
    const next = day.slots.filter((s) => s.bookable && s.remaining > 1)[0] ?? slot;
    slotDate = day.date;
    slotStart = next.start;

    resident = await launchBrowser({ largestFont: true, clockOffsetMs });
    staff = await launchBrowser({ largestFont: true, clockOffsetMs });
    residentPage = await resident.context.newPage();
    staffPage = await staff.context.newPage();
    for (const p of [residentPage, staffPage]) p.on('pageerror', (e) => pageErrors.push(e.message));
    await residentPage.goto(`${stack.url}/?devUser=${devUser}#/pages/me/index`);
    await turnOnElderMode(residentPage);
    await submitStaffLogin(staffPage, stack.url, 'meicun');
    await staffPage.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await stack?.stop();
  });

  const openPass = async () => {
    await residentPage.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/detail/index?id=${bookingId}`);
    await vis(residentPage, '到哪里办', true).waitFor({ timeout: 30_000 });
  };

  it('says plainly on the pass that the community has not filled in an address or phone yet', async () => {
    await openPass();
    await vis(residentPage, '社区还没有填写地址').waitFor();
    await vis(residentPage, '社区还没有填写电话').waitFor();
    await vis(residentPage, '周一到周五 08:30–12:00、14:30–17:30').waitFor();
    await vis(residentPage, '社区还没有写明要不要本人到场，可以打电话问').waitFor();
    await expect(residentPage.locator('a[href^="tel:"]').count()).resolves.toBe(0);
    await expect(residentPage.locator('a[href*="uri.amap.com"]').count()).resolves.toBe(0);
    await scrollTo(vis(residentPage, '到哪里办', true));
    await shot(residentPage, 'booking-centre-1-pass-unset');
    expect(await seriousViolations(residentPage)).toEqual([]);
  });

  it('staff fill in the address, phone and map position; a bad phone is named next to the field and nothing is saved', async () => {
    const page = staffPage;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/settings/index?code=${COMMUNITY}`);
    await page.getByRole('tab', { name: '地址和电话', exact: true }).filter({ visible: true }).click();
    await vis(page, '服务中心的地址、电话和地图位置').waitFor({ timeout: 30_000 });
    const before = await settings();
    await field(page, '地址').fill('测试路 1 号党群服务中心一楼');
    await field(page, '电话').fill('12345');
    await field(page, '纬度（地图位置，可不填）').fill('30.352817');
    await field(page, '经度（地图位置，可不填）').fill('112.190436');
    await page.getByRole('button', { name: '保存修改', exact: true }).filter({ visible: true }).click();
    await vis(page, /电话格式不对：座机请带区号/).waitFor();
    await vis(page, '没有保存').waitFor();
    await expect(page.getByRole('tab', { name: '地址和电话（有错）' }).count()).resolves.toBe(1);
    await scrollTo(vis(page, /电话格式不对：座机请带区号/));
    await shot(page, 'booking-centre-2-staff-bad-phone');
    expect(await settings()).toEqual(before);

    await field(page, '电话').fill('0716 123 4567');
    await page.getByRole('button', { name: '保存修改', exact: true }).filter({ visible: true }).click();
    await vis(page, '已保存').waitFor({ timeout: 30_000 });
    await vis(page, /改了：地址、电话、地图位置/).waitFor();
    await shot(page, 'booking-centre-3-staff-saved');
    expect(await seriousViolations(page)).toEqual([]);
    const after = await settings();
    expect(after).toMatchObject({ centreAddress: '测试路 1 号党群服务中心一楼', centrePhone: '0716-1234567', centreLocation: { latitude: 30.352817, longitude: 112.190436 } });
    // and, for the booked item, that the person must come (set through the API; the form is covered by the unit tests)
    await api(stack.url, routes.staffUpdateServiceItem, { inPerson: 'required' }, { token: staffToken, params: { id: itemId } });
  });

  it('the resident (长辈模式, 390 px) sees the address, a tel: link and a map link on the pass', async () => {
    await openPass();
    await vis(residentPage, '测试路 1 号党群服务中心一楼', true).waitFor({ timeout: 30_000 });
    await expect(vis(residentPage, '社区还没有填写地址').count()).resolves.toBe(0);
    const call = residentPage.locator('a[href^="tel:"]').filter({ visible: true });
    await expect(call.getAttribute('href')).resolves.toBe('tel:07161234567');
    await expect(call.innerText()).resolves.toContain('0716-1234567');
    const map = residentPage.locator('a[href*="uri.amap.com"]').filter({ visible: true });
    const href = new URL((await map.getAttribute('href'))!);
    expect(href.searchParams.get('position')).toBe('112.190436,30.352817');
    expect(href.searchParams.get('name')).toBe('梅村社区党群服务中心');
    // tap targets at least as tall as the app's buttons in 长辈模式
    for (const link of [call, map]) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(56);
    await expect(residentPage.locator('.jb-page.elder').filter({ visible: true }).count()).resolves.toBeGreaterThan(0); // 长辈模式 still on
    await vis(residentPage, '要本人到场办理', true).waitFor();
    await scrollTo(map);
    await shot(residentPage, 'booking-centre-4-pass');
    expect(await seriousViolations(residentPage)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('the confirm page shows the same centre card before the resident books', async () => {
    const q = new URLSearchParams({ item: itemId, code: COMMUNITY, who: 'self', name: '周桂芳', date: slotDate, start: slotStart });
    await residentPage.goto(`${stack.url}/?devUser=${devUser}#/subpackages/booking/pages/confirm/index?${q}`);
    await vis(residentPage, '到哪里办', true).waitFor({ timeout: 30_000 });
    await vis(residentPage, '测试路 1 号党群服务中心一楼', true).waitFor();
    await vis(residentPage, '要本人到场办理', true).waitFor();
    await expect(residentPage.locator('a[href^="tel:"]').filter({ visible: true }).getAttribute('href')).resolves.toBe('tel:07161234567');
    await scrollTo(vis(residentPage, '到哪里办', true));
    await shot(residentPage, 'booking-centre-5-confirm');
    expect(await seriousViolations(residentPage)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('the certificate item page that links to booking shows the centre of the resident\'s community', async () => {
    expect(catalogCode).toMatch(/^IS-\d+$/); // the seeded service item is linked to a 社区还开 item
    await residentPage.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=${catalogCode}&community=${COMMUNITY}`);
    await vis(residentPage, '预约到社区办', true).waitFor({ timeout: 30_000 });
    await vis(residentPage, '测试路 1 号党群服务中心一楼', true).waitFor({ timeout: 30_000 });
    await expect(residentPage.locator('a[href^="tel:"]').filter({ visible: true }).getAttribute('href')).resolves.toBe('tel:07161234567');
    await scrollTo(vis(residentPage, '测试路 1 号党群服务中心一楼', true));
    await shot(residentPage, 'booking-centre-6-item');
    expect(await seriousViolations(residentPage)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
