import { describe, expect, it } from '@jest/globals';
import { firstPaidMonth } from '@jianban/shared';
import { bracketAgeInMonth, classify, payingMonthOf, plainBankReason, type RecipientFacts } from './ledger.rules';
import { chunkBounds, chunkCountFor } from './ledger.sql';

const BRACKETS = [
  { minAge: 80, maxAge: 89, monthlyCny: 50 },
  { minAge: 90, maxAge: 99, monthlyCny: 100 },
  { minAge: 100, maxAge: null, monthlyCny: 500 },
];
const alive: RecipientFacts = {
  status: 'active', statusReason: null, birthDate: '1940-03-15', unavailable: false, found: true, registryName: '王建国', recipientName: '王建国',
  hukouRegionCode: '421003003003', deathDate: null, movedOutDate: null, consentWithdrawnOn: null,
};

describe('month boundaries', () => {
  it('a death on the 31st suspends from the next month; a death on 1 March too (never the month of death)', () => {
    expect(classify({ ...alive, deathDate: '2026-01-31' }, '2026-03', 'birthday_month', BRACKETS)).toEqual([{ kind: 'died', effectiveMonth: '2026-02' }]);
    expect(classify({ ...alive, deathDate: '2026-03-01' }, '2026-03', 'birthday_month', BRACKETS)).toEqual([{ kind: 'died', effectiveMonth: '2026-04' }]);
    expect(classify({ ...alive, deathDate: '2025-12-31' }, '2026-01', 'birthday_month', BRACKETS)).toEqual([{ kind: 'died', effectiveMonth: '2026-01' }]);
  });

  it('approval on the last day of a month pays from the next month (and December rolls the year)', () => {
    expect(firstPaidMonth('2026-01-31', '2020-01')).toBe('2026-02');
    expect(firstPaidMonth('2026-12-31', '2020-01')).toBe('2027-01');
  });

  it('turning 90 on 29 February counts in February (birthday month) or March (month after), also in a year without 29 February', () => {
    expect(bracketAgeInMonth('1936-02-29', '2026-01', 'birthday_month')).toBe(89);
    expect(bracketAgeInMonth('1936-02-29', '2026-02', 'birthday_month')).toBe(90);
    expect(bracketAgeInMonth('1936-02-29', '2026-02', 'month_after')).toBe(89);
    expect(bracketAgeInMonth('1936-02-29', '2026-03', 'month_after')).toBe(90);
    expect(classify({ ...alive, birthDate: '1936-02-29' }, '2026-02', 'birthday_month', BRACKETS)).toEqual([{ kind: 'bracket_up', effectiveMonth: '2026-02' }]);
    expect(classify({ ...alive, birthDate: '1936-02-29' }, '2026-03', 'birthday_month', BRACKETS)).toEqual([]);
  });

  it('quarterly payment: the roster of the quarter\'s last month pays', () => {
    expect(['2026-01', '2026-03', '2026-04', '2026-12'].map((m) => payingMonthOf(m, 'quarterly'))).toEqual(['2026-03', '2026-03', '2026-06', '2026-12']);
    expect(payingMonthOf('2026-01', 'monthly')).toBe('2026-01');
  });
});

describe('absence of data never suspends', () => {
  it('missing from the extract or registry unreachable is a flag; a move out stops from the month after', () => {
    expect(classify({ ...alive, found: false, registryName: null, hukouRegionCode: null }, '2026-03', 'birthday_month', BRACKETS)).toEqual([{ kind: 'missing', effectiveMonth: null }]);
    expect(classify({ ...alive, unavailable: true }, '2026-03', 'birthday_month', BRACKETS)).toEqual([{ kind: 'unavailable', effectiveMonth: null }]);
    expect(classify({ ...alive, movedOutDate: '2026-03-02' }, '2026-03', 'birthday_month', BRACKETS)).toEqual([{ kind: 'moved_out', effectiveMonth: '2026-04' }]);
  });

  it('a suspended recipient the registry no longer records as dead is reinstated; already-applied findings are not repeated', () => {
    expect(classify({ ...alive, status: 'suspended', statusReason: 'died' }, '2026-04', 'birthday_month', BRACKETS)).toEqual([{ kind: 'reinstated', effectiveMonth: null }]);
    expect(classify({ ...alive, status: 'suspended', statusReason: 'died', deathDate: '2026-01-31' }, '2026-04', 'birthday_month', BRACKETS)).toEqual([]);
  });
});

describe('primary-key chunks', () => {
  it('cover the whole UUID space without overlap for any chunk count', () => {
    for (const n of [1, 2, 3, 5, 100, 256]) {
      const b = Array.from({ length: n }, (_, k) => chunkBounds(k, n));
      expect(b[0].lo).toBeNull();
      expect(b[n - 1].hi).toBeNull();
      for (let k = 1; k < n; k++) expect(b[k].lo).toBe(b[k - 1].hi);
    }
    expect([chunkCountFor(0), chunkCountFor(10_000), chunkCountFor(200_000), chunkCountFor(1_300_000)]).toEqual([1, 5, 100, 256]);
  });
});

it('the bank\'s reasons in plain words', () => {
  expect(plainBankReason('账号不存在')).toBe('银行卡号有误，请核对');
  expect(plainBankReason('户名不符')).toContain('户名');
  expect(plainBankReason('账户已销户')).toContain('销户');
});
