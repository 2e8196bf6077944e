// the district admin manages staff accounts in the H5 console (1366 px, largest browser font): creates an account,
// hands over the temporary password; the new staff member (a phone, 390 px, 长辈模式) must replace it before working;
// the admin deactivates the account and its open session ends. Every step is checked through the API too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routes, staffAccountDetail } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, shot, turnOnElderMode } from './support/page-checks';
import { launchBrowser, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

const visible = (page: Page) => ({
  text: (t: string | RegExp, exact = false) => page.getByText(t, { exact }).filter({ visible: true }),
  button: (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' }).filter({ visible: true }),
  radio: (name: string | RegExp) => page.getByRole('radio', { name }).filter({ visible: true }),
  input: (label: string) => page.locator(`input[aria-label="${label}"]`).filter({ visible: true }),
});

async function loginByKeyboard(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/#/pages/staff-login/index`);
  await page.getByText('用户名').first().waitFor({ timeout: 30_000 });
  await page.locator('input[aria-label="用户名"]').fill(username);
  await page.locator('input[aria-label="密码"]').fill(password);
  await page.locator('input[aria-label="密码"]').press('Enter');
}

describe('staff accounts: the district admin creates, the staff member replaces the temporary password, the admin deactivates', () => {
  let stack: RunningStack;
  let admin: Awaited<ReturnType<typeof launchBrowser>>;
  let phone: Awaited<ReturnType<typeof launchBrowser>>;
  let adminPage: Page;
  let adminToken = '';
  const pageErrors: string[] = [];
  // a username this run has not used (the stack is fresh, but the name must not be a seeded one)
  const username = `wl${Date.now().toString(36).slice(-5)}`;
  let temporary = '';
  let accountId = '';

  beforeAll(async () => {
    stack = await startStack('staff-admin');
    adminToken = (await api(stack.url, routes.staffLogin, { username: 'district', password: STAFF_PASSWORD })).token;
    admin = await launchBrowser({ largestFont: true });
    phone = await launchBrowser({ largestFont: true });
    adminPage = await admin.context.newPage();
    await adminPage.setViewportSize({ width: 1366, height: 900 });
    adminPage.on('pageerror', (e) => pageErrors.push(e.message));
    await loginByKeyboard(adminPage, stack.url, 'district', STAFF_PASSWORD);
    await adminPage.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await admin?.close();
    await phone?.close();
    await stack?.stop();
  });

  it('creates an account for a 梅村 worker from the 工作台 and shows the temporary password once', async () => {
    const v = visible(adminPage);
    await v.text('工作人员账号', true).first().click();
    await v.button('新建工作人员账号').waitFor({ timeout: 30_000 });
    // the seeded staff are listed with role and place
    await v.text(/梅村社区 李敏（meicun）/).first().waitFor({ timeout: 30_000 });
    await v.button('新建工作人员账号').click();
    await v.input('用户名').waitFor({ timeout: 30_000 });
    // nothing filled: each field says what is missing, nothing is created
    await v.button('建好账号').click();
    await v.text(/用户名用3到32位/).first().waitFor();
    await v.input('用户名').fill(username);
    await v.input('姓名').fill('王丽');
    await v.radio('社区工作人员').click();
    await v.input('负责哪个社区或村').fill('梅村');
    await v.radio(/^梅村社区（城南街道）$/).click();
    await v.button('建好账号').click();
    await v.text('王丽的账号建好了').waitFor({ timeout: 30_000 });
    const shown = await adminPage.locator('.taro_page').filter({ visible: true }).first().innerText();
    temporary = /临时密码：\s*([A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4})/.exec(shown)?.[1] ?? '';
    expect(temporary).not.toBe('');
    await shot(adminPage, 'staff-admin-created');

    const list = await api(stack.url, routes.listStaffAccounts, { q: username }, { token: adminToken });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ displayName: '王丽', role: 'community_staff', mustChangePassword: true, region: { name: '梅村社区' } });
    accountId = list.items[0].id;
  });

  it('makes the new staff member replace the temporary password before anything else (390 px, 长辈模式)', async () => {
    const page = await phone.context.newPage();
    const v = visible(page);
    await page.goto(`${stack.url}/#/pages/me/index`);
    await turnOnElderMode(page);
    await loginByKeyboard(page, stack.url, username, temporary);
    await v.text('先换一个自己的密码').first().waitFor({ timeout: 30_000 });
    await shot(page, 'staff-admin-password-390-elder');
    await v.input('临时密码').fill(temporary);
    await v.input('新密码').fill('short');
    await v.input('再输一次新密码').fill('short');
    await v.button('改密码').click();
    await v.text(/新密码至少10位/).first().waitFor();
    await v.input('新密码').fill('plum-tree-by-the-gate');
    await v.input('再输一次新密码').fill('plum-tree-by-the-gate');
    await v.input('再输一次新密码').press('Enter');
    await v.text('以后请用新密码登录', false).first().waitFor({ timeout: 30_000 });
    await v.button('回到我的').click();
    await v.text('工作台').first().waitFor({ timeout: 30_000 });
    await v.text('今天的预约').first().waitFor();

    const detail = staffAccountDetail.parse(await api(stack.url, routes.getStaffAccount, {}, { token: adminToken, params: { id: accountId } }));
    expect(detail.account.mustChangePassword).toBe(false);
    expect(detail.audit.map((a) => a.action)).toEqual(['change_password', 'create']);
    await page.close();
  });

  it('deactivates the account after a second tap; the record lists every change', async () => {
    const v = visible(adminPage);
    await adminPage.goto(`${stack.url}/#/subpackages/staff-admin/pages/account/index?id=${accountId}`);
    await v.button('停用这个账号').waitFor({ timeout: 30_000 });
    await v.button('停用这个账号').click();
    await v.text(/确定停用王丽的账号吗/).first().waitFor();
    await v.button('确定停用').click();
    await v.button('重新启用这个账号').waitFor({ timeout: 30_000 });
    await v.text(/停用 · 荆州区民政局 陈刚/).first().waitFor({ timeout: 30_000 });
    await v.text(/本人改了密码/).first().waitFor();
    await v.text(/负责的地方：梅村社区/).first().waitFor();
    await shot(adminPage, 'staff-admin-account');
    const after = await fetch(`${stack.url}/api/auth/staff`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'plum-tree-by-the-gate' }),
    });
    expect(after.status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
