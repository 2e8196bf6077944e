// pure logic of the 添加家人 form (tested without Taro)
import { addFamilyMemberInput, ID_NUMBER_PROBLEM_TEXT, normalizeIdNumber, parseIdNumber } from '@jianban/shared';

export const FAMILY_FIELDS = ['name', 'idNumber', 'relationship', 'communityCode'] as const;
export type FamilyField = (typeof FAMILY_FIELDS)[number];

export interface FamilyForm {
  name: string;
  idNumber: string;
  relationship: string;
  communityCode: string;
}

/**
 * What to say under the ID number while typing. Wrong length is only an error once the person stops typing
 * (blur or submit) or typed too many; until then they get a neutral count.
 */
export function idNumberFeedback(raw: string, today: string, finished: boolean): { error?: string; hint?: string } {
  const value = normalizeIdNumber(raw);
  if (value.length === 0) return finished ? { error: ID_NUMBER_PROBLEM_TEXT.empty } : { hint: '18位，最后一位可能是X' };
  const r = parseIdNumber(value, today);
  if (r.ok) return { hint: `出生日期 ${r.id.birthDate}，${r.id.gender === 'male' ? '男' : '女'}` };
  if (r.problem === 'wrong_length' && value.length < 18 && !finished) {
    if (!/^\d*X?$/.test(value) || (value.includes('X') && !value.endsWith('X'))) return { error: ID_NUMBER_PROBLEM_TEXT.bad_characters };
    return { hint: `已输入${value.length}位，还差${18 - value.length}位` };
  }
  return { error: r.message };
}

const MISSING: Record<FamilyField, string> = {
  name: '请填写家人的姓名',
  idNumber: ID_NUMBER_PROBLEM_TEXT.empty,
  relationship: '请选择这位家人是您的什么人',
  communityCode: '请选择家人所在的社区',
};

/** checks the whole form with the shared schema; field → first message */
export function validateFamilyForm(form: FamilyForm): Partial<Record<FamilyField, string>> {
  const errors: Partial<Record<FamilyField, string>> = {};
  for (const f of FAMILY_FIELDS) if (!form[f].trim()) errors[f] = MISSING[f];
  const parsed = addFamilyMemberInput.safeParse({ ...form, idNumber: normalizeIdNumber(form.idNumber), name: form.name.trim() });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = issue.path[0] as FamilyField;
      if ((FAMILY_FIELDS as readonly string[]).includes(f) && !errors[f]) errors[f] = f === 'relationship' ? MISSING.relationship : issue.message;
    }
  }
  return errors;
}
