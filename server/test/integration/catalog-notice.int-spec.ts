import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { catalogItemDetail, catalogListView, noticeBoardView, routes, type CatalogList } from '@jianban/shared';
import { testEngines } from '../support/engines';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

const MEICUN = '421003003003';
const DONGMEN = '421003002004';
// the system CJK font (Debian fonts-noto-cjk; .ci/run installs it when missing)
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

// how pdfkit writes a non-ASCII text string (outline titles): UTF-16BE with a BOM inside (…), with \ ( ) \r \n escaped
function pdfString(text: string): Buffer {
  const be = Buffer.from('\ufeff' + text, 'utf16le').swap16();
  const out: number[] = [];
  const esc: Record<number, string> = { 0x5c: '\\\\', 0x28: '\\(', 0x29: '\\)', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f' };
  for (const b of be) out.push(...(esc[b] ? Buffer.from(esc[b], 'latin1') : [b]));
  return Buffer.from(out);
}
const pagesIn = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;

// the text of one page in drawing order (poppler's pdftotext; .ci/run installs poppler-utils when missing)
function pageText(pdf: Buffer, page: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jb-board-')), 'board.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
}
// the numbered rows of a poster: "12. 出生证明 用出生医学证明" → 出生证明
const rowNames = (text: string) => text.split('\n').flatMap((l) => /^\d+\. (\S+)/.exec(l.trim())?.slice(1) ?? []);
// what the researchers wrote for themselves and test-like text: never on a board
const NOT_FOR_RESIDENTS = /原文未找到|供区管理员替换|表述[)）]|inferred|重庆政策|山西|\.json|示例|测试|[a-z]+_[a-z]+/;

describeEngines('notice board PDF on %s', (engine) => {
  let t: TestApp;
  let meicun: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'catalog-notice', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_NOTICE_FONT: FONT, CATALOG_NOTICE_FONT_FAMILY: 'NotoSansCJKsc-Regular', CATALOG_BOARD_APP_URL: 'http://127.0.0.1:8080/' } });
    meicun = await t.loginStaff('meicun');
    admin = await t.loginStaff('district');
  }, 180_000); // a fresh MariaDB database (all migrations) can take over a minute on a loaded machine
  afterAll(async () => t?.close());

  const download = async (token: string, code = MEICUN) => {
    const r = await t.call(routes.noticeBoard, {}, { token, params: { code } });
    expect(r.status).toBe(200);
    const view = noticeBoardView.parse(r.body);
    return { view, pdf: Buffer.from(view.base64, 'base64') };
  };

  // the names of one list exactly as the app shows it to the community's residents, in its order
  const appNames = async (list: CatalogList, community = MEICUN) => {
    const view = catalogListView.parse((await t.call(routes.catalogLists, { list, community }, {})).body);
    return view.lists[0].categories.flatMap((c) => c.items.map((i) => i.name));
  };

  it('prints one A3 landscape poster per list with exactly the items and order residents see, the date, version and a QR code', async () => {
    const { view, pdf } = await download(meicun);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBe(view.sizeBytes);
    expect([view.pageCount, pagesIn(pdf)]).toEqual([2, 2]);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 1190.55 841.89]');
    // embedded font program: TrueType (FontFile2) or CFF/OpenType (FontFile3, as Noto CJK is)
    expect(pdf.includes('/FontFile2') || pdf.includes('/FontFile3')).toBe(true);
    const [notIssue, issue] = [pageText(pdf, 1), pageText(pdf, 2)];
    expect(notIssue).toContain('社区不再开具的证明');
    expect(issue).toContain('社区可以开具的证明');
    expect(rowNames(notIssue)).toEqual(await appNames('not_issue'));
    expect(rowNames(issue)).toEqual(await appNames('issue'));
    expect(rowNames(notIssue).length + rowNames(issue).length).toBe(view.itemCount);
    for (const text of [notIssue, issue]) {
      expect(text).toContain(`第 ${view.catalogVersion} 版`);
      expect(text).toMatch(/更新于 \d{4}-\d{2}-\d{2}/);
      expect(text).toContain('扫码用手机查');
      expect(text).not.toMatch(NOT_FOR_RESIDENTS);
      expect(text.match(/核对中/g) ?? []).toHaveLength(1); // the unverified note once, in small print
    }
    // each not-issued item with its route on its row: 健在证明 first, with the line residents can act on
    expect(notIssue).toMatch(/^1\. 健在证明 发放部门自己核验，不用开$/m);
    // the negative control: the comparison fails for a list that differs from the board
    expect(rowNames(notIssue)).not.toEqual([...(await appNames('not_issue'))].reverse());
    expect(rowNames(notIssue.replace('健在证明', '活着证明'))).not.toEqual(await appNames('not_issue'));
  });

  it('follows an edit and adds the community\'s own items to its board only', async () => {
    const d = catalogItemDetail.parse((await t.call(routes.catalogItem, {}, { params: { itemCode: 'HB-22' } })).body);
    await t.call(routes.updateCatalogItem, { baseVersion: d.version, changes: { name: '转学证明（学校出具）' }, changeNote: '改名' }, { token: admin, params: { itemCode: 'HB-22' } });
    const own = await t.call(routes.createCommunityItem, { name: '梅村公示测试证明', category: '其他' }, { token: meicun, params: { code: MEICUN } });
    expect(own.status).toBe(201);
    const { pdf } = await download(meicun);
    expect(pdf.includes(pdfString('转学证明（学校出具）'))).toBe(true);
    expect(pdf.includes(pdfString('梅村公示测试证明'))).toBe(true);
    expect(rowNames(pageText(pdf, 2))).toEqual(await appNames('issue'));
    const other = await download(admin, DONGMEN);
    expect(other.pdf.includes(pdfString('梅村公示测试证明'))).toBe(false);
    expect(rowNames(pageText(other.pdf, 2))).toEqual(await appNames('issue', DONGMEN));
  });

  it('answers a community outside the caller\'s scope like a missing one', async () => {
    const out = await t.call(routes.noticeBoard, {}, { token: meicun, params: { code: DONGMEN } });
    const missing = await t.call(routes.noticeBoard, {}, { token: meicun, params: { code: '421003999999' } });
    expect([out.status, out.body.code]).toEqual([404, 'NOT_FOUND']);
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('notice board without a font', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testEngines()[0], { name: 'catalog-nofont', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_NOTICE_FONT: '/nonexistent/font.ttc' } });
  });
  afterAll(async () => t?.close());

  it('answers 503 CATALOG_NOTICE_FONT_MISSING without leaking the path', async () => {
    const token = await t.loginStaff('meicun');
    const r = await t.call(routes.noticeBoard, {}, { token, params: { code: MEICUN } });
    expect([r.status, r.body.code]).toEqual([503, 'CATALOG_NOTICE_FONT_MISSING']);
    expect(JSON.stringify(r.body)).not.toContain('/nonexistent');
  });
});

// CATALOG_BOARD_CODE=weapp: the posters carry a 小程序码 from wxacode.getUnlimited (the local WeChat peer over HTTP)
describeEngines('notice board with a 小程序码 on %s', (engine) => {
  let t: TestApp;
  let meicun: string;
  beforeAll(async () => {
    t = await startTestApp(engine, {
      name: 'catalog-wxacode',
      // generous deadlines: this checks what the poster carries, not how fast WeChat or the renderer answer
      env: { HANDLER_TIMEOUT_MS: '30000', WECHAT_TIMEOUT_MS: '15000', CATALOG_NOTICE_FONT: FONT, CATALOG_NOTICE_FONT_FAMILY: 'NotoSansCJKsc-Regular', CATALOG_BOARD_CODE: 'weapp', CATALOG_BOARD_APP_URL: 'http://127.0.0.1:8080/' },
    });
    meicun = await t.loginStaff('meicun');
  }, 180_000); // starting a server on a fresh database (MariaDB migrations) takes longer on a loaded machine
  afterAll(async () => t?.close());

  const download = async () => {
    const r = await t.call(routes.noticeBoard, {}, { token: meicun, params: { code: MEICUN } });
    expect(r.status).toBe(200);
    const view = noticeBoardView.parse(r.body);
    return { view, pdf: Buffer.from(view.base64, 'base64') };
  };
  const images = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
  // read in process (the peer runs in this process): an HTTP call from here just before a download would leave a
  // keep-alive socket that the peer closes while the server's first render blocks the shared event loop
  type Drawn = { scene: string; page: string; width: number };
  const codesAsked = (): Drawn[] => [...(t.peer as unknown as { state: { wxaCodes: Drawn[] } }).state.wxaCodes];

  it('prints the 小程序码 WeChat drew for the community (scene c=<community>, the home page) on both posters', async () => {
    const before = codesAsked().length;
    const { view, pdf } = await download();
    expect(view.pageCount).toBe(2);
    expect(images(pdf)).toBeGreaterThanOrEqual(1); // one image object, drawn on both pages
    const asked = codesAsked().slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ scene: `c=${MEICUN}`, page: 'pages/index/index', width: 430 });
    for (const page of [1, 2]) {
      const text = pageText(pdf, page);
      expect(text).toContain('微信扫码用手机查');
      expect(text).not.toContain('小程序码暂未取到');
    }
  });

  it('an errcode answer still prints both posters, without an image, saying so where the code would be; the next download asks again', async () => {
    const failing = await t.peerCall<{ ok: boolean }>('/__peer/fail', { endpoint: 'getwxacodeunlimit', errcode: 45009 });
    expect(failing.ok).toBe(true);
    // a different community of the same staff scope is not cached yet: it asks WeChat and gets the errcode
    const other = await t.call(routes.noticeBoard, {}, { token: await t.loginStaff('district'), params: { code: DONGMEN } });
    expect(other.status).toBe(200);
    const view = noticeBoardView.parse(other.body);
    const pdf = Buffer.from(view.base64, 'base64');
    expect(view.pageCount).toBe(2);
    expect(images(pdf)).toBe(0);
    for (const page of [1, 2]) {
      const text = pageText(pdf, page);
      expect(text.replace(/\s/g, '')).toContain('小程序码暂未取到，请稍后重新下载打印');
      expect(text).not.toContain('扫码用手机查');
    }
    // WeChat answers again (the peer forgets its tokens too: the server replaces the refused one and asks once more);
    // the next download carries the code, since the board without it was not kept
    await t.peerCall('/__peer/reset');
    const again = await t.call(routes.noticeBoard, {}, { token: await t.loginStaff('district'), params: { code: DONGMEN } });
    expect(again.status).toBe(200);
    expect(images(Buffer.from(noticeBoardView.parse(again.body).base64, 'base64'))).toBeGreaterThanOrEqual(1);
  });
});
