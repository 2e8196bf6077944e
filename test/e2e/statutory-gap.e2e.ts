// a month before the booking window reaches a year with no holiday schedule, the staff pages about bookings and holidays
// say so in plain words (H5, largest browser font, 长辈模式, 390 px wide): community staff are asked to contact the
// district admin, the district admin to publish it on 节假日安排
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes, type StatutoryGapView } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, shot, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { launchBrowser, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

/**
 * Server and browsers at 10:00 on 25 November of this year (Shanghai): within a month of the day the 14-day window
 * reaches 1 January, so next year shows as a gap while it has no schedule (or this year, if it has none either).
 */
function lateNovemberOffsetMs(now = Date.now()): number {
  const year = new Date(now + 8 * 3600_000).getUTCFullYear();
  return Date.parse(`${year}-11-25T10:00:00+08:00`) - now;
}

describe('the staff console warns about a coming year with no holiday schedule', () => {
  const clockOffsetMs = lateNovemberOffsetMs();
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let gap: NonNullable<StatutoryGapView['gap']>;
  const md = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;
  const banner = () => page.getByRole('alert').filter({ hasText: `${gap.year} 年的节假日安排还没有发布` }).filter({ visible: true });

  beforeAll(async () => {
    stack = await startStack('statutory-gap', { clockOffsetMs });
    const { token } = await api(stack.url, routes.staffLogin, { username: 'district', password: STAFF_PASSWORD });
    const found = ((await api(stack.url, routes.staffStatutoryGap, {}, { token })) as StatutoryGapView).gap;
    if (!found) throw new Error('no year without a schedule within a month of 25 November: the bundled package now covers next year — move this test to the first year it lacks');
    gap = found;
    browser = await launchBrowser({ largestFont: true, clockOffsetMs });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("shows community staff the day's list with the banner, asking them to contact the district admin", async () => {
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await turnOnElderMode(page);
    await page.goto(`${stack.url}/#/subpackages/staff-booking/pages/day/index`);
    await banner().waitFor({ timeout: 30_000 });
    const verb = gap.reachesOn <= new Date(Date.now() + clockOffsetMs + 8 * 3600_000).toISOString().slice(0, 10) ? '从' : '将于';
    await expect(banner().textContent()).resolves.toContain(
      `${gap.year} 年的法定节假日安排尚未发布，预约${verb} ${md(gap.reachesOn)}起${verb === '从' ? '已经' : ''}无法选择 ${gap.year} 年的日期，请联系区管理员到节假日页面发布。`,
    );
    await shot(page, 'statutory-gap-1-day-elder');
  });

  it('asks the district admin to enter the year on 节假日安排, and the banner goes once it is entered', async () => {
    await submitStaffLogin(page, stack.url, 'district');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.getByText('节假日安排', { exact: true }).first().click();
    await banner().waitFor({ timeout: 30_000 });
    await expect(banner().textContent()).resolves.toContain(`请在本页选 ${gap.year} 年录入并保存。`);
    await shot(page, 'statutory-gap-2-holidays-elder');

    const { token } = await api(stack.url, routes.staffLogin, { username: 'district', password: STAFF_PASSWORD });
    await api(stack.url, routes.staffPublishStatutoryYear, { source: `测试：${gap.year}年部分节假日安排的通知`, days: [{ date: `${gap.year}-01-01`, kind: 'holiday', name: '元旦' }] }, { token, params: { year: String(gap.year) } });
    await page.reload();
    await page.getByRole('radiogroup', { name: '看哪一年' }).filter({ visible: true }).waitFor({ timeout: 30_000 });
    await expect(banner().count()).resolves.toBe(0);
  });
});
