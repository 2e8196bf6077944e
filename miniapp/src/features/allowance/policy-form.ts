// The district's bracket settings as a form of strings (what the fields hold) ↔ the request.
import { updateAllowancePolicyInput, type AllowancePolicyView, type UpdateAllowancePolicyInput } from '@jianban/shared';

export interface BracketRow {
  minAge: string;
  /** '' = no upper bound (the last bracket) */
  maxAge: string;
  monthlyCny: string;
}
export interface PolicyForm {
  effectiveFrom: string;
  ageRule: UpdateAllowancePolicyInput['ageRule'];
  preRegistrationMonths: string;
  confirmed: 'yes' | 'no';
  brackets: BracketRow[];
}

export function policyFormFrom(p: AllowancePolicyView, today: string): PolicyForm {
  return {
    effectiveFrom: today,
    ageRule: p.ageRule,
    preRegistrationMonths: String(p.preRegistrationMonths),
    confirmed: p.isDefault ? 'no' : 'yes',
    brackets: p.brackets.map((b) => ({ minAge: String(b.minAge), maxAge: b.maxAge === null ? '' : String(b.maxAge), monthlyCny: String(b.monthlyCny) })),
  };
}

const int = (s: string): number | undefined => (/^\s*\d+\s*$/.test(s) ? Number(s.trim()) : undefined);

// zod's own range messages are English: the fields say it in Chinese
function chineseMessage(path: readonly PropertyKey[], message: string): string {
  const last = path[path.length - 1];
  if (last === 'minAge' || last === 'maxAge') return '年龄应在60到130岁之间';
  if (last === 'monthlyCny') return '金额应在0到100000元之间';
  if (last === 'preRegistrationMonths') return '请填0到12的整数';
  if (path[0] === 'brackets') return '最多设10档';
  return message;
}

/** the form → the request, or the first problem per field ('brackets.1.monthlyCny', 'effectiveFrom', 'form' …) */
export function buildPolicyInput(f: PolicyForm): { ok: true; input: UpdateAllowancePolicyInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const brackets = f.brackets.map((b, i) => {
    const minAge = int(b.minAge);
    const maxAge = b.maxAge.trim() === '' ? null : int(b.maxAge);
    const monthlyCny = int(b.monthlyCny);
    if (minAge === undefined) errors[`brackets.${i}.minAge`] = '请填整数岁数';
    if (maxAge === undefined) errors[`brackets.${i}.maxAge`] = '请填整数岁数，最后一档可以空着';
    if (monthlyCny === undefined) errors[`brackets.${i}.monthlyCny`] = '请填整数元';
    return { minAge, maxAge, monthlyCny };
  });
  // contiguous from the lowest age, only the last one open (the server checks the same and answers ALLOWANCE_POLICY_INVALID)
  brackets.forEach((b, i) => {
    const next = brackets[i + 1];
    if (next && (b.maxAge === null || (typeof b.maxAge === 'number' && typeof next.minAge === 'number' && next.minAge !== b.maxAge + 1))) {
      errors[`brackets.${i + 1}.minAge`] ??= '要紧接上一档的最高年龄';
    }
    if (!next && b.maxAge !== null && b.maxAge !== undefined) errors[`brackets.${i}.maxAge`] ??= '最后一档不设上限，请空着';
  });
  const months = int(f.preRegistrationMonths);
  if (months === undefined) errors.preRegistrationMonths = '请填0到12的整数';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = updateAllowancePolicyInput.safeParse({
    effectiveFrom: f.effectiveFrom.trim(),
    brackets,
    ageRule: f.ageRule,
    preRegistrationMonths: months,
    confirmedForDistrict: f.confirmed === 'yes',
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= chineseMessage(issue.path, issue.message);
    return { ok: false, errors };
  }
  return { ok: true, input: parsed.data };
}
