// Issue 11 in the H5 build: the district admin, on a 1366 px console, uploads a hukou roster with one bad row, downloads
// its validation report on the first click, uploads a death file that is held (F5: the threshold is set low for this
// stack) and approves it from the keyboard; the list shows each import with its counts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDigitOf } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { expectNoHorizontalOverflow, submitStaffLogin } from './support/page-checks';
import { launchBrowser, screenshotPath, settle, startStack, type RunningStack } from './support/stack';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
const MEICUN = '421003003003';
/** the whole page in one picture (H5 scrolls inside Taro's container: grow the window to its height) */
async function shot(page: Page, name: string) {
  await settle(page);
  await expectNoHorizontalOverflow(page);
  const size = page.viewportSize() ?? { width: 1366, height: 900 };
  const height = await page.evaluate(() =>
    Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none').map((p) => p.scrollHeight)),
  );
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height + 120, size.height), 9000) });
  await settle(page);
  await page.screenshot({ path: screenshotPath(name) });
  await page.setViewportSize(size);
}

const visible = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

function madeUpPerson(i: number) {
  const first17 = `4210031938${String(1 + i).padStart(2, '0')}15${String(500 + Math.floor(Math.random() * 400))}`;
  return { name: ['周远山', '吴桂兰', '郑德厚', '冯秀梅'][i], idNumber: first17 + checkDigitOf(first17), birthDate: `1938-${String(1 + i).padStart(2, '0')}-15` };
}

describe('registry imports in the H5 staff console (1366 px, keyboard)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jb-e2e-registry-'));
  const people = [0, 1, 2, 3].map(madeUpPerson);
  let stack: RunningStack;
  let staff: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // any death file marking more than 2 people waits for approval on this stack (the default is 50 and 5 % of the copy)
    process.env.CIVIL_AFFAIRS_IMPORT_HOLD_MIN = '2';
    process.env.CIVIL_AFFAIRS_IMPORT_HOLD_SHARE = '0';
    stack = await startStack('registry-imports', { dataDir });
  });
  afterAll(async () => {
    delete process.env.CIVIL_AFFAIRS_IMPORT_HOLD_MIN;
    delete process.env.CIVIL_AFFAIRS_IMPORT_HOLD_SHARE;
    await staff?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uploads a roster, downloads its report on the first click, and approves a held death file', async () => {
    staff = await launchBrowser();
    const page = await staff.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width: 1366, height: 900 });
    await submitStaffLogin(page, stack.url, 'district');
    await visible(page, '户籍数据导入').waitFor({ timeout: 30_000 });
    await visible(page, '户籍数据导入').click();
    await visible(page, '上传数据文件').waitFor({ timeout: 30_000 });

    // the roster: three good rows and one with a wrong check digit
    const wrong = people[3].idNumber.slice(0, 17) + (people[3].idNumber[17] === '0' ? '1' : '0');
    const roster = join(dataDir, '户籍名单.csv');
    writeFileSync(roster, ['身份证号,姓名,性别,出生日期,户籍地区划代码,户号', ...people.map((p, i) => [i === 3 ? wrong : p.idNumber, p.name, '男', p.birthDate, MEICUN, `00300399${String(10000 + i)}`].join(','))].join('\n') + '\n');
    await page.getByRole('radio', { name: '户籍名单' }).filter({ visible: true }).click();
    await page.locator('#registry-file').setInputFiles(roster);
    await visible(page, '已选：户籍名单').waitFor();
    await page.getByRole('button', { name: '上传并导入' }).filter({ visible: true }).click();
    await visible(page, '共 4 行：导入 3 行，有问题 1 行。有问题的行没有导入，请在下面的记录里下载校验报告。').waitFor({ timeout: 30_000 });

    // one click, one file: the report names the row, the column and the reason
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: '下载校验报告：户籍名单' }).filter({ visible: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^校验报告-户籍名单-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = join(dataDir, 'report.csv');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe('\uFEFF行号,列,问题\r\n5,身份证号,身份证号校验位不对\r\n');
    await visible(page, '已下载，1 个问题。').waitFor({ timeout: 10_000 });

    // a death file marking all three: held until a district admin approves it
    const deaths = join(dataDir, '死亡名单.csv');
    writeFileSync(deaths, ['身份证号,姓名,死亡日期', ...people.slice(0, 3).map((p) => `${p.idNumber},${p.name},2026-11-01`)].join('\n') + '\n');
    await page.getByRole('radio', { name: '死亡记录' }).filter({ visible: true }).click();
    await page.locator('#registry-file').setInputFiles(deaths);
    await page.getByRole('button', { name: '上传并导入' }).filter({ visible: true }).click();
    await visible(page, '已暂停，等您核实').waitFor({ timeout: 30_000 });
    await shot(page, 'registry-imports-staff-1-held');

    // approved from the keyboard: focus, Enter, then the confirmation with Enter
    await page.getByRole('button', { name: '批准导入：死亡名单' }).filter({ visible: true }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: '已核对无误，确定导入' }).filter({ visible: true });
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '批准导入：死亡名单' }).filter({ visible: true }).waitFor({ state: 'detached', timeout: 30_000 });
    await visible(page, /^已导入；共 3 行：导入 3 行，有问题 0 行/).waitFor({ timeout: 30_000 });
    // the upload's own notice follows: no longer 已暂停
    await expect(page.getByText('已暂停，等待批准').filter({ visible: true }).count()).resolves.toBe(0);
    await shot(page, 'registry-imports-staff-2-approved');
    expect(pageErrors).toEqual([]);
  });
});
