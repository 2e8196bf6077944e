// The seed's story, end to end in the H5 build at 390 px with the largest browser font and 长辈模式 on:
// the daughter (demo family) searches 活着证明, lands on 健在证明, follows it to the allowance and applies for 王建国 in
// four screens; the automatic checks pass; 梅村 staff take and approve the first review; the 7-day 公示 passes (the
// server is restarted on the same database with the development clock 8 days on); the street and the district
// approve; she sees 已通过 and an inbox message, and the local WeChat peer received the subscribe messages. Then two
// elders made up on the spot (put into the registry through its import): one passes the checks, one fails with the
// reason shown.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDigitOf, routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { api, expectNoHorizontalOverflow, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { launchBrowser, ROOT, screenshotPath, settle, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
const DEMO_USER = 'demo'; // the daughter of the seeded demo family (README)
const ELDER = '王建国';
const DAY_S = 24 * 3600;
const POLL_MS = 60_000;

/** the whole page in one picture (the H5 page scrolls inside Taro's container: grow the window to its height) */
async function shot(page: Page, name: string) {
  await settle(page);
  await expectNoHorizontalOverflow(page);
  const size = page.viewportSize() ?? { width: 390, height: 844 };
  const height = await page.evaluate(() =>
    Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none').map((p) => p.scrollHeight)),
  );
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height + 120, size.height), 9000) });
  await settle(page);
  await page.screenshot({ path: screenshotPath(name) });
  await page.setViewportSize(size);
}


const MEICUN = '421003003003';

/** a person the test makes up on the spot: a valid ID number (荆州区 prefix, check digit) born `age` years ago */
function madeUpElder(age: number, name: string) {
  const now = new Date();
  const year = now.getUTCFullYear() - age - 1; // birthday already passed this year whatever today is
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const first17 = `421003${year}${month}${day}${String(100 + Math.floor(Math.random() * 899))}`;
  return { name, idNumber: first17 + checkDigitOf(first17), birthDate: `${year}-${month}-${day}`, sex: Number(first17[16]) % 2 ? '男' : '女' };
}

/** puts people into the district copy of the registry through its real import (the roster file the police hand over) */
function importRoster(dataDir: string, people: ReturnType<typeof madeUpElder>[]) {
  const file = join(dataDir, `roster-${Date.now()}.csv`);
  const rows = people.map((p, i) => [p.idNumber, p.name, p.sex, p.birthDate, MEICUN, `00300399${String(90000 + i + Math.floor(Math.random() * 9000))}`].join(','));
  writeFileSync(file, ['身份证号,姓名,性别,出生日期,户籍地区划代码,户号', ...rows].join('\n') + '\n');
  const out = execFileSync(process.execPath, [join(ROOT, 'server', 'dist', 'cli', 'registry-import.js'), '--kind', 'roster', file], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DB_SQLITE_PATH: join(dataDir, 'e2e.sqlite') },
    encoding: 'utf8',
  });
  const summary = JSON.parse(out.trim().split('\n')[0]) as { status: string; acceptedRows: number };
  expect(summary).toMatchObject({ status: 'published', acceptedRows: people.length });
}

const visible = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

async function residentToken(url: string, user: string): Promise<string> {
  const { code } = await api(url, routes.devWechatCode, { user });
  return (await api(url, routes.wechatLogin, { code })).token as string;
}

async function staffToken(url: string, username: string): Promise<string> {
  return (await api(url, routes.staffLogin, { username, password: STAFF_PASSWORD })).token as string;
}

/** 梅村 staff confirm at the counter, after seeing the elder's ID card, that she acts for these elders (verified proxy) */
async function confirmAtCounter(url: string, token: string, elders: { name: string; idNumber: string }[]) {
  const staff = await staffToken(url, 'meicun');
  const members = (await api(url, routes.listFamilyMembers, {}, { token })).items as { id: string; name: string; verification: { state: string } }[];
  for (const e of elders) {
    const m = members.find((x) => x.name === e.name)!;
    if (m.verification.state !== 'verified') await api(url, routes.staffConfirmProxy, { elderIdNumber: e.idNumber, elderName: e.name }, { token: staff, params: { id: m.id } });
  }
}

/** polls until `check` holds, for at most `ms` (behaviour over time is bounded by time) */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = POLL_MS): Promise<T> {
  const until = Date.now() + ms;
  let last = await read();
  while (!check(last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    last = await read();
  }
  return last;
}

/** the resident accepts subscriptions for the allowance's messages: our credits and the WeChat peer's both go up */
async function subscribeToAllowance(stack: RunningStack, token: string, user: string, count = 10) {
  const templates = (await api(stack.url, routes.subscriptionTemplates, { purpose: 'allowance' }, { token })).items as { templateId: string }[];
  // @ts-expect-error the peer is plain JavaScript
  const { openidForUser } = (await import('../../scripts/wechat-peer/peer.mjs')) as { openidForUser: (u: string) => string };
  for (const { templateId } of templates) {
    for (let i = 0; i < count; i++) await api(stack.url, routes.reportSubscriptions, { results: [{ templateId, result: 'accept' }] }, { token });
    await fetch(`${stack.peerUrl}/__peer/credits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: openidForUser(user), templateId, count }) });
  }
  return { templates: templates.map((t) => t.templateId), openid: openidForUser(user) };
}

async function peerMessages(stack: RunningStack, openid: string): Promise<unknown[]> {
  return ((await (await fetch(`${stack.peerUrl}/__peer/messages?touser=${encodeURIComponent(openid)}`)).json()) as { messages: unknown[] }).messages;
}

// the allowance's job (公示 ending, re-checks) looks every 2 s instead of every minute, so the story does not wait for it
process.env.ALLOWANCE_JOB_POLL_SECONDS = '2';

describe('senior allowance in the H5 build: the seed story (390 px, largest font, 长辈模式)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jb-e2e-allowance-'));
  let stack: RunningStack;
  let resident: Browser;
  let staff: Browser;
  let page: Page;
  let staffPage: Page;
  let token = '';
  let openid = '';
  let applicationId = '';
  let messagesBeforeRestart = 0;
  const passing = madeUpElder(85, '赵桂英');
  const failing = madeUpElder(72, '钱德明');
  const pageErrors: string[] = [];

  async function openAsResident(path: string) {
    await page.goto(`${stack.url}/?devUser=${DEMO_USER}#${path}`);
  }

  async function startResident() {
    resident = await launchBrowser({ largestFont: true });
    page = await resident.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openAsResident('/pages/me/index');
    await turnOnElderMode(page);
  }

  async function startStaff(username: string) {
    staff = await launchBrowser({ largestFont: true });
    staffPage = await staff.context.newPage();
    staffPage.on('pageerror', (e) => pageErrors.push(e.message));
    await submitStaffLogin(staffPage, stack.url, username);
    await visible(staffPage, '工作台').waitFor({ timeout: 30_000 });
    await turnOnElderMode(staffPage);
  }

  beforeAll(async () => {
    stack = await startStack('allowance', { dataDir });
    token = await residentToken(stack.url, DEMO_USER);
    openid = (await subscribeToAllowance(stack, token, DEMO_USER)).openid;
    // only a verified proxy may apply: the demo daughter's relationship to 王建国 is confirmed at the counter first
    await confirmAtCounter(stack.url, token, [{ name: ELDER, idNumber: '42100319400315001X' }]);
    await startResident();
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** the four screens from 第1步 on; returns the new application's id (read from the status page's URL) */
  async function applyThroughScreens(elderName: string, shots?: string) {
    // screen 1 of 4: the elder
    await visible(page, '第1步（共4步）').waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: new RegExp(`^${elderName}（`) }).filter({ visible: true }).click();
    if (shots) await shot(page, `${shots}-1-elder`);
    await page.getByRole('button', { name: '下一步', exact: true }).filter({ visible: true }).click();

    // screen 2 of 4: the separate consent, in plain words
    await visible(page, /第2步（共4步）/).waitFor({ timeout: 30_000 });
    await visible(page, /谁能看到/).waitFor();
    // agreeing without saying who agrees is refused on the screen
    await page.getByRole('button', { name: '我已读懂，同意' }).filter({ visible: true }).click();
    await visible(page, '请选择是谁同意').waitFor();
    await page.getByRole('radio', { name: '老人委托我替他（她）办理' }).filter({ visible: true }).click();
    if (shots) await shot(page, `${shots}-2-consent`);
    await page.getByRole('button', { name: '我已读懂，同意' }).filter({ visible: true }).click();

    // screen 3 of 4: the account in the elder's name and a phone
    await visible(page, /第3步（共4步）/).waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: '银行卡或存折' }).filter({ visible: true }).click();
    await page.locator('input[aria-label="卡号或账号"]').filter({ visible: true }).fill('6217000012345678');
    await page.locator('input[aria-label="联系电话"]').filter({ visible: true }).fill('13800005678');
    if (shots) await shot(page, `${shots}-3-account`);
    await page.getByRole('button', { name: '下一步：核对' }).filter({ visible: true }).click();

    // screen 4 of 4: review, the account masked
    await visible(page, '第4步（共4步）').waitFor({ timeout: 30_000 });
    await visible(page, '银行卡或存折，尾号5678').waitFor();
    await visible(page, '138****5678').waitFor();
    await expect(page.getByText('6217000012345678').count()).resolves.toBe(0);
    if (shots) await shot(page, `${shots}-4-review`);
    await page.getByRole('button', { name: '提交申请' }).filter({ visible: true }).click();

    await visible(page, '申请已提交').waitFor({ timeout: 30_000 });
    // no file input anywhere in the flow
    await expect(page.locator('input[type="file"]').count()).resolves.toBe(0);
    const id = /[?&]id=([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(id).not.toBe('');
    return id;
  }

  it('the daughter searches 活着证明, lands on 健在证明 and applies for 王建国 in four screens', async () => {
    await openAsResident('/pages/index/index');
    const box = page.getByRole('search').locator('input').filter({ visible: true });
    await box.fill('活着证明');
    await page.getByRole('button', { name: '查一查' }).filter({ visible: true }).click();
    await page.getByRole('button', { name: /^健在证明/ }).filter({ visible: true }).first().click();
    await visible(page, '✗ 社区不再开具').waitFor({ timeout: 30_000 });
    await shot(page, 'allowance-0-item');
    await page.getByRole('button', { name: '为家人申请高龄津贴' }).filter({ visible: true }).click();
    applicationId = await applyThroughScreens(ELDER, 'allowance');
    const mine = await api(stack.url, routes.myAllowanceApplications, {}, { token });
    expect(mine.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);
  });

  it('runs the automatic checks and shows each as a plain sentence; the application waits for 梅村', async () => {
    await visible(page, '状态：社区初审中').waitFor({ timeout: POLL_MS });
    const detail = await api(stack.url, routes.getAllowanceApplication, {}, { token, params: { id: applicationId } });
    expect(detail.checks.length).toBeGreaterThanOrEqual(6);
    expect(detail.checks.every((c: { result: string }) => c.result === 'passed')).toBe(true);
    for (const c of detail.checks as { sentence: string }[]) await visible(page, c.sentence).waitFor();
    await shot(page, 'allowance-5-status-checked');
  });

  it('梅村 staff take the first review and approve it: the 公示 starts and shows in the community list', async () => {
    await startStaff('meicun');
    await staffPage.goto(`${stack.url}/#/subpackages/staff-allowance/pages/queue/index`);
    await staffPage.getByText(new RegExp(`^${ELDER}（`)).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await shot(staffPage, 'staff-allowance-queue');
    await staffPage.getByText(new RegExp(`^${ELDER}（`)).filter({ visible: true }).first().click();
    await visible(staffPage, '自动核对和依据').waitFor({ timeout: 30_000 });
    await visible(staffPage, /^来源：/).waitFor();
    await staffPage.getByRole('button', { name: '接手初审（我来负责）' }).filter({ visible: true }).click();
    await visible(staffPage, '社区初审：您的决定').waitFor({ timeout: 30_000 });
    await shot(staffPage, 'staff-allowance-detail');
    await staffPage.getByRole('radio', { name: '通过', exact: true }).filter({ visible: true }).click();
    await staffPage.getByRole('button', { name: '提交决定' }).filter({ visible: true }).click();
    await visible(staffPage, '状态：公示中').waitFor({ timeout: 30_000 });
    // the 公示 list printed for the notice board: an A4 PDF downloaded from the 公示中 tab
    await staffPage.goto(`${stack.url}/#/subpackages/staff-allowance/pages/queue/index`);
    await staffPage.getByRole('tab', { name: '公示中' }).filter({ visible: true }).click();
    const printButton = staffPage.getByRole('button', { name: /^打印.*的公示名单（A4 PDF）$/ }).filter({ visible: true });
    await printButton.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([staffPage.waitForEvent('download'), printButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^高龄津贴公示-梅村社区-\d{4}-\d{2}-\d{2}\.pdf$/);
    const saved = join(dataDir, 'publicity.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' })).toContain('王*国');
    await visible(staffPage, '公示名单已生成').waitFor();
    await shot(staffPage, 'staff-allowance-publicity-print');
    await staff.close();

    await openAsResident(`/subpackages/allowance/pages/publicity/index?code=421003003003`);
    await visible(page, /^王\*国，\d+岁$/).waitFor({ timeout: 30_000 });
    await shot(page, 'allowance-6-publicity');
    messagesBeforeRestart = (await peerMessages(stack, openid)).length;
  });

  it('after the 公示 week the street and the district approve, and she sees 已通过 with an inbox message', async () => {
    // a week on: the same database, the server's development clock 8 days ahead
    await resident.close();
    await stack.stop();
    // while it is down, two people made up on the spot go into the registry through its import (used by the last test)
    importRoster(dataDir, [passing, failing]);
    stack = await startStack('allowance-week-later', { dataDir, clockOffsetMs: 8 * DAY_S * 1000 });
    token = await residentToken(stack.url, DEMO_USER);
    // a new WeChat peer came up with the stack: WeChat's side of her subscriptions is given again (ours are in the database)
    await subscribeToAllowance(stack, token, DEMO_USER);
    // the made-up elders join her family before her browser opens (the last test applies for them)
    for (const p of [passing, failing]) {
      await api(stack.url, routes.addFamilyMember, { name: p.name, idNumber: p.idNumber, relationship: 'parent', communityCode: MEICUN }, { token });
    }
    await confirmAtCounter(stack.url, token, [passing, failing]);
    const after = await eventually(
      () => api(stack.url, routes.getAllowanceApplication, {}, { token, params: { id: applicationId } }),
      (a) => a.status === 'street_review',
    );
    expect(after.status).toBe('street_review');

    for (const [username, title] of [['chengnan', '街道审核'], ['district', '区民政局审批']] as const) {
      await startStaff(username);
      await staffPage.goto(`${stack.url}/#/subpackages/staff-allowance/pages/reviews/index`);
      await staffPage.getByText(new RegExp(`^${ELDER}（`)).filter({ visible: true }).first().click({ timeout: 30_000 });
      await visible(staffPage, `${title}：您的决定`).waitFor({ timeout: 30_000 });
      await staffPage.getByRole('radio', { name: '通过', exact: true }).filter({ visible: true }).click();
      await staffPage.getByRole('button', { name: '提交决定' }).filter({ visible: true }).click();
      await staffPage.getByText(/^状态：(区民政局审批中|已通过)$/).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
      await shot(staffPage, `staff-allowance-${username}`);
      if (username === 'district') {
        // the bracket settings say plainly that the amounts are defaults not confirmed for 荆州区
        await staffPage.goto(`${stack.url}/#/subpackages/staff-allowance/pages/policy/index`);
        await visible(staffPage, '这是默认值，还没有确认').waitFor({ timeout: 30_000 });
        await shot(staffPage, 'staff-allowance-policy');
      }
      await staff.close();
    }

    await startResident();
    await openAsResident(`/subpackages/allowance/pages/status/index?id=${applicationId}`);
    await visible(page, '状态：已通过').waitFor({ timeout: 30_000 });
    await visible(page, '从哪个月开始发').waitFor();
    await shot(page, 'allowance-7-approved');
    await openAsResident('/pages/messages/index');
    await page.getByRole('button', { name: /高龄津贴已批准/ }).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await visible(page, `${ELDER}的高龄津贴已批准`).waitFor();
    await shot(page, 'allowance-8-inbox');
  });

  it('an elder made up on the spot passes the checks; another, too young, fails with the reason shown', async () => {
    await openAsResident('/pages/services/index');
    await page.getByText('为家人申请高龄津贴', { exact: true }).filter({ visible: true }).click();
    const passed = await applyThroughScreens(passing.name);
    await visible(page, '状态：社区初审中').waitFor({ timeout: POLL_MS });
    await shot(page, 'allowance-9-generated-passed');
    const passedView = await api(stack.url, routes.getAllowanceApplication, {}, { token, params: { id: passed } });
    expect(passedView.checks.every((c: { result: string }) => c.result === 'passed')).toBe(true);

    await openAsResident('/pages/services/index');
    await page.getByText('为家人申请高龄津贴', { exact: true }).filter({ visible: true }).click();
    const failed = await applyThroughScreens(failing.name);
    await visible(page, '状态：自动核对没有通过').waitFor({ timeout: POLL_MS });
    const failedView = await api(stack.url, routes.getAllowanceApplication, {}, { token, params: { id: failed } });
    const age = (failedView.checks as { kind: string; result: string; sentence: string }[]).find((c) => c.kind === 'age')!;
    expect(age.result).toBe('failed');
    await visible(page, age.sentence).waitFor();
    await visible(page, '✗ 没通过').waitFor();
    // only the age failed: nothing to correct; the page says from which month they may apply instead
    expect(failedView.canResubmit).toBe(false);
    await visible(page, '接下来怎么办').waitFor();
    await visible(page, failedView.nextStep).waitFor();
    expect(failedView.nextStep).toMatch(/\d{4}年\d{1,2}月起就可以申请/);
    await expect(page.getByText('改正后重新提交').filter({ visible: true }).count()).resolves.toBe(0);
    await shot(page, 'allowance-10-generated-failed');

    // the family withdraws the consent: said plainly first, confirmed, then the application stops
    await page.getByRole('button', { name: '撤回同意', exact: true }).filter({ visible: true }).click();
    await visible(page, '确定要撤回同意吗？').waitFor();
    await visible(page, /这份申请马上停止办理/).waitFor();
    await shot(page, 'allowance-11-withdraw-confirm');
    await page.getByRole('button', { name: '确定撤回' }).filter({ visible: true }).click();
    await visible(page, '状态：已停止办理').waitFor({ timeout: 30_000 });
    await visible(page, '已撤回同意').waitFor();
    await shot(page, 'allowance-12-withdrawn');
    const withdrawn = await api(stack.url, routes.getAllowanceApplication, {}, { token, params: { id: failed } });
    expect([withdrawn.status, withdrawn.consentWithdrawnAt !== null]).toEqual(['closed', true]);

    // the allowance's front page lists the family's applications with who submitted them
    await openAsResident('/subpackages/allowance/pages/index/index');
    await visible(page, '我家老人的申请').waitFor({ timeout: 30_000 });
    await visible(page, '已停止办理（您提交的）').waitFor();
    await shot(page, 'allowance-13-my-applications');

    // the family tells the community that 赵桂英 died: careful words, a date, then 梅村 confirms it
    await openAsResident(`/subpackages/allowance/pages/status/index?id=${passed}`);
    await page.getByRole('button', { name: '告诉社区老人已去世' }).filter({ visible: true }).click();
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);
    await page.locator('input[aria-label="老人去世的日期"]').filter({ visible: true }).fill(yesterday);
    await shot(page, 'allowance-14-report-death');
    await page.getByRole('button', { name: '告诉社区', exact: true }).filter({ visible: true }).click();
    await visible(page, '已告诉社区，等社区核实').waitFor({ timeout: 30_000 });
    await shot(page, 'allowance-15-death-reported');
    const meicun = await staffToken(stack.url, 'meicun');
    const confirmed = await api(stack.url, routes.staffConfirmAllowanceDeath, { confirmed: true }, { token: meicun, params: { id: passed } });
    expect([confirmed.status, confirmed.deceased]).toEqual(['closed', true]);
    await page.reload();
    await visible(page, '状态：已停止办理').waitFor({ timeout: 30_000 });
  });

  it('the local WeChat peer received the subscribe messages, before and after the 公示', async () => {
    const later = await eventually(() => peerMessages(stack, openid), (m) => m.length >= 1);
    expect(messagesBeforeRestart).toBeGreaterThanOrEqual(1);
    expect(later.length).toBeGreaterThanOrEqual(1);
    expect(pageErrors).toEqual([]);
  });
});
