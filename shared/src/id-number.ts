// resident identity number, GB 11643-1999: 6-digit region + YYYYMMDD + 3-digit sequence + ISO 7064 MOD 11-2 check
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem =
  | 'empty'
  | 'wrong_length'
  | 'bad_characters'
  | 'bad_region'
  | 'impossible_date'
  | 'future_date'
  | 'bad_check_digit';

export const ID_NUMBER_PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  empty: '请填写身份证号',
  wrong_length: '身份证号应为18位，请核对位数',
  bad_characters: '身份证号只能是数字，最后一位可以是X',
  bad_region: '身份证号前6位（地区码）不正确',
  impossible_date: '身份证号中的出生日期不存在，请核对第7到14位',
  future_date: '身份证号中的出生日期晚于今天，请核对',
  bad_check_digit: '身份证号最后一位（校验位）不对，可能有一位输错了',
};

export interface ParsedIdNumber {
  value: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'male' | 'female';
}

export type IdNumberResult = { ok: true; id: ParsedIdNumber } | { ok: false; problem: IdNumberProblem; message: string };

// full-width digits and X, any white space, a lower-case x are what people actually type
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/[\s\u3000]+/g, '')
    .replace(/x/g, 'X');
}

export function checkDigitOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function fail(problem: IdNumberProblem): IdNumberResult {
  return { ok: false, problem, message: ID_NUMBER_PROBLEM_TEXT[problem] };
}

// today is passed in (YYYY-MM-DD, Asia/Shanghai) so the check is pure and testable;
// birth years before 1850 are treated as impossible dates (no living resident, and a common typo shape)
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  const value = normalizeIdNumber(raw ?? '');
  if (value.length === 0) return fail('empty');
  if (value.length !== 18) return fail('wrong_length');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('bad_characters');
  const region = value.slice(0, 6);
  if (!/^[1-9]\d{5}$/.test(region) || Number(region.slice(0, 2)) < 11 || Number(region.slice(0, 2)) > 91) return fail('bad_region');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1850 || !isRealDate(y, m, d)) return fail('impossible_date');
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > today) return fail('future_date');
  if (checkDigitOf(value.slice(0, 17)) !== value[17]) return fail('bad_check_digit');
  const gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id: { value, regionCode: region, birthDate, gender } };
}

export function isValidIdNumber(raw: string, today: string): boolean {
  return parseIdNumber(raw, today).ok;
}

// completed years on `on` (YYYY-MM-DD); someone born on 29 Feb turns a year older on 1 Mar in common years
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

// display form: first 6 and last 2 visible, e.g. 421003**********1X
export function maskIdNumber(raw: string): string {
  const v = normalizeIdNumber(raw);
  if (v.length < 8) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 8) + v.slice(-2);
}

// finds 18-character ID-number-shaped runs in free text (logs); 15-digit pre-1999 numbers are not matched
export const ID_NUMBER_PATTERN = /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g;
