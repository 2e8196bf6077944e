// another place's item (issue 14, scope) for the district admin at a 1366 px desktop: the staff catalog opens its edit
// page although residents cannot see it (the page reads the staff item route), the admin adopts it and un-adopts it
// again (不再采用), each time through the versioned edit; residents see it only in between.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { notAdoptedItemsView, routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { api, shot } from './support/page-checks';
import { launchBrowser, settle, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

describe('catalog: an unadopted item of another place opens for staff, is adopted and un-adopted', () => {
  let stack: RunningStack;
  let admin: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let token = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startStack('catalog-adoption');
    token = (await api(stack.url, routes.staffLogin, { username: 'district', password: STAFF_PASSWORD })).token;
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

  const shown = () => page.locator('.taro_page').filter({ visible: true }).first();
  const residentStatus = async (code: string) => (await fetch(`${stack.url}/api/catalog/items/${code}`)).status;
  const confirmModal = async (text: string) => {
    // Taro's H5 showModal: the confirm button sits in the dialog's footer
    await page.locator('.taro-modal__foot').getByText(text, { exact: true }).filter({ visible: true }).click();
  };

  it('opens the edit page of an unadopted item from the staff list, adopts it, then 不再采用 hides it again', async () => {
    const first = notAdoptedItemsView.parse(await api(stack.url, routes.notAdoptedItems, {}, { token })).items[0];
    expect(await residentStatus(first.code)).toBe(404);

    await page.goto(`${stack.url}/#/subpackages/staff-catalog/pages/items/index`);
    const row = shown().getByRole('button', { name: new RegExp(`^${first.name.replace(/[()（）]/g, '.')}`) });
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().focus();
    await page.keyboard.press('Enter');
    await shown().getByText('其他地方的做法，区里还没采用', { exact: true }).waitFor({ timeout: 30_000 });
    await shown().getByText(/居民看不到这一项/).first().waitFor();
    await settle(page);
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
    await shot(page, 'catalog-unadopted-edit');

    await shown().getByRole('button', { name: '采用', exact: true }).click();
    await confirmModal('采用');
    await shown().getByText('已采用，居民能看到这一项了').waitFor({ timeout: 30_000 });
    await shown().getByRole('button', { name: '不再采用', exact: true }).waitFor({ timeout: 30_000 });
    expect(await residentStatus(first.code)).toBe(200);

    await shown().getByRole('button', { name: '不再采用', exact: true }).click();
    await confirmModal('不再采用');
    await shown().getByText('已不再采用，居民看不到这一项了').waitFor({ timeout: 30_000 });
    await shot(page, 'catalog-unadopted-again');
    expect(await residentStatus(first.code)).toBe(404);

    const history = await api(stack.url, routes.catalogItemHistory, {}, { token, params: { itemCode: first.code } });
    const notes = (history.versions as { version: number; changeNote: string }[]).sort((a, b) => a.version - b.version).map((v) => v.changeNote);
    expect(notes.slice(-2)).toEqual([expect.stringContaining('采用'), expect.stringContaining('不再采用')]);
    expect(pageErrors).toEqual([]);
  });
});
