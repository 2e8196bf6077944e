import { describe, expect, it } from '@jest/globals';
import { ID_NUMBER_PROBLEM_TEXT } from '@jianban/shared';
import { idNumberFeedback, validateFamilyForm } from '../src/features/family/form';
import { ApiError, issuesByField } from '../src/services/api-error';
import { groupCommunities } from '../src/features/regions/communities';

const TODAY = '2026-11-27';
const VALID = '421003194001011235'; // 荆州区, born 1940-01-01, male

describe('ID number feedback while typing', () => {
  it('counts digits neutrally while the number is still being typed', () => {
    expect(idNumberFeedback('42100319', TODAY, false)).toEqual({ hint: '已输入8位，还差10位' });
    expect(idNumberFeedback('', TODAY, false).error).toBeUndefined();
  });

  it('says what is wrong, in words, for each kind of mistake', () => {
    expect(idNumberFeedback('42100319', TODAY, true).error).toBe(ID_NUMBER_PROBLEM_TEXT.wrong_length);
    expect(idNumberFeedback('', TODAY, true).error).toBe(ID_NUMBER_PROBLEM_TEXT.empty);
    expect(idNumberFeedback('4210031940a', TODAY, false).error).toBe(ID_NUMBER_PROBLEM_TEXT.bad_characters);
    expect(idNumberFeedback('421003194001011236', TODAY, false).error).toBe(ID_NUMBER_PROBLEM_TEXT.bad_check_digit);
    expect(idNumberFeedback('421003194002301234', TODAY, false).error).toBe(ID_NUMBER_PROBLEM_TEXT.impossible_date);
    expect(idNumberFeedback('421003203001011234', TODAY, false).error).toBe(ID_NUMBER_PROBLEM_TEXT.future_date);
    expect(idNumberFeedback(VALID + '9', TODAY, false).error).toBe(ID_NUMBER_PROBLEM_TEXT.wrong_length);
  });

  it('confirms a good number with the birth date, accepting spaces and full-width digits', () => {
    expect(idNumberFeedback(VALID, TODAY, false)).toEqual({ hint: '出生日期 1940-01-01，男' });
    expect(idNumberFeedback('４２１００３ 1940 0101 1235', TODAY, false).error).toBeUndefined();
  });
});

describe('validateFamilyForm', () => {
  const good = { name: '王秀英', idNumber: VALID, relationship: 'parent', communityCode: '421003003003' };

  it('accepts a complete form', () => {
    expect(validateFamilyForm(good)).toEqual({});
  });

  it('names every missing field', () => {
    const errors = validateFamilyForm({ name: '', idNumber: '', relationship: '', communityCode: '' });
    expect(Object.keys(errors).sort()).toEqual(['communityCode', 'idNumber', 'name', 'relationship']);
    expect(errors.idNumber).toBe(ID_NUMBER_PROBLEM_TEXT.empty);
  });

  it('uses the shared schema messages', () => {
    expect(validateFamilyForm({ ...good, name: '王' }).name).toBe('姓名至少2个字');
    expect(validateFamilyForm({ ...good, idNumber: '421003194001011236' }).idNumber).toBe(ID_NUMBER_PROBLEM_TEXT.bad_check_digit);
    expect(validateFamilyForm({ ...good, relationship: 'cousin' }).relationship).toBeDefined();
  });
});

describe('issuesByField', () => {
  it('puts server validation issues next to their fields and keeps the rest', () => {
    const err = new ApiError('VALIDATION_FAILED', 400, 'invalid body', {
      issues: [
        { path: 'body.idNumber', message: '身份证号不对' },
        { path: 'body.idNumber', message: 'second' },
        { path: 'body', message: '多了字段' },
        { path: 'name', message: '姓名太短' },
      ],
    });
    expect(issuesByField(err, ['name', 'idNumber'] as const)).toEqual({
      fields: { idNumber: '身份证号不对', name: '姓名太短' },
      other: ['多了字段'],
    });
    expect(issuesByField(new Error('x'), ['name'] as const)).toEqual({ fields: {}, other: [] });
  });
});

describe('groupCommunities', () => {
  it('groups communities under their street and drops empty streets', () => {
    const r = (code: string, name: string, level: 'district' | 'street' | 'community', parentCode: string | null) => ({ code, name, level, parentCode });
    const groups = groupCommunities([
      r('421003', '荆州区', 'district', null),
      r('421003002', '东城街道', 'street', '421003'),
      r('421003001', '西城街道', 'street', '421003'),
      r('421003009', '空街道', 'street', '421003'),
      r('421003002004', '东门社区', 'community', '421003002'),
      r('421003001003', '文庙社区', 'community', '421003001'),
      r('421003002001', '南门社区', 'community', '421003002'),
    ]);
    expect(groups.map((g) => [g.street.name, g.communities.map((c) => c.name)])).toEqual([
      ['东城街道', ['东门社区', '南门社区']],
      ['西城街道', ['文庙社区']],
    ]);
  });
});
