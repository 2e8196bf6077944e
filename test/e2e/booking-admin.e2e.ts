// community staff configure their one-stop centre in the staff console (H5, largest browser font): opening hours, posts
// and the lead; a temporary closure; a service item. A wrong period shows the server's message next to the day and
// saves nothing. Each change is checked through the API and in what residents can book.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes, type AvailabilityView, type BookingSettingsView, type ServiceItemView } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, field, shot, submitStaffLogin } from './support/page-checks';
import { launchBrowser, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';
import { publishUnknownYears } from './support/statutory';

const COMMUNITY = '421003003003'; // 梅村社区, served by the seeded staff account `meicun`



const visible = (page: Page) => ({
  text: (t: string | RegExp, exact = false) => page.getByText(t, { exact }).filter({ visible: true }),
  button: (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' }).filter({ visible: true }),
  radio: (name: string | RegExp) => page.getByRole('radio', { name }).filter({ visible: true }),
  tab: (name: string) => page.getByRole('tab', { name, exact: true }).filter({ visible: true }),
});

describe('community staff configure their centre: hours, posts, lead, closures, service items; street reviewers read them', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let staffToken = '';
  let staffId = '';
  let staffName = '';
  let residentToken = '';
  const pageErrors: string[] = [];

  const settings = (): Promise<BookingSettingsView> => api(stack.url, routes.staffGetBookingSettings, {}, { token: staffToken, params: { code: COMMUNITY } });
  const residentItems = async (): Promise<ServiceItemView[]> => (await api(stack.url, routes.listServiceItems, {}, { token: residentToken, params: { code: COMMUNITY } })).items;
  const availability = async (): Promise<AvailabilityView> => {
    const [item] = await residentItems();
    return api(stack.url, routes.serviceAvailability, {}, { token: residentToken, params: { id: item.id } });
  };

  beforeAll(async () => {
    stack = await startStack('booking-admin');
    await publishUnknownYears(stack.url); // near a year's end the window may reach a year the calendar does not know
    const session = await api(stack.url, routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD });
    staffToken = session.token;
    staffId = session.me.id;
    staffName = session.me.displayName;
    const { code } = await api(stack.url, routes.devWechatCode, { user: `adm${Date.now().toString(36)}` });
    residentToken = (await api(stack.url, routes.wechatLogin, { code })).token;
    browser = await launchBrowser({ largestFont: true });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the seeded example, refuses a period that ends before it starts with the server message, then saves hours, posts and lead', async () => {
    const v = visible(page);
    const before = await settings();
    expect(before.isExample).toBe(true);
    await v.text('开放时间和窗口', true).first().click();
    await v.text('现在用的是示例值，还没人确认过').waitFor({ timeout: 30_000 });
    await v.radio(/^周二：08:30–12:00、14:30–17:30/).click();
    await v.text('周二的开放时间').waitFor();
    await shot(page, 'booking-admin-1-example');

    // a period ending before it starts: the client sends it, the server refuses it, its message sits under 周二
    await field(page, '第二段开始').fill('17:30');
    await field(page, '第二段结束').fill('14:30');
    await v.button('保存修改').click();
    await v.text('✗ 周二：开放时间段有重叠或结束早于开始').waitFor({ timeout: 30_000 });
    await v.text('没有保存').waitFor();
    await expect(v.radio(/^周二：.*（有错）$/).count()).resolves.toBe(1);
    await shot(page, 'booking-admin-2-server-error');
    expect(await settings()).toEqual(before); // nothing saved

    // afternoons 14:00–17:00 on every workday, 3 posts, the staff member as lead
    await field(page, '第二段开始').fill('14:00');
    await field(page, '第二段结束').fill('17:00');
    await v.button('周一到周五都用周二的时间').click();
    await v.radio(/^周五：08:30–12:00、14:00–17:00$/).waitFor();
    await v.tab('预约规则').click();
    await field(page, '综合服务岗有几个（每个时段能约几人）').fill('3');
    await v.tab('负责人').click();
    await v.radio(`${staffName}（${before.postTitle}）`).click();
    await v.text('改了：开放时间、综合服务岗数、社区负责人。点下面的“保存修改”才生效。').waitFor();
    await shot(page, 'booking-admin-3-lead');
    await v.button('保存修改').click();
    await v.text('已保存').waitFor({ timeout: 30_000 });
    await v.text(/改了：开放时间、综合服务岗数、社区负责人。居民从现在起按新的设置预约。/).waitFor();
    await expect(v.text('现在用的是示例值，还没人确认过').count()).resolves.toBe(0);
    await shot(page, 'booking-admin-4-saved');

    const after = await settings();
    expect(after.isExample).toBe(false);
    expect(after.postCount).toBe(3);
    expect(after.leadStaffId).toBe(staffId);
    for (const wd of [1, 2, 3, 4, 5]) {
      expect(after.openingHours.find((d) => d.weekday === wd)?.periods).toEqual([{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:00' }]);
    }
    expect(after.openingHours.filter((d) => d.periods.length).map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5]);
    // what residents can book: afternoon slots from 14:00 until 17:00, three places each
    const open = (await availability()).days.filter((d) => d.open && d.slots.length);
    expect(open.length).toBeGreaterThan(0);
    for (const day of open) {
      const starts = day.slots.map((s) => s.start);
      expect(starts).toContain('14:00');
      expect(starts).not.toContain('17:00');
      expect(day.slots.every((s) => s.end <= '12:00' || (s.start >= '14:00' && s.end <= '17:00'))).toBe(true);
      expect(day.slots.every((s) => s.capacity === 3)).toBe(true);
    }
  });

  it('adds a closure day, says bookings there are not cancelled, links to that day, then removes it after an in-place question', async () => {
    const v = visible(page);
    const day = (await availability()).days.find((d) => d.open && d.slots.length)!;
    const [y, m, d] = day.date.split('-').map(Number);
    const dayText = `${y}年${m}月${d}日 ${['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'][day.weekday]}`;
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/closures/index`);
    await v.text('以后没有临时闭馆的日子。').waitFor({ timeout: 30_000 });
    await v.button('添加闭馆日').click();
    await field(page, '哪一天闭馆').fill(`${y}/${m}/${d}`);
    await field(page, '闭馆原因（居民会看到）').fill('社区活动，暂停服务（e2e）');
    await shot(page, 'booking-admin-5-closure-form');
    await v.button('添加闭馆日').click();
    await v.text(`已设为闭馆：${dayText}`).waitFor({ timeout: 30_000 });
    await v.text(/这一天已经约好的预约不会自动取消/).first().waitFor();
    await page.getByRole('listitem', { name: `${dayText}，社区活动，暂停服务（e2e）` }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'booking-admin-6-closure-added');
    const closed = (await availability()).days.find((x) => x.date === day.date)!;
    expect(closed.open).toBe(false);
    expect(closed.closedReason).toBe('closure');
    expect(closed.closedNote).toBe('社区活动，暂停服务（e2e）');

    // the same day again: the server's "already closed" sits under the date
    await v.button('添加闭馆日').click();
    await field(page, '哪一天闭馆').fill(day.date);
    await field(page, '闭馆原因（居民会看到）').fill('再设一次');
    await v.button('添加闭馆日').click();
    await v.text('✗ 这一天已经设为闭馆了').waitFor({ timeout: 30_000 });
    await v.button('返回，不添加').click();

    // the link to that day's bookings, where staff cancel them
    await v.button(`看这天的预约：${dayText}`).click();
    await page.waitForURL(new RegExp(`staff-booking/pages/day/index\\?date=${day.date}`), { timeout: 30_000 });
    await v.text(new RegExp(`^梅村社区 · ${m}月${d}日`)).waitFor({ timeout: 30_000 });
    // the closures again, on a newly opened page: twice in fresh-clone runs on a loaded box the list did not reappear
    // after going back into Taro's page stack (once by history back, once by loading the hash); not reproduced locally
    const previous = page;
    page = await browser.context.newPage();
    await previous.close();
    const w = visible(page);
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/closures/index`);
    await page.getByRole('listitem', { name: `${dayText}，社区活动，暂停服务（e2e）` }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await w.button(`删除这个闭馆日：${dayText}`).click();
    await w.text(`确定删除吗？删除后 ${dayText} 恢复开门，居民可以预约。`).waitFor();
    await shot(page, 'booking-admin-7-closure-confirm');
    await w.button('确定删除').click();
    await w.text(`已删除：${dayText} 不再闭馆`).waitFor({ timeout: 30_000 });
    await w.text('以后没有临时闭馆的日子。').waitFor({ timeout: 30_000 });
    expect((await api(stack.url, routes.staffListClosures, {}, { token: staffToken, params: { code: COMMUNITY } })).items).toEqual([]);
    expect((await availability()).days.find((x) => x.date === day.date)?.open).toBe(true);
  });

  it('adds a service item with its materials, then deactivates it so residents no longer see it', async () => {
    const v = visible(page);
    const name = '老年证补办（e2e）';
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/service-items/index`);
    await v.button('新增服务事项').click({ timeout: 30_000 });
    await field(page, '事项名称').fill(name);
    await field(page, '大约要多少分钟').fill('15');
    await field(page, '要带的材料（每行写一样）').fill('本人身份证\n一寸照片');
    await shot(page, 'booking-admin-8-item-form');
    await v.button('添加这个事项').click();
    await v.text(`已添加“${name}”，居民现在可以预约。`).waitFor({ timeout: 30_000 });
    await page.getByRole('listitem', { name: `${name}，居民可以预约` }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    const added = (await residentItems()).find((i) => i.name === name);
    expect(added).toMatchObject({ durationMinutes: 15, materials: ['本人身份证', '一寸照片'], active: true });

    await v.button(`停用“${name}”`).click();
    await v.text(`已停用“${name}”：居民现在约不了这个事项。要恢复，点“重新启用”。`).waitFor({ timeout: 30_000 });
    await v.text(`${name}（已停用）`).waitFor({ timeout: 30_000 });
    await shot(page, 'booking-admin-9-item-stopped');
    expect((await residentItems()).some((i) => i.name === name)).toBe(false);
    const staffItems: ServiceItemView[] = (await api(stack.url, routes.staffListServiceItems, {}, { token: staffToken, params: { code: COMMUNITY } })).items;
    expect(staffItems.find((i) => i.name === name)?.active).toBe(false);
  });

  it('shows a street reviewer the same configuration as text, with nothing to change', async () => {
    const v = visible(page);
    await submitStaffLogin(page, stack.url, 'chengnan');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/settings/index?code=${COMMUNITY}`);
    await v.text('您可以查看。要修改，请本社区的工作人员或区管理员来改。').waitFor({ timeout: 30_000 });
    await v.text('08:30–12:00、14:00–17:00', true).first().waitFor();
    await v.text('3 个', true).waitFor();
    await v.text(`${staffName}（综合服务岗）`, true).waitFor({ timeout: 30_000 });
    await expect(v.button('保存修改').count()).resolves.toBe(0);
    // inside this page (Taro keeps the login page it came from in the DOM underneath, with its two inputs)
    const shown = page.locator('.taro_page', { has: page.getByText('您可以查看。要修改，请本社区的工作人员或区管理员来改。') });
    await expect(shown.count()).resolves.toBe(1);
    await expect(shown.locator('input, textarea').count()).resolves.toBe(0);
    await shot(page, 'booking-admin-10-read-only');
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/service-items/index?code=${COMMUNITY}`);
    await v.text('您可以查看。要新增、修改或停用，请本社区的工作人员或区管理员来做。').waitFor({ timeout: 30_000 });
    await expect(v.button('新增服务事项').count()).resolves.toBe(0);
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/closures/index?code=${COMMUNITY}`);
    await v.text('您可以查看。要添加或删除，请本社区的工作人员或区管理员来做。').waitFor({ timeout: 30_000 });
    await expect(v.button('添加闭馆日').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
