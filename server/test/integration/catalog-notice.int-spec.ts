import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { catalogItemDetail, noticeBoardView, routes } from '@jianban/shared';
import researchData from '../../src/catalog/seed-data/certificate-catalog.json';
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

describeEngines('notice board PDF on %s', (engine) => {
  let t: TestApp;
  let meicun: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'catalog-notice', env: { HANDLER_TIMEOUT_MS: '10000', CATALOG_NOTICE_FONT: FONT, CATALOG_NOTICE_FONT_FAMILY: 'NotoSansCJKsc-Regular' } });
    meicun = await t.loginStaff('meicun');
    admin = await t.loginStaff('district');
  });
  afterAll(async () => t?.close());

  const download = async (token: string, code = MEICUN) => {
    const r = await t.call(routes.noticeBoard, {}, { token, params: { code } });
    expect(r.status).toBe(200);
    const view = noticeBoardView.parse(r.body);
    return { view, pdf: Buffer.from(view.base64, 'base64') };
  };

  it('produces a multi-page PDF with an embedded CJK font and every item of both lists', async () => {
    const { view, pdf } = await download(meicun);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBe(view.sizeBytes);
    expect(view.pageCount).toBeGreaterThanOrEqual(3);
    expect(pagesIn(pdf)).toBe(view.pageCount);
    // embedded font program: TrueType (FontFile2) or CFF/OpenType (FontFile3, as Noto CJK is)
    expect(pdf.includes('/FontFile2') || pdf.includes('/FontFile3')).toBe(true);
    expect(pdf.includes('/ToUnicode')).toBe(true);
    expect(view.itemCount).toBe(researchData.items.length);
    for (const item of researchData.items) expect([item.name, pdf.includes(pdfString(item.name))]).toEqual([item.name, true]);
    expect(pdf.includes(pdfString('二、社区不再开具的证明事项及替代途径'))).toBe(true);
    expect(pdf.includes(pdfString('不存在的证明事项'))).toBe(false);
  });

  it('follows an edit and adds the community\'s own items to its board only', async () => {
    const d = catalogItemDetail.parse((await t.call(routes.catalogItem, {}, { params: { itemCode: 'HB-22' } })).body);
    await t.call(routes.updateCatalogItem, { baseVersion: d.version, changes: { name: '转学证明（学校出具）' }, changeNote: '改名' }, { token: admin, params: { itemCode: 'HB-22' } });
    const own = await t.call(routes.createCommunityItem, { name: '梅村公示测试证明', category: '其他' }, { token: meicun, params: { code: MEICUN } });
    expect(own.status).toBe(201);
    const { pdf } = await download(meicun);
    expect(pdf.includes(pdfString('转学证明（学校出具）'))).toBe(true);
    expect(pdf.includes(pdfString('梅村公示测试证明'))).toBe(true);
    const other = await download(admin, DONGMEN);
    expect(other.pdf.includes(pdfString('梅村公示测试证明'))).toBe(false);
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
