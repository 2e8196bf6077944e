import { addMonths, monthOf, type AllowanceCheckKind } from '@jianban/shared';

// What the family can actually do with an application now, as a pure function of its status, its failed checks (with
// their evidence) and the consent: whether the correction form applies (only a name can be corrected in a resubmit;
// an age-only failure waits for its month instead), and one plain sentence about the next step.

export interface FailedCheck {
  kind: AllowanceCheckKind;
  facts: Record<string, unknown>;
}

export interface NextStepInput {
  status: string;
  deceased: boolean;
  failed: readonly FailedCheck[];
  /** 'YYYY-MM-DD' Asia/Shanghai */
  today: string;
  /** 'YYYY-MM' of the withdrawal (Asia/Shanghai), when the consent was withdrawn */
  withdrawnMonth: string | null;
}

export interface NextStep {
  canResubmit: boolean;
  canWithdrawConsent: boolean;
  paymentsStopFrom: string | null;
  nextStep: string | null;
}

const ym = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
const ENDED = ['rejected', 'closed'];

/** the month from which an age-only failure may be submitted again (pre-registration included), from its evidence */
export function ageWindowOpens(failed: readonly FailedCheck[]): string | null {
  const age = failed.find((c) => c.kind === 'age');
  const from = age?.facts.eligibleFrom;
  if (typeof from !== 'string' || !/^\d{4}-\d{2}$/.test(from)) return null;
  const pre = typeof age?.facts.preRegistrationMonths === 'number' ? age.facts.preRegistrationMonths : 0;
  return addMonths(from, -pre);
}

const ADVICE: Partial<Record<AllowanceCheckKind, string>> = {
  id_valid: '老人的身份证号有误，请在“家人”里改正号码后重新申请（改了号码，要重新核验代办关系）。',
  name_match: '请按户口簿上的姓名改正后重新提交。',
  hukou: '高龄津贴由户口所在地发放，请到老人户口所在地的社区（村）申请。如果老人的户口其实在荆州区，请带户口簿到社区核对。',
  not_moved_out: '户口迁出后，高龄津贴由新的户口所在地发放，请到那里申请。',
  not_duplicate: '这位老人已经有人申请过或已经在领取，不用再申请。可以先问问家里其他人，他们提交的申请也会列在高龄津贴首页。',
};

export function nextStepOf(i: NextStepInput): NextStep {
  const withdrawn = i.withdrawnMonth !== null;
  const paymentsStopFrom = withdrawn && i.status === 'approved' ? addMonths(i.withdrawnMonth as string, 1) : null;
  const canWithdrawConsent = !withdrawn && !i.deceased && !ENDED.includes(i.status);
  const base = { canWithdrawConsent, paymentsStopFrom };
  if (withdrawn) {
    const nextStep = paymentsStopFrom
      ? `您家已撤回同意，高龄津贴从${ym(paymentsStopFrom)}起不再发放。想恢复发放，请到社区办理。`
      : '您家已撤回同意，这份申请已停止办理，老人的信息不再用于这件事。以后想申请，可以在高龄津贴首页重新申请。';
    return { ...base, canResubmit: false, nextStep };
  }
  if (i.deceased) return { ...base, canResubmit: false, nextStep: null };
  if (i.status === 'more_info') return { ...base, canResubmit: true, nextStep: null };
  if (i.status !== 'check_failed') return { ...base, canResubmit: false, nextStep: null };

  // the registry does not know the ID number at all: nothing on the form can fix that
  if (i.failed.some((c) => c.facts.found === false)) {
    return { ...base, canResubmit: false, nextStep: '民政的户籍数据里没有查到老人的身份证号。请先核对号码；号码没错的，请带老人的户口簿到社区，请工作人员查一查。' };
  }
  const kinds = new Set(i.failed.map((c) => c.kind));
  const opens = kinds.has('age') ? ageWindowOpens(i.failed) : null;
  const open = opens !== null && opens <= monthOf(i.today);
  const parts: string[] = [];
  const ordered = [...i.failed].sort((a, b) => (a.kind === 'age' ? -1 : 0) - (b.kind === 'age' ? -1 : 0));
  for (const c of ordered) {
    if (c.kind === 'age') {
      const from = String(c.facts.eligibleFrom ?? '');
      parts.push(
        open
          ? '老人现在已经可以申请了，点下面的“再次提交”就行，不用重新填写。'
          : opens
            ? `老人${ym(from)}起符合年龄条件，${ym(opens)}起就可以申请。到时候回到这一页点“再次提交”，不用重新填写。`
            : '老人还没到申请的年龄。',
      );
    } else if (c.kind === 'name_match' && kinds.has('age') && !open) parts.push('到时候请按户口簿上的姓名改正后再提交。');
    else if (ADVICE[c.kind]) parts.push(ADVICE[c.kind] as string);
  }
  // only the name can be corrected in a resubmit; the age only needs its month to come
  const fixable = [...kinds].every((k) => k === 'name_match' || k === 'age') && (!kinds.has('age') || open) && kinds.size > 0;
  return { ...base, canResubmit: fixable, nextStep: parts.length ? parts.join('') : null };
}
