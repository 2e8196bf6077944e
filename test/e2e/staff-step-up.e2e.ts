// Issue 15 item 2: a staff member who asks for an elder's full account number is asked for their password again, in
// place, and the request goes through once it is right (a wrong one is said so and nothing is shown). Staff console at 1366 px.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALLOWANCE_CONSENT_VERSION, routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, field, shot, submitStaffLogin } from './support/page-checks';
import { launchBrowser, screenshotPath, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

const ACCOUNT = '6217000012345678';

describe('staff step-up before a full account number', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let applicationId = '';

  beforeAll(async () => {
    stack = await startStack('staff-step-up');
    // the seeded demo daughter is a verified proxy of 王建国 (README): she applies through the API
    const { code } = await api(stack.url, routes.devWechatCode, { user: 'demo' });
    const token = (await api(stack.url, routes.wechatLogin, { code })).token;
    const elder = (await api(stack.url, routes.listFamilyMembers, {}, { token })).items.find((m: { name: string }) => m.name === '王建国');
    const applied = await api(stack.url, routes.applyAllowance, {
      familyMemberId: elder.id, consent: { version: ALLOWANCE_CONSENT_VERSION, agreed: true, basis: 'proxy_entrusted' },
      account: { kind: 'bank_card', number: ACCOUNT }, phone: '13800005678',
    }, { token });
    applicationId = applied.id;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const visible = (text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

  it('asks for the password in place, refuses a wrong one, and shows the number after the right one', async () => {
    await page.goto(`${stack.url}/#/subpackages/staff-allowance/pages/detail/index?id=${applicationId}`);
    await visible('查看完整号码').waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: '完整收款账号' }).filter({ visible: true }).click();
    await field(page, '为什么要看（会记录下来）').fill('核对收款账户');
    await page.getByRole('button', { name: '查看', exact: true }).filter({ visible: true }).click();

    const dialog = page.getByRole('dialog', { name: '请再输一次密码' });
    await dialog.waitFor({ timeout: 30_000 });
    await expect(page.getByText(ACCOUNT).count()).resolves.toBe(0);
    await field(dialog, '您的登录密码').fill('not-my-password');
    await dialog.getByRole('button', { name: '确认', exact: true }).click();
    await dialog.getByText('密码不对，请重新输入').waitFor({ timeout: 30_000 });
    // not shot(): the 查看 button behind the dialog keeps its spinner going while the request waits, so the page never stands still
    await page.screenshot({ path: screenshotPath('staff-step-up-prompt') });
    await expect(page.getByText(ACCOUNT).count()).resolves.toBe(0);

    // Enter submits (keyboard use); the original request is retried by itself
    await field(dialog, '您的登录密码').fill(STAFF_PASSWORD);
    await field(dialog, '您的登录密码').press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await visible(ACCOUNT).waitFor({ timeout: 30_000 });
    await shot(page, 'staff-step-up-revealed');
  });

  it('cancelling leaves the number hidden and says why', async () => {
    await page.goto('about:blank');
    // a new login: its step-up is its own
    await submitStaffLogin(page, stack.url, 'meicun');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.goto(`${stack.url}/#/subpackages/staff-allowance/pages/detail/index?id=${applicationId}`);
    await visible('查看完整号码').waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: '完整身份证号' }).filter({ visible: true }).click();
    await field(page, '为什么要看（会记录下来）').fill('核对身份');
    await page.getByRole('button', { name: '查看', exact: true }).filter({ visible: true }).click();
    const dialog = page.getByRole('dialog', { name: '请再输一次密码' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await visible('查看完整信息前，请再输一次您的登录密码').waitFor({ timeout: 30_000 });
    await expect(page.getByText('42100319400315001X').count()).resolves.toBe(0);
  });
});
