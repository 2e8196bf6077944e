// the district admin enters next year's statutory holiday schedule in the staff console (H5, largest browser font):
// a line it cannot read is named by its number, nothing is saved until it is fixed, and the year then shows as entered
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectNoHorizontalOverflow, field, submitStaffLogin } from './support/page-checks';
import { launchBrowser, screenshotPath, settle, startStack, type RunningStack } from './support/stack';

describe('statutory holiday schedule in the staff console', () => {
  let stack: RunningStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    stack = await startStack('holidays');
    browser = await launchBrowser({ largestFont: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lets the district admin enter a year the built-in data lacks, line by line, and shows it as entered', async () => {
    const page = await browser.context.newPage();
    await submitStaffLogin(page, stack.url, 'district');
    await page.getByText('工作台').first().waitFor({ timeout: 30_000 });
    await page.getByText('节假日安排', { exact: true }).first().click();
    await page.getByRole('radiogroup', { name: '看哪一年' }).waitFor({ timeout: 30_000 });
    // the page opens on the first year from now on that has no schedule, and says residents cannot book it
    const chosen = page.getByRole('radio', { checked: true });
    const label = (await chosen.textContent()) ?? '';
    expect(label).toContain('还没有安排');
    const year = Number(/(\d{4}) 年/.exec(label)![1]);
    // said once: by the gap banner when that year is within a month of the booking window, else by the page's own notice
    await page.getByText(new RegExp(`有年份还没有安排|${year} 年的节假日安排还没有发布`)).first().waitFor();
    const older = await page.getByText(/的日期居民现在约不了/).allTextContents();
    if ((await page.getByText(`${year} 年的节假日安排还没有发布`).count()) > 0) expect(older.filter((t) => t.includes(`${year} 年`))).toEqual([]);
    else expect(older.filter((t) => t.includes(`${year} 年`)).length).toBeGreaterThan(0);

    const lines = field(page, '放假和调休上班的日子');
    await lines.fill(`${year}-01-01 休 元旦\n明年元旦放一天\n${year}-10-01 至 ${year}-10-03 休 国庆节`);
    await page.getByText('第 2 行：看不懂这一行', { exact: false }).waitFor();
    await field(page, '依据（通知名称或文号）').fill(`国务院办公厅关于${year}年部分节假日安排的通知（e2e）`);
    await page.getByRole('button', { name: '保存并生效' }).click();
    await settle(page);
    await expect(page.getByText('已保存，所有社区已按这个安排预约').count()).resolves.toBe(0); // not saved while a line is wrong
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: screenshotPath('holidays-line-error'), fullPage: true });

    await lines.fill(`${year}-01-01 休 元旦\n${year}-10-01 至 ${year}-10-03 休 国庆节`);
    await page.getByRole('button', { name: '保存并生效' }).click();
    await page.getByText('已保存，所有社区已按这个安排预约').waitFor({ timeout: 30_000 });
    await page.getByText(`${year} 年：放假 4 天，调休上班 0 天`).waitFor();
    await page.getByRole('listitem').filter({ hasText: `${year}-10-01 至 ${year}-10-03  放假  国庆节` }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('radio', { checked: true }).textContent()).resolves.toContain('区里录入');
    await expectNoHorizontalOverflow(page);
    await settle(page);
    await page.screenshot({ path: screenshotPath('holidays-saved'), fullPage: true });
    await page.close();
  });
});
