import { describe, expect, it } from '@jest/globals';
import type { ServiceWord } from '@jianban/shared';
import { serviceWordsFromText, serviceWordsProblems, serviceWordsToText } from '../src/features/catalog/service-words-form';

const before: ServiceWord[] = [
  { word: '老人补贴', kind: 'name', source: null },
  { word: '高龄津贴', kind: 'name', source: '民发〔2020〕20号' },
  { word: '八十岁', kind: 'subject', source: null },
];

describe('the service words form', () => {
  it('writes the words one a line and reads them back unchanged', () => {
    const text = serviceWordsToText(before);
    expect(text).toBe('叫法：老人补贴\n叫法：高龄津贴（来源：民发〔2020〕20号）\n八十岁');
    expect(serviceWordsFromText(text, before)).toEqual(before);
  });

  it('reads kinds and sources as typed, keeps the source of a kept word, drops empty lines and repeats', () => {
    const words = serviceWordsFromText('叫法:长寿金 (来源: 区民政局通知)\n\n高龄津贴\n八十岁\n八十岁\n  九十岁  ', before);
    expect(words).toEqual([
      { word: '长寿金', kind: 'name', source: '区民政局通知' },
      { word: '高龄津贴', kind: 'subject', source: '民发〔2020〕20号' },
      { word: '八十岁', kind: 'subject', source: null },
      { word: '九十岁', kind: 'subject', source: null },
    ]);
  });

  it('says in words what keeps the form from being saved', () => {
    expect(serviceWordsProblems([], '')).toEqual({ words: '至少写一个词', changeNote: '请写明为什么修改' });
    expect(serviceWordsProblems([{ word: '一'.repeat(21), kind: 'subject', source: null }], '补充').words).toBe('每个词最多 20 个字');
    expect(serviceWordsProblems(before, '居民常这样问')).toEqual({});
  });
});
