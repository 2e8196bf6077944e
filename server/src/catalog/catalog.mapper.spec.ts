import { describe, expect, it } from '@jest/globals';
import { sourceDate, sourceTitle } from './catalog.mapper';

describe('source dates shown to residents', () => {
  it.each([
    ['2020-04 (published 2020-04-27/28)', '2020-04'],
    ['2020-12 (news 2020-12-11); 黄石转发 2021-02-10', '2020-12'],
    ['2026-02-27 (new national form from 2026-07-01)', '2026-02-27'],
    ['2023-07-10', '2023-07-10'],
    ['2023', '2023'],
    ['2023 (report c. 2024-2025)', '2023'],
    ['c. 2022', null],
    ['not stated in excerpt', null],
    ['暂行规范 2003; 证明意见 date not confirmed', null],
    ['2023-071', null],
    [null, null],
  ])('%s → %s', (raw, shown) => {
    expect(sourceDate(raw)).toBe(shown);
  });
});

describe('source titles shown to residents', () => {
  it.each([
    ['《某省证明事项清单(第一批)》(某民政发〔2020〕32号)', '《某省证明事项清单(第一批)》(某民政发〔2020〕32号)'], // Chinese only: untouched
    ['重庆市涉村(社区)事项“四清单一目录” (半月谈 report)', '重庆市涉村(社区)事项“四清单一目录”'],
    ['《某办法》第五条 (quoted on 某政务服务网 证明事项 page)', '《某办法》第五条'],
    ['《某实施意见》(取消31项社区证明) — 湖北日报 report', '《某实施意见》(取消31项社区证明) — 湖北日报'],
    ['荆州区 news article on 某专项行动 (城南街道梅村社区)', '荆州区 某专项行动 (城南街道梅村社区)'],
    ['黑龙江/甘肃 implementing opinions of 民发〔2020〕20号', '黑龙江/甘肃 民发〔2020〕20号'],
    ['Guideline only', 'Guideline only'], // nothing Chinese left: keep the original rather than show nothing
  ])('%s', (raw, shown) => {
    expect(sourceTitle(raw)).toBe(shown);
  });
});
