import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { shanghaiDate } from './dates';
import { ID_NUMBER_PATTERN, ageOn, checkDigitOf, isValidIdNumber, maskIdNumber, normalizeIdNumber, parseIdNumber, type IdNumberProblem } from './id-number';

const TODAY = '2025-06-01';
const REAL_TODAY = shanghaiDate(new Date());

const KNOWN_VALID: [string, string, 'male' | 'female', string][] = [
  ['11010519491231002X', '1949-12-31', 'female', '110105'],
  ['34052419800101001X', '1980-01-01', 'male', '340524'],
  ['440524188001015368', '1880-01-01', 'female', '440524'],
  ['53010219200508011X', '1920-05-08', 'male', '530102'],
  ['42100319400315001X', '1940-03-15', 'male', '421003'],
  ['421003194207080025', '1942-07-08', 'female', '421003'],
  ['421003193001010035', '1930-01-01', 'male', '421003'],
  ['421003200001010011', '2000-01-01', 'male', '421003'],
  ['421002194003150013', '1940-03-15', 'male', '421002'],
];

const REGIONS = ['110105', '340524', '440524', '530102', '421003', '421002', '310101', '500101', '650102', '820000', '910000'];
const PROBLEMS_OF_A_CORRUPTED_NUMBER: IdNumberProblem[] = ['bad_region', 'impossible_date', 'future_date', 'bad_check_digit', 'bad_characters'];

// builds a valid number from its parts, with the check digit computed independently of the code under test
function independentCheckDigit(first17: string): string {
  const weights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return '10X98765432'[sum % 11];
}
function build(region: string, birth: string, seq: number): string {
  const first17 = region + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + independentCheckDigit(first17);
}

const DAY = 86_400_000;
const validIdArb = fc
  .record({
    region: fc.constantFrom(...REGIONS),
    dayOffset: fc.integer({ min: 0, max: Math.floor((Date.parse(REAL_TODAY) - Date.UTC(1900, 0, 1)) / DAY) }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, dayOffset, seq }) => {
    const birthDate = new Date(Date.UTC(1900, 0, 1) + dayOffset * DAY).toISOString().slice(0, 10);
    return { id: build(region, birthDate, seq), region, birthDate, gender: seq % 2 === 1 ? 'male' : 'female' };
  });

describe('parseIdNumber (GB 11643-1999)', () => {
  it.each(KNOWN_VALID)('parses the known valid number %s with birth date %s, gender %s and region %s', (raw, birthDate, gender, region) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r).toEqual({ ok: true, id: { value: raw, regionCode: region, birthDate, gender } });
    expect(isValidIdNumber(raw, TODAY)).toBe(true);
  });

  it('uses ISO 7064 MOD 11-2 for the check digit', () => {
    for (const [raw] of KNOWN_VALID) expect(checkDigitOf(raw.slice(0, 17))).toBe(raw[17]);
  });

  it.each([['110105194912310021'], ['340524198001010013']])('rejects %s with a wrong check digit', (raw) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe('bad_check_digit');
      expect(r.message).toMatch(/校验位/);
    }
  });

  it('rejects 29 February in a common year (1945) as an impossible date', () => {
    expect(parseIdNumber('421003194502290017', TODAY)).toMatchObject({ ok: false, problem: 'impossible_date' });
  });

  it('accepts 29 February in a leap year and rejects month 13, day 32 and day 0', () => {
    expect(parseIdNumber(build('421003', '1944-02-29', 1), TODAY).ok).toBe(true);
    expect(parseIdNumber(build('421003', '1900-02-29', 1), TODAY)).toMatchObject({ ok: false, problem: 'impossible_date' });
    for (const bad of ['19441301', '19440132', '19440100', '19440001', '19440431']) {
      const first17 = '421003' + bad + '001';
      expect(parseIdNumber(first17 + independentCheckDigit(first17), TODAY)).toMatchObject({ ok: false, problem: 'impossible_date' });
    }
  });

  it('rejects a birth date after today as future_date, and accepts today itself', () => {
    expect(parseIdNumber(build('421003', '2025-06-02', 11), TODAY)).toMatchObject({ ok: false, problem: 'future_date' });
    expect(parseIdNumber(build('421003', '2025-06-01', 11), TODAY)).toMatchObject({ ok: true });
    expect(parseIdNumber(build('421003', '2099-01-01', 11), REAL_TODAY)).toMatchObject({ ok: false, problem: 'future_date' });
  });

  it.each<[string, IdNumberProblem]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    ['42100319400315001', 'wrong_length'],
    ['42100319400315001X1', 'wrong_length'],
    ['4210031940031500', 'wrong_length'],
    ['42100319400315A01X', 'bad_characters'],
    ['X21003194003150011', 'bad_characters'],
    ['4210031940031500XX', 'bad_characters'],
    ['42100319400315-01X', 'bad_characters'],
    ['02100319400315001X', 'bad_region'],
  ])('reports %j as %s', (raw, problem) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r).toMatchObject({ ok: false, problem });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
  });

  it.each([
    ['full-width digits and X', '４２１００３１９４００３１５００１Ｘ'],
    ['full-width lower-case x', '４２１００３１９４００３１５００１ｘ'],
    ['surrounding spaces', '  42100319400315001X \n'],
    ['inner spaces', '421003 19400315 001X'],
    ['full-width space', '421003\u300019400315\u3000001X'],
    ['lower-case x', '42100319400315001x'],
  ])('accepts %s and normalises to the canonical form', (_label, raw) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r).toMatchObject({ ok: true, id: { value: '42100319400315001X', birthDate: '1940-03-15', gender: 'male' } });
    expect(normalizeIdNumber(raw)).toBe('42100319400315001X');
  });

  it('parses every generated valid number and round-trips birth date, gender and region', () => {
    fc.assert(
      fc.property(validIdArb, ({ id, region, birthDate, gender }) => {
        const r = parseIdNumber(id, REAL_TODAY);
        expect(r).toEqual({ ok: true, id: { value: id, regionCode: region, birthDate, gender } });
      }),
      { numRuns: 500 },
    );
  });

  it('detects every change of a single one of the first 17 digits', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ id }, pos, delta) => {
        const changed = String((Number(id[pos]) + delta) % 10);
        const corrupted = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(corrupted).not.toBe(id);
        const r = parseIdNumber(corrupted, REAL_TODAY);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(PROBLEMS_OF_A_CORRUPTED_NUMBER).toContain(r.problem);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects every swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), ({ id }, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        const r = parseIdNumber(swapped, REAL_TODAY);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(PROBLEMS_OF_A_CORRUPTED_NUMBER).toContain(r.problem);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws for arbitrary strings and always answers ok or a known problem with a message', () => {
    const problems = new Set<string>(['empty', 'wrong_length', 'bad_characters', 'bad_region', 'impossible_date', 'future_date', 'bad_check_digit']);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9Xx ]{15,20}$/)), (s) => {
        const r = parseIdNumber(s, REAL_TODAY);
        if (!r.ok) {
          expect(problems.has(r.problem)).toBe(true);
          expect(typeof r.message).toBe('string');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ageOn', () => {
  it.each([
    ['1940-03-15', '2025-03-14', 84],
    ['1940-03-15', '2025-03-15', 85],
    ['1940-03-15', '2025-12-31', 85],
    ['1940-12-31', '2025-01-01', 84],
    ['2000-01-01', '2000-01-01', 0],
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['1944-02-29', '2025-02-28', 80],
    ['1944-02-29', '2025-03-01', 81],
  ])('someone born %s is, on %s, %i years old', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('maskIdNumber', () => {
  it('shows only the first 6 and the last 2 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105**********2X');
    expect(maskIdNumber(' 421003 19400315 001x')).toBe('421003**********1X');
  });

  it('never contains the 8 birth-date digits of a generated number', () => {
    fc.assert(
      fc.property(validIdArb, ({ id, birthDate }) => {
        const masked = maskIdNumber(id);
        expect(masked).toMatch(/^\d{6}\*{10}[\dX]{2}$/);
        expect(masked).not.toContain(birthDate.replace(/-/g, ''));
        expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
      }),
      { numRuns: 300 },
    );
  });

  it('hides very short input entirely', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});

describe('ID_NUMBER_PATTERN', () => {
  it('finds ID numbers, upper- or lower-case X, inside a sentence', () => {
    const text = '申请人身份证号11010519491231002X，家属421003200001010011，另一个42100319400315001x。';
    expect(text.match(ID_NUMBER_PATTERN)).toEqual(['11010519491231002X', '421003200001010011', '42100319400315001x']);
  });

  it('does not match inside a 19-digit run or a longer digit string', () => {
    expect('order 4210032000010100112 done'.match(ID_NUMBER_PATTERN)).toBeNull();
    expect('94210032000010100112'.match(ID_NUMBER_PATTERN)).toBeNull();
    expect('1421003200001010011'.match(ID_NUMBER_PATTERN)).toBeNull();
  });

  it('does not match a 12-digit region code or an 11-digit phone number', () => {
    expect('社区 421003003003 电话 13812345678'.match(ID_NUMBER_PATTERN)).toBeNull();
  });
});
