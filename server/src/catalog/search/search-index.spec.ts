import { describe, expect, it } from '@jest/globals';
import { normalizeQuery, SearchIndex } from './search-index';

const items = [
  { code: 'NI-10', owner: 'district', name: '健在证明', aliases: [] },
  { code: 'NI-08', owner: 'district', name: '婚姻状况证明', aliases: ['夫妻关系证明'] },
  { code: 'IS-08', owner: 'district', name: '居(租)住证明', aliases: ['居住证明'] },
  { code: 'C421003003003-01', owner: '421003003003', name: '梅村养老登记证明', aliases: [] },
];
const vocab = { synonyms: { 'NI-10': ['活着证明'] }, keywords: { 'NI-10': ['高龄补贴'] }, popular: ['NI-10'] };
const index = new SearchIndex(items, vocab, 1);
const district = new Set(['district']);
const top = (q: string, owners = district) => index.search(normalizeQuery(q), owners, 5)[0];

describe(SearchIndex.name, () => {
  it('normalises full-width, case, spaces, punctuation and emoji, and bounds the length', () => {
    expect(normalizeQuery(' ＪＺＺＭ 🙂，')).toBe('jzzm');
    expect(normalizeQuery("' OR 1=1 --")).toBe('or11');
    expect(normalizeQuery('王'.repeat(500))).toHaveLength(64);
  });

  it('ranks exact name, synonym, pinyin, initials, keyword-in-sentence and partial in that order', () => {
    const kinds = ['健在证明', '活着证明', 'jianzaizhengming', 'jzzm', '我爸要领高龄补贴要开什么证明', '健在'].map((q) => top(q));
    expect(kinds.map((h) => [h.code, h.matchedBy])).toEqual([
      ['NI-10', 'name'], ['NI-10', 'synonym'], ['NI-10', 'pinyin'], ['NI-10', 'initials'], ['NI-10', 'keyword'], ['NI-10', 'partial'],
    ]);
    const scores = kinds.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds an alias and the same sound written with other characters', () => {
    expect(top('夫妻关系证明')).toMatchObject({ code: 'NI-08', matchedBy: 'alias' });
    expect(top('见在证明')).toMatchObject({ code: 'NI-10', matchedBy: 'pinyin' });
  });

  it('hides a community item unless that community is searched', () => {
    expect(top('梅村养老登记证明')).toBeUndefined();
    expect(top('梅村养老登记证明', new Set(['district', '421003003003']))).toMatchObject({ code: 'C421003003003-01', matchedBy: 'name' });
  });

  it('returns nothing for an unrelated query, and the closest items share a character or are commonly asked', () => {
    expect(index.search(normalizeQuery('护照签证'), district, 5)).toEqual([]);
    expect(index.closest(normalizeQuery('婚礼'), district, 3)[0]).toBe('NI-08');
    expect(index.closest('', district, 3)).toEqual(['NI-10']);
  });
});
