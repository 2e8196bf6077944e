// the district admin's department directory (1366 px, largest browser font) shows each department's history: who,
// when, which field, old → new (issue 14 item 1 leftover). The edits are made through the API; the page is read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { api, shot } from './support/page-checks';
import { launchBrowser, settle, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

describe('department directory: each department\'s history on the district admin\'s page', () => {
  let stack: RunningStack;
  let admin: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startStack('department-history');
    const token = (await api(stack.url, routes.staffLogin, { username: 'district', password: STAFF_PASSWORD })).token;
    const dept = (await api(stack.url, routes.catalogDepartments, {})).items.find((d: { code: string }) => d.code === 'police-hukou');
    const v2 = await api(stack.url, routes.updateDepartment, { baseVersion: dept.version, changes: { phone: '0716-8888888' }, checked: false, changeNote: '电话问过派出所' }, { token, params: { deptCode: 'police-hukou' } });
    await api(stack.url, routes.updateDepartment, { baseVersion: v2.version, changes: { phone: '0716-8888999', hours: '工作日 9:00-17:00' }, checked: false, changeNote: '号码换了' }, { token, params: { deptCode: 'police-hukou' } });
    admin = await launchBrowser({ largestFont: true });
    page = await admin.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${stack.url}/#/pages/staff-login/index`);
    await page.locator('input[aria-label="用户名"]').fill('district');
    await page.locator('input[aria-label="密码"]').fill(STAFF_PASSWORD);
    await page.locator('input[aria-label="密码"]').press('Enter');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await admin?.close();
    await stack?.stop();
  });

  it('opens a department\'s history by keyboard, newest first, with each field\'s old and new value', async () => {
    await page.goto(`${stack.url}/#/subpackages/staff-catalog/pages/departments/index`);
    const open = page.getByRole('button', { name: /^看修改记录：.*派出所/ }).filter({ visible: true }).first();
    await open.waitFor({ timeout: 30_000 });
    await open.focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('list', { name: /派出所.*的修改记录/ }).filter({ visible: true }).first();
    await list.waitFor({ timeout: 30_000 });
    const text = await list.innerText();
    // newest first: version 3 above version 2
    expect(text.indexOf('第 3 版')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('第 3 版')).toBeLessThan(text.indexOf('第 2 版'));
    expect(text).toContain('电话：“0716-8888888” → “0716-8888999”');
    expect(text).toContain('办公时间：空 → “工作日 9:00-17:00”');
    expect(text).toContain('电话：空 → “0716-8888888”');
    expect(text).toContain('说明：号码换了');
    await list.scrollIntoViewIfNeeded();
    await settle(page);
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
    await shot(page, 'department-history');
    expect(pageErrors).toEqual([]);
  });
});
