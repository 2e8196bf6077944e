import { describe, expect, it } from '@jest/globals';
import type { CatalogItemDetail } from '@jianban/shared';
import { changedFieldsText, changeNoteText, contentOf, diffContent, fromForm, lines, toForm, validateContent } from '../src/features/catalog/edit-form';
import { CATALOG_CONSOLE_LINKS } from '../src/features/catalog/console-links';
import { consoleLinksFor } from '../src/features/staff/console';

const detail: CatalogItemDetail = {
  code: 'NI-10',
  name: '健在证明',
  list: 'not_issue',
  category: '社会保障',
  aliases: ['活着证明'],
  scope: 'district',
  communityCode: null,
  inferred: true,
  routeSummary: '由发放部门核验',
  usedFor: '领养老金、高龄津贴',
  alternativeRoute: { steps: ['由发放部门通过数据比对确认', '需要时做人脸识别'], department: '民政部门', onlineChannel: null },
  materials: [],
  legalBasis: '民发〔2020〕20号',
  jurisdiction: 'national',
  sources: [],
  inferredFields: ['alternative_route'],
  inferredNote: '以社区确认为准',
  lastReviewedOn: '2026-11-01',
  everydayWords: [{ word: '活着证明', kind: 'name', source: null }, { word: '高龄津贴', kind: 'use', source: 'MCA2020' }],
  version: 3,
  updatedAt: '2026-11-01T00:00:00.000Z',
  communityItems: [],
};

describe('the staff edit form', () => {
  it('shows the inferred parts as Chinese labels and stores the research keys they stand for', () => {
    const content = { ...contentOf(detail), inferredFields: ['responsible_department', 'online_channel', '自填的部分'] };
    const form = toForm(content);
    expect(form.inferredFields).toBe('负责部门\n网上办理渠道\n自填的部分');
    expect(form.inferredFields).not.toMatch(/[a-z]_[a-z]/);
    expect(fromForm(form).inferredFields).toEqual(['responsible_department', 'online_channel', '自填的部分']);
  });

  it('says where a version came from without the data file name', () => {
    expect(changeNoteText('导入调研数据（certificate-catalog.json）')).toBe('导入调研数据');
    expect(changeNoteText('加入居民的日常说法（搜索用，everyday-words.json）')).toBe('加入居民的日常说法');
    expect(changeNoteText('补充网上办理渠道')).toBe('补充网上办理渠道');
  });

  it('round-trips an item through the form unchanged (nothing to save)', () => {
    const content = contentOf(detail);
    expect(fromForm(toForm(content))).toEqual(content);
    expect(diffContent(content, fromForm(toForm(content)))).toEqual({});
  });

  it('sends only the changed fields, with lists split by line and empty text as null', () => {
    const before = contentOf(detail);
    const form = toForm(before);
    form.onlineChannel = ' 鄂汇办 ';
    form.routeSteps = '第一步\n\n  第二步 \n第三步';
    form.department = '   ';
    form.aliases = '活着证明、生存证明，在世证明';
    form.everydayWords = '叫法：活着证明\n用来办：高龄津贴\n老人还在';
    expect(diffContent(before, fromForm(form))).toEqual({
      everydayWords: [
        { word: '活着证明', kind: 'name', source: null },
        { word: '高龄津贴', kind: 'use', source: 'MCA2020' },
        { word: '老人还在', kind: 'subject', source: null },
      ],
      onlineChannel: '鄂汇办',
      routeSteps: ['第一步', '第二步', '第三步'],
      department: null,
      aliases: ['活着证明', '生存证明', '在世证明'],
    });
  });

  it('splits lines and, for aliases, the Chinese list separators', () => {
    expect(lines('a\nb、c')).toEqual(['a', 'b、c']);
    expect(lines('a\nb、c；d', true)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('checks the content with the shared rules and answers in Chinese', () => {
    expect(validateContent(contentOf(detail))).toEqual({});
    const errors = validateContent({ ...contentOf(detail), name: '健', category: '', lastReviewedOn: '2026-02-30', routeSteps: Array(13).fill('步') });
    expect(Object.keys(errors).sort()).toEqual(['category', 'lastReviewedOn', 'name', 'routeSteps']);
    for (const msg of Object.values(errors)) expect(msg).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names changed fields in words for the history', () => {
    expect(changedFieldsText(['onlineChannel', 'routeSteps'])).toBe('网上办理渠道、替代途径');
    expect(changedFieldsText([])).toBe('（没有改内容）');
    expect(changedFieldsText(['somethingNew'])).toBe('somethingNew');
  });
});

describe('catalog pages in the staff 工作台', () => {
  it('shows proposal review and the report queue to the district admin only', () => {
    const urls = (role: Parameters<typeof consoleLinksFor>[0]) => consoleLinksFor(role).map((l) => l.title);
    expect(urls('district_admin')).toEqual(expect.arrayContaining(['证明事项清单', '修改建议', '居民反映', '下载门口公示牌']));
    expect(urls('community_staff')).toEqual(expect.arrayContaining(['证明事项清单', '我提的修改建议', '下载门口公示牌']));
    expect(urls('community_staff')).not.toContain('居民反映');
    expect(urls('community_staff')).not.toContain('修改建议');
    expect(urls('street_reviewer')).not.toContain('居民反映');
    for (const l of CATALOG_CONSOLE_LINKS) expect(l.url).toMatch(/^\/subpackages\/staff-catalog\/pages\/[a-z-]+\/index$/);
  });
});

describe('what a resident reads of an item\'s basis and sources', () => {
  it('keeps national, Hubei and Jingzhou texts and leaves out other places\' documents and English remarks', async () => {
    const { residentLegalBasis, residentSources } = await import('../src/features/catalog/resident-sources');
    expect(residentLegalBasis('国卫规划发〔2026〕5号; 晋民发〔2020〕72号 (山西取消村居出具); 民发〔2020〕20号')).toBe('国卫规划发〔2026〕5号；民发〔2020〕20号');
    expect(residentLegalBasis('民发〔2020〕20号; 《民法典》宣告失踪 (inferred)')).toBe('民发〔2020〕20号；《民法典》宣告失踪');
    expect(residentLegalBasis('重庆 依法出具证明事项清单 2023')).toBeNull();
    const src = (key: string, title: string) => ({ key, title, issuer: null, date: null, urls: [], note: null });
    expect(residentSources([src('MCA2020', '民政部等《指导意见》'), src('CQ2023', '重庆市涉村(社区)事项“四清单一目录”'), src('HB2020', '《湖北省不应由基层群众性自治组织出具证明事项清单》')]).map((s) => s.key)).toEqual(['MCA2020', 'HB2020']);
  });
});
