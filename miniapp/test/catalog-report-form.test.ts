import { describe, expect, it } from '@jest/globals';
import { checkReport, dayOf, parseDay, todayInShanghai, type ReportForm } from '../src/features/catalog/report-form';

const TODAY = '2026-11-27';
const form = (over: Partial<ReportForm> = {}): ReportForm => ({ itemCode: 'NI-10', place: '某某银行城南支行', when: 'yesterday', day: '', note: '', ...over });

describe('the day a resident was asked', () => {
  it('reads the ways people write a day', () => {
    expect(parseDay('2026-11-20', TODAY)).toBe('2026-11-20');
    expect(parseDay('2026/11/2', TODAY)).toBe('2026-11-02');
    expect(parseDay('2026年11月20日', TODAY)).toBe('2026-11-20');
    expect(parseDay('１１月２０日', TODAY)).toBe('2026-11-20');
    expect(parseDay(' 11-20 ', TODAY)).toBe('2026-11-20');
  });

  it('puts a day without a year in the past (12月5日 asked in November is last December)', () => {
    expect(parseDay('12月5日', TODAY)).toBe('2025-12-05');
    expect(parseDay('11月27日', TODAY)).toBe('2026-11-27');
  });

  it('refuses days that do not exist or are not days', () => {
    expect(parseDay('2026-02-30', TODAY)).toBeNull();
    expect(parseDay('2026-13-01', TODAY)).toBeNull();
    expect(parseDay('上周', TODAY)).toBeNull();
    expect(parseDay('', TODAY)).toBeNull();
  });

  it('turns 今天/昨天/前天 into dates, across a month end', () => {
    expect(dayOf({ when: 'today', day: '' }, '2026-12-01')).toBe('2026-12-01');
    expect(dayOf({ when: 'yesterday', day: '' }, '2026-12-01')).toBe('2026-11-30');
    expect(dayOf({ when: 'before_yesterday', day: '' }, '2026-03-01')).toBe('2026-02-27');
    expect(dayOf({ when: '', day: '' }, TODAY)).toBeNull();
  });

  it('uses the Shanghai calendar day', () => {
    expect(todayInShanghai(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
    expect(todayInShanghai(new Date('2026-11-26T15:59:00Z'))).toBe('2026-11-26');
  });
});

describe('checking the report before it is sent', () => {
  it('builds the request from a complete form (no note → no note field)', () => {
    expect(checkReport(form(), TODAY)).toEqual({ ok: true, input: { itemCode: 'NI-10', place: '某某银行城南支行', happenedOn: '2026-11-26' } });
    const withNote = checkReport(form({ note: '  柜台说要社区盖章 ', when: 'earlier', day: '11月3日' }), TODAY);
    expect(withNote).toEqual({ ok: true, input: { itemCode: 'NI-10', place: '某某银行城南支行', happenedOn: '2026-11-03', note: '柜台说要社区盖章' } });
  });

  it('says in plain words what is missing', () => {
    const r = checkReport(form({ itemCode: '', place: '  ', when: '' }), TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['itemCode', 'place', 'when']);
    for (const msg of Object.values(r.errors)) expect(msg).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a future day, an unreadable day, markup and overlong text', () => {
    const bad = (over: Partial<ReportForm>) => {
      const r = checkReport(form(over), TODAY);
      return r.ok ? {} : r.errors;
    };
    expect(bad({ when: 'earlier', day: '2026-11-28' }).day).toContain('还没到');
    expect(bad({ when: 'earlier', day: '上周' }).day).toContain('没看懂');
    expect(bad({ place: '<script>' }).place).toBeTruthy();
    expect(bad({ place: '银'.repeat(101) }).place).toContain('100');
    expect(bad({ note: '说'.repeat(501) }).note).toContain('500');
    expect(bad({ itemCode: 'not a code' }).itemCode).toBeTruthy();
  });
});
