import { describe, expect, it } from '@jest/globals';
import { MATCH_KIND_TEXT, type MatchKind } from '@jianban/shared';
import { cleanQuery, displayText, formatDay, formatTime, residentSteps, SEARCH_INPUT_MAX, shortSummary, whyMatched } from '../src/features/catalog/search';
import { BOOKING_START, bookingUrl, CATALOG_PAGES, itemUrl, pageUrl, param } from '../src/features/catalog/urls';

const hit = (matchedBy: MatchKind, matchedText: string, name = '健在证明') => ({ matchedBy, matchedText, item: { name } });

describe('why a search result matched', () => {
  it('says a colloquial word is the same certificate (活着证明 → 健在证明)', () => {
    expect(whyMatched(hit('synonym', '活着证明'), '活着证明')).toBe('您说的“活着证明”，就是这张证明');
  });

  it('explains pinyin and initials with what was typed', () => {
    expect(whyMatched(hit('pinyin', 'jianzai'), ' jianzai ')).toBe('按拼音“jianzai”找到');
    expect(whyMatched(hit('initials', 'jzzm'), 'jzzm')).toBe('按拼音首字母“JZZM”找到');
  });

  it('names the alias, the partial match and the purpose keyword', () => {
    expect(whyMatched(hit('alias', '夫妻关系证明', '婚姻状况证明'), '夫妻关系')).toBe('也叫“夫妻关系证明”');
    expect(whyMatched(hit('partial', '居民财产证明', '居民财产证明'), '财产')).toBeNull();
    expect(whyMatched(hit('partial', '房产证明', '居民财产证明'), '房产')).toBe('和“房产证明”部分相同');
    expect(whyMatched(hit('keyword', '高龄补贴'), '我爸要领高龄补贴要开什么证明')).toBe('办“高龄补贴”，常会被要求开这张证明');
  });

  it('says nothing when the name itself matched, or an alias repeats the name', () => {
    expect(whyMatched(hit('name', '健在证明'), '健在证明')).toBeNull();
    expect(whyMatched(hit('alias', '健在证明'), '健在证明')).toBeNull();
  });

  it('has a reason for every match kind the contract can send (negative control: unknown kinds give none)', () => {
    for (const kind of Object.keys(MATCH_KIND_TEXT) as MatchKind[]) {
      const text = whyMatched(hit(kind, '别的说法'), 'abc');
      if (kind === 'name') expect(text).toBeNull();
      else expect(text).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(whyMatched(hit('nonsense' as MatchKind, 'x'), 'x')).toBeNull();
  });
});

describe('query cleaning', () => {
  it('trims, folds inner spaces and cuts to the box maximum', () => {
    expect(cleanQuery('  活着   证明 ')).toBe('活着 证明');
    expect(cleanQuery('\n\t')).toBe('');
    expect(cleanQuery('证'.repeat(500))).toHaveLength(SEARCH_INPUT_MAX);
  });
});

describe('dates for people', () => {
  it('writes days and times the Chinese way, in Shanghai time', () => {
    expect(formatDay('2026-11-07')).toBe('2026年11月7日');
    expect(formatDay(null)).toBe('');
    expect(formatDay('不是日期')).toBe('不是日期');
    // 16:30 UTC is 00:30 the next day in Shanghai
    expect(formatTime('2026-11-26T16:30:00.000Z')).toBe('2026年11月27日 00:30');
    expect(formatTime('garbage')).toBe('garbage');
  });
});

describe('page addresses', () => {
  it('builds item, report and booking links with encoded parameters', () => {
    expect(itemUrl('NI-10')).toBe('/subpackages/catalog/pages/item/index?code=NI-10');
    expect(itemUrl('C421003003003-1', '421003003003')).toBe('/subpackages/catalog/pages/item/index?code=C421003003003-1&community=421003003003');
    expect(pageUrl('report', { code: 'NI-10', community: undefined })).toBe('/subpackages/catalog/pages/report/index?code=NI-10');
    expect(pageUrl('myReports')).toBe('/subpackages/catalog/pages/my-reports/index');
    expect(bookingUrl('IS-08')).toBe('/subpackages/booking/pages/start/index?catalogCode=IS-08');
    expect(param('%E5%81%A5')).toBe('健');
    expect(param('%E5%')).toBe('%E5%');
    expect(param(undefined)).toBe('');
  });

  it('points only at pages registered in app.config (a missing page would be a dead link)', () => {
    // app.config.ts calls Taro's build-time global; here it just hands the config back
    (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
    const config = (require('../src/app.config') as { default: { pages: string[]; subPackages: { root: string; pages: string[] }[] } }).default;
    const registered = new Set([...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((page) => `/${page}`));
    for (const url of [...Object.values(CATALOG_PAGES), BOOKING_START]) expect({ url, registered: registered.has(url) }).toEqual({ url, registered: true });
    // negative control: a page that was never built is not registered
    expect(registered.has('/subpackages/staff-catalog/pages/never-built/index')).toBe(false);
  });
});

describe('catalog text in list rows', () => {
  it('drops the research data’s (inferred) marker', () => {
    expect(displayText('向原收费单位查询/补开 (inferred)')).toBe('向原收费单位查询/补开');
    expect(displayText('向公安机关报案取得报案材料; 依法申请宣告失踪 (inferred).')).toBe('向公安机关报案取得报案材料; 依法申请宣告失踪.');
    expect(displayText('以《出生医学证明》为凭证（inferred）。')).toBe('以《出生医学证明》为凭证。');
    expect(displayText('没有标记的文字')).toBe('没有标记的文字');
  });

  it('keeps the first clause, cut with … when long', () => {
    expect(shortSummary('由发放部门通过数据比对确认; 不再要求村(居)开具。')).toBe('由发放部门通过数据比对确认');
    expect(shortSummary('甲'.repeat(50))).toBe(`${'甲'.repeat(35)}…`);
    expect(shortSummary(null)).toBe('');
    expect(shortSummary('向原收费单位查询/补开 (inferred)')).toBe('向原收费单位查询/补开');
    expect(shortSummary('inferred')).toBe('');
  });

  it('keeps only steps written for residents (research notes in English are dropped)', () => {
    expect(residentSteps(['(statutory — remains with committee)'])).toEqual([]);
    expect(residentSteps(['inferred', '到派出所办理 (inferred)', '带身份证'])).toEqual(['到派出所办理', '带身份证']);
  });
});
