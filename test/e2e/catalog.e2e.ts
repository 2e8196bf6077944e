// the certificate catalog in the H5 build, at the browser's largest font and in 长辈模式:
// search the way residents ask, read the alternative route, report a demand, and a staff edit showing up at once
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoHorizontalOverflow, field, submitStaffLogin, turnOnElderMode } from './support/page-checks';
import { launchBrowser, screenshotPath, settle, startStack, type RunningStack } from './support/stack';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

// the smallest token (32px at design width 750) is 16.6 CSS px on a 390 px phone; 长辈模式 must stay above 17
const MIN_TEXT_PX = 17;
const STAFF_MIN_TEXT_PX = 16.6; // the staff console is checked without 长辈模式

/** the smallest visible text on the shown page (Taro keeps earlier pages in the DOM, hidden) */
async function smallestText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let min = { px: Infinity, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || el.closest('[style*="display: none"]')) continue;
      if (el.closest('[aria-hidden="true"]')) continue; // decorative marks (the ✓ inside a chosen option's circle)
      const px = parseFloat(style.fontSize);
      if (px < min.px) min = { px, text: n.textContent.trim().slice(0, 30) };
    }
    return min;
  });
}

/** the whole page in one picture: the H5 page scrolls inside Taro's container, so grow the window to its height */
async function fullShot(page: Page, shot: string) {
  const size = page.viewportSize() ?? { width: 390, height: 844 };
  const height = await page.evaluate(() =>
    Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none').map((p) => p.scrollHeight)),
  );
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height + 120, size.height), 9000) });
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelectorAll('.taro_page').forEach((p) => (p.scrollTop = 0));
  });
  await settle(page);
  await page.screenshot({ path: screenshotPath(shot) });
  await page.setViewportSize(size);
}

async function checkPage(page: Page, shot: string, minPx = MIN_TEXT_PX) {
  await settle(page);
  await expectNoHorizontalOverflow(page);
  const small = await smallestText(page);
  expect({ shot, ...small, ok: small.px >= minPx }).toEqual({ shot, ...small, ok: true });
  await fullShot(page, shot);
}

async function search(page: Page, q: string) {
  const box = page.getByRole('search').locator('input');
  await box.fill(q);
  await page.getByRole('button', { name: '查一查' }).click();
}

async function staffLogin(page: Page, url: string, username: string) {
  await submitStaffLogin(page, url, username);
  await page.getByText('工作台').waitFor({ timeout: 30_000 });
}

describe('certificate catalog in the H5 build (largest browser font, 长辈模式)', () => {
  let stack: RunningStack;
  let resident: Browser;
  let staff: Browser;
  const devUser = `cat${Date.now().toString(36)}`;
  const home = () => `${stack.url}/?devUser=${devUser}#/pages/index/index`;

  beforeAll(async () => {
    stack = await startStack('catalog');
    resident = await launchBrowser({ largestFont: true });
    staff = await launchBrowser({ largestFont: true });
    // every resident page below is checked in 长辈模式: the resident turns it on once, and the choice is kept
    const first = await resident.context.newPage();
    await first.goto(home());
    await first.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await turnOnElderMode(first);
    await first.close();
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await stack?.stop();
  });

  it('leads with a large search box and the two lists as tabs, by category', async () => {
    const page = await resident.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    // the choice made in beforeAll holds on a new page
    await expect(page.getByRole('switch', { name: '长辈模式（大字）' }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.getByRole('tab', { name: /社区不再开的证明/ }).waitFor();
    await page.getByText('健在证明', { exact: true }).waitFor();
    // in the order residents need them (issue 14 item 5): 健在证明 is the first row, not 缴费票据遗失证明
    await expect(page.getByRole('tabpanel').getByRole('listitem').first().textContent()).resolves.toMatch(/^健在证明/);
    const notIssuePanel = (await page.getByRole('tabpanel').textContent()) ?? '';
    for (const other of ['健康证明', '独生证明', '低收入证明', '子女死亡证明', '居住证明', '大月份引产证明']) expect([other, notIssuePanel.includes(other)]).toEqual([other, false]);
    await checkPage(page, 'catalog-home-not-issue');
    await page.getByRole('tab', { name: /社区还开的证明/ }).click();
    await expect(page.getByRole('tab', { name: /社区还开的证明/ }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByText(/^收养人婚姻状况/).first().waitFor();
    await expect(page.getByText('健在证明', { exact: true }).count()).resolves.toBe(0);
    // issue 14 (scope): other places' examples (Zhaoqing's 居(租)住证明, Shanxi's 党员 items …) are not 荆州区's list;
    // the short list says plainly that the district has not published its own
    await page.getByText(/区里还没有公布本区的“社区应当出具”清单/).waitFor();
    const panel = (await page.getByRole('tabpanel').textContent()) ?? '';
    for (const other of ['居(租)住证明', '贫困学生证明', '权属来源证明', '在职党员', '入党外调', '农村土地承包', '婚姻登记档案丢失']) expect([other, panel.includes(other)]).toEqual([other, false]);
    // every still-issued row says what to bring, or plainly that it is not written down yet
    const rows = page.getByRole('tabpanel').getByRole('listitem');
    const texts = await rows.allTextContents();
    expect(texts.length).toBe(2);
    for (const text of texts) expect(text).toMatch(/要带：|还没写明要带什么/);
    await checkPage(page, 'catalog-home-issue');
    // a should-issue item: materials and a button to book the visit
    await page.getByRole('button', { name: /^收养人婚姻状况/ }).click();
    await page.getByText('✓ 社区可以开').waitFor({ timeout: 30_000 });
    await page.getByText('要带的材料').waitFor();
    expect(await page.getByRole('list', { name: '要带的材料' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    await checkPage(page, 'catalog-item-issue');
    await page.getByRole('button', { name: '预约到社区办' }).click();
    await page.waitForURL(/subpackages\/booking\/pages\/start\/index\?catalogCode=IS-01/, { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds 健在证明 for 活着证明, says why, and shows its alternative route as numbered steps', async () => {
    const page = await resident.context.newPage();
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(page, '活着证明');
    const result = page.getByRole('button', { name: /健在证明/ }).first();
    await result.waitFor({ timeout: 30_000 });
    await expect(result.textContent()).resolves.toContain('活着证明');
    await checkPage(page, 'catalog-search-huozhe');
    await result.click();
    await page.getByText('✗ 社区不再开具').waitFor({ timeout: 30_000 });
    const steps = page.getByRole('list', { name: '现在怎么办' }).getByRole('listitem');
    expect(await steps.count()).toBeGreaterThanOrEqual(1);
    await expect(steps.first().textContent()).resolves.toMatch(/^1\S/);
    await page.getByText('找哪个部门').waitFor();
    await page.getByText('手机上能办吗').waitFor();
    await page.getByText(/区里还在逐条核对/).waitFor(); // 健在证明's route is inferred in the research data: one line of small print
    await page.getByText(/^最近核对：/).waitFor();
    await checkPage(page, 'catalog-item-jianzai');
    await page.close();
  });

  it('understands pinyin and initials', async () => {
    const page = await resident.context.newPage();
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(page, 'jzzm');
    // 健在证明, 居住证明 and 疾病状况证明 all read JZZM: 健在证明 must be among them, with the reason
    await page.getByRole('button', { name: /^健在证明/ }).getByText('按拼音首字母“JZZM”找到').waitFor({ timeout: 30_000 });
    await search(page, 'jianzaizhengming');
    const first = page.getByRole('button', { name: /证明/ }).first();
    await first.getByText('按拼音“jianzaizhengming”找到').waitFor({ timeout: 30_000 });
    await expect(first.textContent()).resolves.toMatch(/^健在证明/);
    await checkPage(page, 'catalog-search-pinyin');
    await page.close();
  });

  it('takes a whole sentence to the right certificate, and a question about a service to that service’s page', async () => {
    const page = await resident.context.newPage();
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(page, '我妈快九十了，发养老金的地方要我证明她还在世');
    // the answer first (the home page's own links also name 补贴 and 证明)
    await page.getByText(/^找到\d+项$/).waitFor({ timeout: 30_000 });
    const first = page.getByRole('button', { name: /证明|补贴|津贴/ }).first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.textContent()).resolves.toMatch(/^健在证明/);
    await checkPage(page, 'catalog-search-sentence');
    await search(page, '家里老人满八十了，政府给的补贴去哪领');
    const service = page.getByRole('button', { name: /高龄津贴/ }).first();
    await service.waitFor({ timeout: 30_000 });
    await service.click();
    await page.getByText(/高龄津贴/).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('/subpackages/allowance/pages/index/index');
    await checkPage(page, 'catalog-service-allowance');
    await page.close();

    // the shortest way residents ask for it lands on the allowance page too
    const short = await resident.context.newPage();
    await short.goto(home());
    await short.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(short, '老人补贴怎么领');
    await short.getByText(/^找到\d+项$/).waitFor({ timeout: 30_000 });
    const first2 = short.getByRole('button', { name: /证明|补贴|津贴/ }).first();
    await first2.waitFor({ timeout: 30_000 });
    await expect(first2.textContent()).resolves.toMatch(/^高龄津贴/);
    await checkPage(short, 'catalog-search-service-short');
    await first2.click();
    await short.getByText(/高龄津贴/).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    expect(short.url()).toContain('/subpackages/allowance/pages/index/index');
    await short.close();
  });

  it('a district admin adds a word that leads to a service, and a resident’s search follows it at once', async () => {
    const word = '石榴花开';
    const before = await resident.context.newPage();
    await before.goto(home());
    await before.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(before, word);
    await before.getByText(`没有找到“${word}”`).waitFor({ timeout: 30_000 });
    await before.close();

    const admin = await staff.context.newPage();
    await staffLogin(admin, stack.url, 'district');
    await admin.getByText('搜索里的服务用词').first().click();
    await admin.getByRole('tab', { name: '预约办事' }).click({ timeout: 30_000 });
    const words = field(admin, '搜索用词（一行一个）');
    await words.waitFor({ timeout: 30_000 });
    await words.fill(`${(await words.inputValue()).trim()}\n${word}（来源：e2e 居民来电）`);
    await field(admin, '为什么修改').fill('居民常这样问');
    await checkPage(admin, 'catalog-staff-service-words', STAFF_MIN_TEXT_PX);
    await admin.getByText('保存修改', { exact: true }).click();
    await admin.getByText('已保存').first().waitFor({ timeout: 30_000 });
    await admin.getByText(`加了：${word}`).waitFor({ timeout: 30_000 });
    await fullShot(admin, 'catalog-staff-service-words-saved');
    await admin.close();

    const page = await resident.context.newPage();
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(page, word);
    const service = page.getByRole('button', { name: /预约办事/ }).first();
    await service.waitFor({ timeout: 30_000 });
    await service.click();
    await page.waitForURL(/\/subpackages\/booking\/pages\/start\/index/, { timeout: 30_000 });
    await page.close();
  });

  it('answers a question it cannot match with the closest items and how to ask staff', async () => {
    const page = await resident.context.newPage();
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(page, '飞船怎么开到月亮上');
    await page.getByText('没有找到“飞船怎么开到月亮上”').waitFor({ timeout: 30_000 });
    await page.getByRole('note', { name: '可以直接问工作人员' }).waitFor();
    await checkPage(page, 'catalog-search-no-match');
    // clearing goes back to the lists
    await page.getByText('清空，看全部清单').click();
    await page.getByRole('tab', { name: /社区不再开的证明/ }).waitFor();
    await page.close();
  });

  it('shows a district admin’s edit in a resident’s search at once, with the history kept', async () => {
    const alias = `星空证明${Date.now().toString(36).slice(-4)}`;
    const channel = '鄂汇办（e2e 补充）';
    // negative control: before the edit nobody can find 健在证明 by the new word
    const before = await resident.context.newPage();
    await before.goto(home());
    await before.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(before, alias);
    await before.getByText(`没有找到“${alias}”`).waitFor({ timeout: 30_000 });
    await before.close();

    const admin = await staff.context.newPage();
    await staffLogin(admin, stack.url, 'district');
    await admin.getByText('证明事项清单').click();
    await admin.getByText('按名称找').waitFor({ timeout: 30_000 });
    await field(admin, '按名称找').fill('健在');
    await admin.getByRole('button', { name: /健在证明/ }).click();
    await admin.getByText('修改内容').waitFor({ timeout: 30_000 });
    const aliases = field(admin, '别名和常见说法');
    await aliases.fill(`${(await aliases.inputValue()).trim()}\n${alias}`);
    await field(admin, '网上办理渠道').fill(channel);
    await field(admin, '这次改了什么、为什么').fill('补充居民常用说法和网上渠道');
    await checkPage(admin, 'catalog-staff-edit', STAFF_MIN_TEXT_PX);
    await admin.getByText('保存修改', { exact: true }).click();
    await admin.getByText(/已保存为第\d+版/).waitFor({ timeout: 30_000 });
    await admin.getByText('说明：补充居民常用说法和网上渠道').waitFor({ timeout: 30_000 });
    await fullShot(admin, 'catalog-staff-edit-saved');
    await admin.close();

    const page = await resident.context.newPage();
    await page.goto(home());
    await page.getByText('想开什么证明？').waitFor({ timeout: 30_000 });
    await search(page, alias);
    await page.getByText(`也叫“${alias}”`).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /健在证明/ }).first().click();
    await page.getByText(`可以：${channel}`).waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('lets a resident report a demand and follow it in 我的反映 until the district answers', async () => {
    const place = `某某银行城南支行${Date.now().toString(36).slice(-3)}`;
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=NI-10`);
    await page.getByText('还有人要我开这张证明').click({ timeout: 30_000 });
    await page.getByText('在哪里被要求的？').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '提交给区里' }).click();
    await page.getByRole('alert').filter({ hasText: '请写一下是在哪里被要求的' }).waitFor();
    await field(page, '在哪里被要求的？').fill(place);
    await page.getByRole('radio', { name: '昨天' }).click();
    await field(page, '还想说点什么？（可以不填）').fill('柜台说要社区盖章才行');
    await checkPage(page, 'catalog-report-filled');
    await page.getByRole('button', { name: '提交给区里' }).click();
    await page.getByText('谢谢您，区里已经收到').waitFor({ timeout: 30_000 });
    await page.getByText('看我的反映').click();
    const mine = page.getByRole('listitem').filter({ hasText: place });
    await mine.waitFor({ timeout: 30_000 });
    await expect(mine.textContent()).resolves.toContain('已收到');
    await checkPage(page, 'catalog-my-reports');

    // the district admin takes it up in the queue
    const admin = await staff.context.newPage();
    await admin.goto(`${stack.url}/#/subpackages/staff-catalog/pages/reports/index`);
    const row = admin.getByRole('listitem').filter({ hasText: place });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: '处理 健在证明' }).click();
    await row.getByRole('radio', { name: '正在核实' }).click();
    await field(row, '处理说明（居民会看到）').fill('已联系这家银行核实');
    await checkPage(admin, 'catalog-staff-report-queue', STAFF_MIN_TEXT_PX);
    await row.getByRole('button', { name: '保存' }).click();
    await admin.getByText('这里没有反映。').or(admin.getByRole('listitem').filter({ hasText: place })).first().waitFor();
    await admin.getByRole('tab', { name: '正在核实' }).click();
    await admin.getByRole('listitem').filter({ hasText: place }).waitFor({ timeout: 30_000 });
    await admin.close();

    await page.reload();
    const updated = page.getByRole('listitem').filter({ hasText: place });
    await updated.getByText('正在核实').waitFor({ timeout: 30_000 });
    await updated.getByText('区里回复：已联系这家银行核实').waitFor();
    await page.close();
  });

  it('lets community staff propose a change that takes effect only when the district admin accepts it', async () => {
    const department = `户籍所在地公安派出所（e2e${Date.now().toString(36).slice(-4)}）`;
    const community = await launchBrowser({ largestFont: true });
    try {
      const page = await community.context.newPage();
      await staffLogin(page, stack.url, 'meicun');
      await page.goto(`${stack.url}/#/subpackages/staff-catalog/pages/edit/index?code=NI-01`);
      await page.getByText('提出修改建议', { exact: true }).waitFor({ timeout: 30_000 });
      await field(page, '负责部门').fill(department);
      await field(page, '为什么要这样改').fill('居民常问去哪个派出所');
      await page.getByRole('button', { name: '提交修改建议' }).click();
      await page.getByText('修改建议已提交，区管理员采纳后才会生效。').waitFor({ timeout: 30_000 });
      await page.close();
    } finally {
      await community.close();
    }

    // not yet visible to residents
    const check = await resident.context.newPage();
    await check.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=NI-01`);
    await check.getByText('找哪个部门').waitFor({ timeout: 30_000 });
    await expect(check.getByText(department).count()).resolves.toBe(0);
    await check.close();

    const admin = await staff.context.newPage();
    await admin.goto(`${stack.url}/#/subpackages/staff-catalog/pages/proposals/index`);
    const row = admin.getByRole('listitem').filter({ hasText: department });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('理由：居民常问去哪个派出所');
    await checkPage(admin, 'catalog-staff-proposals', STAFF_MIN_TEXT_PX);
    await row.getByRole('button', { name: '采纳，生成新版本' }).click();
    await admin.getByRole('tab', { name: '已采纳' }).click();
    await admin.getByRole('listitem').filter({ hasText: department }).getByText(/已生成第\d+版/).waitFor({ timeout: 30_000 });
    await admin.close();

    const after = await resident.context.newPage();
    await after.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=NI-01`);
    await after.getByText(department).waitFor({ timeout: 30_000 });
    await after.close();
  });

  it('gives staff the notice-board PDF for a community', async () => {
    const admin = await staff.context.newPage();
    await admin.goto(`${stack.url}/#/subpackages/staff-catalog/pages/board/index`);
    await admin.getByRole('radio', { name: '梅村社区' }).click({ timeout: 30_000 });
    const [download] = await Promise.all([
      admin.waitForEvent('download', { timeout: 60_000 }),
      admin.getByRole('button', { name: '下载梅村社区的公示牌（PDF）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    const head = readFileSync(file).subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    await admin.getByText('公示牌已生成').waitFor({ timeout: 30_000 });
    await checkPage(admin, 'catalog-staff-board', STAFF_MIN_TEXT_PX);
    await admin.close();
  });

  it('shows the village work lists marked as examples', async () => {
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/work-lists/index`);
    await page.getByRole('tab', { name: '主责清单' }).waitFor({ timeout: 30_000 });
    await page.getByText('这是示例').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: '负面清单' }).click();
    await expect(page.getByRole('tab', { name: '负面清单' }).getAttribute('aria-selected')).resolves.toBe('true');
    await checkPage(page, 'catalog-work-lists');
    await page.close();
  });

  it('lets the district admin replace a work list with the district\'s own, which residents then read without the example mark', async () => {
    const entry = `不得要求村（社区）出具清单以外的证明（e2e${Date.now().toString(36).slice(-4)}）`;
    const admin = await staff.context.newPage();
    await staffLogin(admin, stack.url, 'district');
    await admin.getByText('修改工作清单', { exact: true }).first().click();
    await admin.getByRole('tab', { name: '负面清单' }).click({ timeout: 30_000 });
    await admin.getByText('修改负面清单').waitFor({ timeout: 30_000 });
    const lines = field(admin, '清单内容（一行一项）');
    await lines.fill(`1. ${entry}\n2、不得把上级部门的考核任务交给社区`);
    await admin.getByRole('radio', { name: '荆州区正式公布的清单' }).click();
    await checkPage(admin, 'catalog-staff-work-list', STAFF_MIN_TEXT_PX);
    await admin.getByRole('button', { name: '保存修改' }).click();
    await admin.getByText(/负面清单现在是第 \d+ 版，共 2 项。/).waitFor({ timeout: 30_000 });
    await admin.close();

    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/work-lists/index`);
    await page.getByRole('tab', { name: '负面清单' }).click({ timeout: 30_000 });
    await page.getByText(entry).waitFor({ timeout: 30_000 });
    await expect(page.getByText('这是示例').filter({ visible: true }).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: '主责清单' }).click();
    await page.getByText('这是示例').filter({ visible: true }).waitFor(); // the untouched list keeps its example mark
    await page.close();
  });

  it('shows residents the departments a route sends them to, 待区管理员填写 until the district admin fills in and checks an entry (issue 14 item 1)', async () => {
    const page = await resident.context.newPage();
    await page.goto(`${stack.url}/?devUser=${devUser}#/subpackages/catalog/pages/item/index?code=NI-03`);
    const card = page.getByRole('list', { name: '部门的地址和电话' }).getByRole('listitem').filter({ hasText: '户籍所在地派出所' });
    await card.waitFor({ timeout: 30_000 });
    await expect(card.textContent()).resolves.toContain('电话：待区管理员填写');
    // the route for a 户口簿 that is itself wrong comes first
    await expect(page.getByRole('list', { name: '现在怎么办' }).getByRole('listitem').first().textContent()).resolves.toMatch(/写错了.*派出所申请更正/);
    await checkPage(page, 'catalog-item-departments');

    const admin = await staff.context.newPage();
    await staffLogin(admin, stack.url, 'district');
    await admin.goto(`${stack.url}/#/subpackages/staff-catalog/pages/departments/index`);
    const entry = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: '户籍所在地派出所' }) });
    await entry.waitFor({ timeout: 30_000 });
    await field(entry, '办公时间').fill('工作日 8:30-17:30');
    await entry.getByRole('radio', { name: /已向这个部门核对过/ }).click();
    await field(entry, '这次填了什么、从哪里核实的').fill('到户籍窗口问过');
    await checkPage(admin, 'catalog-staff-departments', STAFF_MIN_TEXT_PX);
    await entry.getByRole('button', { name: '保存户籍所在地派出所' }).click();
    await admin.getByText(/^已核对：.+，/).first().waitFor({ timeout: 30_000 });
    await admin.close();

    await page.reload();
    const after = page.getByRole('list', { name: '部门的地址和电话' }).getByRole('listitem').filter({ hasText: '户籍所在地派出所' });
    await after.getByText('办公时间：工作日 8:30-17:30').waitFor({ timeout: 30_000 });
    await expect(after.textContent()).resolves.toContain('地址：待区管理员填写');
    await page.close();
  });
});
