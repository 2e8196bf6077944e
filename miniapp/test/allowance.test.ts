// the allowance application and review forms without Taro: the four screens' checks, masking, resubmit, staff decisions,
// the district's bracket form, the item → allowance link and the in-memory draft
import { describe, expect, it } from '@jest/globals';
import { ALLOWANCE_CONSENT_VERSION, applyAllowanceInput } from '@jianban/shared';
import {
  buildApplyInput,
  buildResubmit,
  checkAccount,
  checkConsent,
  EMPTY_DRAFT,
  EMPTY_RESUBMIT,
  lastFourText,
  maskAccount,
  maskPhone,
  type ApplyDraft,
} from '../src/features/allowance/apply-form';
import { clearDraft, readDraft, updateDraft } from '../src/features/allowance/draft';
import { buildDecision, listFromLines, mayDecide, monthText, stageOf } from '../src/features/allowance/status';
import { buildPolicyInput, type PolicyForm } from '../src/features/allowance/policy-form';
import { leadsToAllowance } from '../src/features/allowance/links';
import { evidenceLines } from '../src/features/allowance/evidence';

const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e';
const MEMBER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ACCOUNT = '6217 0000 1234 5678';
const full: ApplyDraft = {
  ...EMPTY_DRAFT,
  familyMemberId: MEMBER,
  elderName: '王建国',
  basis: 'proxy_entrusted',
  agreed: true,
  accountKind: 'bank_card',
  accountNumber: ACCOUNT,
  bankName: '',
  phone: '138 0000 5678',
};

describe('the four screens of an application', () => {
  it('sends nothing until the consent is given: without it the request goes back to the consent screen', () => {
    const notAgreed = buildApplyInput({ ...full, agreed: false }, KEY);
    expect(notAgreed).toMatchObject({ ok: false, step: 'consent' });
    expect(checkConsent({ ...full, agreed: false })).toMatchObject({ ok: false, errors: { agreed: expect.stringContaining('同意') } });
    expect(checkConsent({ ...full, basis: '' })).toMatchObject({ ok: false, errors: { basis: '请选择是谁同意' } });
  });

  it('asks for the elder first, then the consent, then the account', () => {
    expect(buildApplyInput({ ...full, familyMemberId: '', agreed: false }, KEY)).toMatchObject({ ok: false, step: 'elder' });
    expect(buildApplyInput({ ...full, accountNumber: '' }, KEY)).toMatchObject({ ok: false, step: 'account', errors: { accountNumber: '请填写卡号' } });
  });

  it('builds the one request the contract accepts, with the current consent version and spaces dropped from numbers', () => {
    const built = buildApplyInput(full, KEY);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(applyAllowanceInput.safeParse(built.input).success).toBe(true);
    expect(built.input).toMatchObject({
      familyMemberId: MEMBER,
      consent: { version: ALLOWANCE_CONSENT_VERSION, agreed: true, basis: 'proxy_entrusted' },
      account: { kind: 'bank_card', number: '6217000012345678' },
      phone: '13800005678',
      idempotencyKey: KEY,
    });
  });

  it('says in Chinese what is wrong with the account and the phone', () => {
    const r = checkAccount({ ...full, accountKind: '', accountNumber: '12ab', phone: '12345' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.accountKind).toBe('请选择用哪种卡收钱');
    expect(r.errors.accountNumber).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.errors.phone).toBe('请填写11位手机号');
    expect(checkAccount({ ...full, phone: '' })).toMatchObject({ ok: false, errors: { phone: '请填写联系电话' } });
  });
});

describe('masking', () => {
  it('shows only the last four digits of an account', () => {
    const shown = maskAccount(ACCOUNT);
    expect(shown).toBe('尾号5678');
    expect(shown).not.toContain('6217');
    expect(shown).not.toContain('1234');
    expect(maskAccount('123')).toBe('尾号****');
  });
  it('says a masked account from the server the same way (尾号5678), and keeps what it cannot read', () => {
    expect(lastFourText('**** **** 5678')).toBe('尾号5678');
    expect(lastFourText('6217 **** **** 0012')).toBe('尾号0012');
    expect(lastFourText('****')).toBe('****');
  });
  it('shows a phone as 138****5678', () => {
    expect(maskPhone('13800005678')).toBe('138****5678');
    expect(maskPhone('138 0000 5678')).toBe('138****5678');
    expect(maskPhone('12')).toBe('****');
  });
});

describe('the draft between the screens', () => {
  it('belongs to one signed-in resident, starts over for another elder, and is gone after submitting', () => {
    clearDraft();
    updateDraft('resident:a', { familyMemberId: MEMBER, elderName: '王建国' });
    updateDraft('resident:a', { basis: 'guardian', agreed: true, accountNumber: ACCOUNT });
    expect(readDraft('resident:a')).toMatchObject({ familyMemberId: MEMBER, agreed: true, accountNumber: ACCOUNT });
    expect(readDraft('resident:b')).toEqual(EMPTY_DRAFT);
    // another elder: the consent and the account were for the first one
    expect(updateDraft('resident:a', { familyMemberId: 'other', elderName: '李秀英' })).toMatchObject({ agreed: false, accountNumber: '', elderName: '李秀英' });
    clearDraft();
    expect(readDraft('resident:a')).toEqual(EMPTY_DRAFT);
  });
});

describe('correct and resubmit', () => {
  it('sends only what was filled in', () => {
    expect(buildResubmit({ ...EMPTY_RESUBMIT, phone: '139 1111 2222' })).toEqual({ ok: true, input: { phone: '13911112222' } });
    expect(buildResubmit({ ...EMPTY_RESUBMIT, elderName: ' 王建国 ', note: '名字改好了' })).toEqual({ ok: true, input: { elderName: '王建国', note: '名字改好了' } });
  });
  it('refuses an empty form and an account without its kind', () => {
    expect(buildResubmit(EMPTY_RESUBMIT)).toMatchObject({ ok: false, errors: { form: expect.any(String) } });
    expect(buildResubmit({ ...EMPTY_RESUBMIT, accountNumber: '6217000012345678' })).toMatchObject({ ok: false, errors: { accountKind: '请选择用哪种卡收钱' } });
  });
});

describe('staff decisions', () => {
  it('needs a reason to reject and at least one item to ask for more', () => {
    expect(buildDecision('reject', 'community_review', '  ')).toMatchObject({ ok: false });
    expect(buildDecision('more_info', 'community_review', '\n \n')).toMatchObject({ ok: false });
    expect(buildDecision('reject', 'street_review', '户籍不在本区')).toEqual({ ok: true, input: { decision: 'reject', stage: 'street_review', reason: '户籍不在本区' } });
    expect(buildDecision('approve', 'district_review', '')).toEqual({ ok: true, input: { decision: 'approve', stage: 'district_review' } });
  });
  it('turns the lines of 一次性告知 into a list, dropping numbering and blank lines', () => {
    expect(listFromLines('1. 老人本人的银行卡号\n\n2、联系电话\n· 开户行')).toEqual(['老人本人的银行卡号', '联系电话', '开户行']);
    const r = buildDecision('more_info', 'community_review', '1. 老人本人的银行卡号\n2. 联系电话');
    expect(r).toEqual({ ok: true, input: { decision: 'more_info', stage: 'community_review', items: ['老人本人的银行卡号', '联系电话'] } });
  });
  it('knows which statuses wait for a decision', () => {
    expect(stageOf('community_review')).toBe('community_review');
    expect(stageOf('publicity')).toBeNull();
    expect(stageOf('approved')).toBeNull();
    expect(monthText('2027-01')).toBe('2027年1月');
  });
  it('offers the decision only to the role of the stage', () => {
    expect(mayDecide('community_staff', 'community_review')).toBe(true);
    expect(mayDecide('community_staff', 'street_review')).toBe(false);
    expect(mayDecide('street_reviewer', 'street_review')).toBe(true);
    expect(mayDecide('street_reviewer', 'district_review')).toBe(false);
    expect(mayDecide('district_admin', 'district_review')).toBe(true);
    expect(mayDecide('district_admin', 'publicity')).toBe(false);
  });
});

describe('the district bracket form', () => {
  const form: PolicyForm = {
    effectiveFrom: '2027-01-01',
    ageRule: 'birthday_month',
    preRegistrationMonths: '2',
    confirmed: 'yes',
    brackets: [
      { minAge: '80', maxAge: '89', monthlyCny: '50' },
      { minAge: '90', maxAge: '99', monthlyCny: '100' },
      { minAge: '100', maxAge: '', monthlyCny: '500' },
    ],
  };
  it('builds the request from the fields', () => {
    const r = buildPolicyInput(form);
    expect(r).toMatchObject({ ok: true, input: { effectiveFrom: '2027-01-01', confirmedForDistrict: true, brackets: [{ minAge: 80, maxAge: 89, monthlyCny: 50 }, { minAge: 90, maxAge: 99, monthlyCny: 100 }, { minAge: 100, maxAge: null, monthlyCny: 500 }] } });
  });
  it('refuses a gap between brackets, a closed last bracket and a non-number, in Chinese', () => {
    const gap = buildPolicyInput({ ...form, brackets: [form.brackets[0], { ...form.brackets[1], minAge: '91' }, form.brackets[2]] });
    expect(gap).toMatchObject({ ok: false, errors: { 'brackets.1.minAge': '要紧接上一档的最高年龄' } });
    const closed = buildPolicyInput({ ...form, brackets: [form.brackets[0], form.brackets[1], { ...form.brackets[2], maxAge: '120' }] });
    expect(closed).toMatchObject({ ok: false, errors: { 'brackets.2.maxAge': '最后一档不设上限，请空着' } });
    expect(buildPolicyInput({ ...form, brackets: [{ ...form.brackets[0], monthlyCny: '五十' }, form.brackets[1], form.brackets[2]] })).toMatchObject({ ok: false, errors: { 'brackets.0.monthlyCny': '请填整数元' } });
    const young = buildPolicyInput({ ...form, brackets: [{ ...form.brackets[0], minAge: '20' }, form.brackets[1], form.brackets[2]] });
    expect(young).toMatchObject({ ok: false, errors: { 'brackets.0.minAge': '年龄应在60到130岁之间' } });
  });
});

describe('where the allowance is offered', () => {
  it('leads from an item asked for the allowance (健在证明) and not from others', () => {
    expect(leadsToAllowance({ everydayWords: [{ word: '高龄津贴', kind: 'use', source: null }] })).toBe(true);
    expect(leadsToAllowance({ everydayWords: [{ word: '高龄补贴', kind: 'use', source: null }] })).toBe(true);
    // the word as a name or subject is not what the item was asked for
    expect(leadsToAllowance({ everydayWords: [{ word: '高龄津贴', kind: 'subject', source: null }] })).toBe(false);
    expect(leadsToAllowance({ everydayWords: [{ word: '销户', kind: 'use', source: null }] })).toBe(false);
  });
  it('shows staff what the registry said under Chinese names, never a raw key', () => {
    const lines = evidenceLines({ source: 'district-copy', asOf: null, facts: { hukouRegionCode: '421003003003', alive: true, someNewKey: 'x' } });
    expect(lines).toEqual(['来源：区里导入的户籍、死亡、迁出名册', '户籍地代码：421003003003', '是否健在：是', '其他信息：x']);
    expect(lines.join('')).not.toMatch(/[a-zA-Z]{3,}/);
    const age = evidenceLines({ source: 'district-copy', asOf: null, facts: { birthDate: '1940-03-15', ageRule: 'birthday_month', found: true } });
    expect(age).toEqual(['来源：区里导入的户籍、死亡、迁出名册', '出生日期：1940-03-15', '年龄规则：满80周岁的当月起', '户籍库里有这个人：是']);
  });
});
