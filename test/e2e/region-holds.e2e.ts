// the district admin (1366 px desktop, largest browser font, keyboard only) assigns an old placeholder community the
// move to the official codes held (issue 10 item 8) to an official one: the held rows move, the page says so, and a
// second assignment is refused. Every step is checked through the API too; axe finds nothing serious on the page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routes } from '@jianban/shared';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { api, shot } from './support/page-checks';
import { launchBrowser, ROOT, settle, startStack, STAFF_PASSWORD, type RunningStack } from './support/stack';

const HELD = 'H21003001002';

/**
 * what the move leaves in an installation that used the old placeholder 荆南社区: a hold and rows under its marker.
 * Written with the server's own SQLite driver; every NOT NULL column without a default gets a filler of its type.
 */
function seedHold(dbPath: string): void {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    const fill = (table, over) => {
      const row = {};
      for (const c of db.prepare('PRAGMA table_info(' + JSON.stringify(table) + ')').all()) {
        if (c.notnull && c.dflt_value === null) row[c.name] = /INT|BOOL/i.test(c.type) ? 1 : /DATE|TIME/i.test(c.type) ? '2026-11-02 01:00:00.000' : /TEXT/i.test(c.type) ? '[]' : require('crypto').randomUUID().replace(/-/g, '').slice(0, 12);
      }
      Object.assign(row, over);
      const names = Object.keys(row);
      db.prepare('INSERT INTO "' + table + '" (' + names.map((n) => '"' + n + '"').join(', ') + ') VALUES (' + names.map(() => '?').join(', ') + ')').run(...Object.values(row));
    };
    fill('region_code_hold', { held_code: '${HELD}', old_code: '421003001002', old_name: '荆南社区', old_parent_name: '城南街道', rows_json: '{}' });
    const account = db.prepare('SELECT id FROM staff_account LIMIT 1').get();
    for (const i of [1, 2]) fill('staff_account', { id: require('crypto').randomUUID(), username: 'jingnan' + i, display_name: '荆南旧账号' + i, role: 'community_staff', region_code: '${HELD}', active: 0, openid_hash: null });
    fill('booking_closure', { id: require('crypto').randomUUID(), community_code: '${HELD}', date: '2026-12-21' });
  `;
  execFileSync(process.execPath, ['-e', script, dbPath], { cwd: join(ROOT, 'server'), encoding: 'utf8' });
}

describe('held region codes: the district admin assigns an old community to an official one by keyboard', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jb-e2e-holds-'));
  let stack: RunningStack;
  let admin: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let token = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startStack('region-holds', { dataDir });
    seedHold(join(dataDir, 'e2e.sqlite'));
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
    rmSync(dataDir, { recursive: true, force: true });
  });

  const shown = () => page.locator('.taro_page').filter({ visible: true }).first();
  const focusAndPress = async (locator: ReturnType<Page['locator']>, key: 'Enter' | ' ') => {
    await locator.focus();
    await page.keyboard.press(key);
  };

  it('lists the held community with what waits under it, and moves it to the chosen official community', async () => {
    await page.goto(`${stack.url}/#/subpackages/staff-admin/pages/accounts/index`);
    const toHolds = page.getByRole('button', { name: /没对上的旧社区/ }).filter({ visible: true });
    await toHolds.waitFor({ timeout: 30_000 });
    await focusAndPress(toHolds, 'Enter');
    const row = shown().getByRole('button', { name: /荆南社区（原城南街道）/ });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(/工作人员账号 2 条、停办日 1 条|停办日 1 条、工作人员账号 2 条/);
    await settle(page);
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
    await shot(page, 'region-holds-list');

    await focusAndPress(row, 'Enter');
    const search = shown().locator('input[aria-label="归到哪个正式的社区或村"]');
    await search.waitFor({ timeout: 30_000 });
    await search.focus();
    await page.keyboard.type('民主');
    await page.keyboard.press('Enter');
    const choice = shown().getByRole('radio', { name: /^民主社区.*（西城街道）$/ });
    await choice.waitFor({ timeout: 30_000 });
    await focusAndPress(choice, ' ');
    const confirm = shown().getByRole('button', { name: /^归入民主社区/ });
    await confirm.waitFor({ timeout: 30_000 });
    await settle(page);
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
    await shot(page, 'region-holds-assign');
    await focusAndPress(confirm, 'Enter');

    await shown().getByText(/荆南社区（原城南街道）已归入民主社区/).waitFor({ timeout: 30_000 });
    await shown().getByText(/荆南社区（原城南街道） → 民主社区/).waitFor({ timeout: 30_000 });
    await shot(page, 'region-holds-done');

    // through the API: assigned, the rows moved, and a second assignment is refused with its code
    const { items } = await api(stack.url, routes.listRegionHolds, {}, { token });
    const hold = items.find((h: { heldCode: string }) => h.heldCode === HELD);
    expect(hold.assigned).toMatchObject({ code: '421003001002', streetName: '西城街道' });
    expect(hold.total).toBe(3);
    const staff = await api(stack.url, routes.listStaffAccounts, { q: 'jingnan', status: 'all' }, { token });
    expect(staff.items.map((s: { region: { code: string } }) => s.region.code)).toEqual(['421003001002', '421003001002']);
    const again = await fetch(`${stack.url}/api/staff/region-holds/${HELD}/assignment`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ regionCode: '421003001001' }),
    });
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([409, 'REGION_HOLD_ALREADY_ASSIGNED']);
    expect(pageErrors).toEqual([]);
  });
});
