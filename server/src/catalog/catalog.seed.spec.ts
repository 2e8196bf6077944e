import { describe, expect, it } from '@jest/globals';
import data from './seed-data/certificate-catalog.json';
import { contentOf, residentText, routeSteps } from './catalog.seed';

const LOWER_ENGLISH_WORD = /\b[a-z]{3,}\b/;

describe('research data → what residents read', () => {
  it('drops researcher notes: inferred markers, English remarks, English-only steps', () => {
    expect(residentText('由卫健部门核查 (inferred).')).toBe('由卫健部门核查');
    expect(residentText('公安机关 (犬只登记/养犬登记证) — inferred')).toBe('公安机关 (犬只登记/养犬登记证)');
    expect(residentText('公安派出所 (户籍所在地) where 户口簿 cannot show the relation')).toBe('公安派出所 (户籍所在地)');
    expect(residentText('(statutory — remains with committee)')).toBeNull();
    expect(residentText('inferred')).toBeNull();
    expect(residentText('部分城市公安公众号/APP可线上办理犬证')).toBe('部分城市公安公众号/APP可线上办理犬证');
    expect(residentText('户口登记项目内容变更更正证明(湖北表述)')).toBe('户口登记项目内容变更更正证明');
    expect(residentText('居住证明（国家表述）')).toBe('居住证明');
    expect(routeSteps('向原单位查询; see the guide for details; 必要时书面声明 (inferred).')).toEqual(['向原单位查询', '必要时书面声明']);
  });

  it('leaves no lower-case English word and no "inferred" in any seeded item text', () => {
    for (const item of (data as { items: Parameters<typeof contentOf>[0][] }).items) {
      const c = contentOf(item);
      const texts = [...c.routeSteps, c.department ?? '', c.onlineChannel ?? '', ...c.materials, ...c.aliases];
      for (const t of texts) {
        expect([item.id, t, LOWER_ENGLISH_WORD.test(t)]).toEqual([item.id, t, false]);
        expect(t).toBe(t.trim());
        expect([item.id, t, /表述[)）]/u.test(t)]).toEqual([item.id, t, false]);
      }
    }
  });
});
