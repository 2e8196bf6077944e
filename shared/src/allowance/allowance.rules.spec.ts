import { describe, expect, it } from '@jest/globals';
import { addMonths, bracketForAge, bracketProblem, firstMonthAtAge, firstPaidMonth, maskAccountNumber, meetsAgeRule, ruleAgeInMonth } from './allowance.rules';
import { maskPersonName } from '../identity/proxies.schema';

const BRACKETS = [
  { minAge: 80, maxAge: 89, monthlyCny: 50 },
  { minAge: 90, maxAge: 99, monthlyCny: 100 },
  { minAge: 100, maxAge: null, monthlyCny: 500 },
];

describe('allowance rules', () => {
  it('counts the 80th birthday month, or January of that year with the whole-year rule', () => {
    expect(firstMonthAtAge('1946-12-20', 80, 'birthday_month')).toBe('2026-12');
    expect(firstMonthAtAge('1946-12-20', 80, 'calendar_year')).toBe('2026-01');
    expect(firstMonthAtAge('1944-02-29', 80, 'birthday_month')).toBe('2024-02');
  });

  it('lets someone turning 80 next month pre-register, but not earlier than the pre-registration window', () => {
    const base = { birthDate: '1947-01-10', rule: 'birthday_month' as const, minAge: 80 };
    expect(meetsAgeRule({ ...base, month: '2026-12', preRegistrationMonths: 2 })).toBe(true);
    expect(meetsAgeRule({ ...base, month: '2026-12', preRegistrationMonths: 0 })).toBe(false);
    expect(meetsAgeRule({ ...base, month: '2026-10', preRegistrationMonths: 2 })).toBe(false);
  });

  it('with the whole-year rule someone born in December counts as 80 from January', () => {
    expect(ruleAgeInMonth('1946-12-31', '2026-01', 'calendar_year')).toBe(80);
    expect(ruleAgeInMonth('1946-12-31', '2026-01', 'birthday_month')).toBe(79);
    expect(ruleAgeInMonth('1946-12-31', '2026-12', 'birthday_month')).toBe(80);
  });

  it('picks the bracket and moves up at 90 and 100', () => {
    expect(bracketForAge(BRACKETS, 79)).toBeNull();
    expect(bracketForAge(BRACKETS, 89)?.monthlyCny).toBe(50);
    expect(bracketForAge(BRACKETS, 90)?.monthlyCny).toBe(100);
    expect(bracketForAge(BRACKETS, 104)?.monthlyCny).toBe(500);
  });

  it('pays from the later of the month after approval and the first eligible month', () => {
    expect(firstPaidMonth('2026-12-15', '2026-03')).toBe('2027-01');
    expect(firstPaidMonth('2026-12-15', '2027-04')).toBe('2027-04');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });

  it('masks names and accounts', () => {
    expect(maskPersonName('王建国')).toBe('王*国');
    expect(maskPersonName('李兰')).toBe('李*');
    expect(maskPersonName('欧阳小明')).toBe('欧**明');
    expect(maskAccountNumber('6217000012345678901')).toBe('**** **** 8901');
  });

  it('refuses brackets with gaps, overlaps or a bounded top', () => {
    expect(bracketProblem(BRACKETS)).toBeNull();
    expect(bracketProblem([{ minAge: 80, maxAge: 89, monthlyCny: 50 }, { minAge: 91, maxAge: null, monthlyCny: 100 }])).not.toBeNull();
    expect(bracketProblem([{ minAge: 80, maxAge: 89, monthlyCny: 50 }])).not.toBeNull();
    expect(bracketProblem([{ minAge: 80, maxAge: null, monthlyCny: 50 }, { minAge: 90, maxAge: null, monthlyCny: 100 }])).not.toBeNull();
  });
});
