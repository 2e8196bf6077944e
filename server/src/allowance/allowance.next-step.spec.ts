import { describe, expect, it } from '@jest/globals';
import { nextStepOf, type FailedCheck } from './allowance.next-step';

const age = (eligibleFrom: string, pre = 2): FailedCheck => ({ kind: 'age', facts: { eligibleFrom, preRegistrationMonths: pre, birthDate: '1946-08-15' } });
const base = { status: 'check_failed', deceased: false, today: '2026-03-10', withdrawnMonth: null };

describe('what the family can do next', () => {
  it('an age-only failure: no correction, the month it opens (pre-registration counted), then submit again', () => {
    const early = nextStepOf({ ...base, failed: [age('2026-08')] });
    expect([early.canResubmit, early.nextStep]).toEqual([false, expect.stringContaining('2026年6月起就可以申请')]);
    expect(early.nextStep).not.toContain('改正');
    expect(nextStepOf({ ...base, today: '2026-05-31', failed: [age('2026-08')] }).canResubmit).toBe(false);
    expect(nextStepOf({ ...base, today: '2026-06-01', failed: [age('2026-08')] }).canResubmit).toBe(true);
    // the whole-year rule from January, no pre-registration: December still closed
    expect(nextStepOf({ ...base, today: '2026-12-31', failed: [age('2027-01', 0)] }).canResubmit).toBe(false);
  });

  it('a name can be corrected; with a closed age window the name waits too', () => {
    expect(nextStepOf({ ...base, failed: [{ kind: 'name_match', facts: { nameMatches: false } }] }).canResubmit).toBe(true);
    const both = nextStepOf({ ...base, failed: [{ kind: 'name_match', facts: {} }, age('2026-12')] });
    expect([both.canResubmit, both.nextStep?.startsWith('老人2026年12月起')]).toEqual([false, true]);
  });

  it('hukou, moved out, duplicate, not in the registry: nothing to correct, each says what to do', () => {
    for (const [kind, words] of [['hukou', '户口所在地'], ['not_moved_out', '新的户口所在地'], ['not_duplicate', '已经有人申请过']] as const) {
      const s = nextStepOf({ ...base, failed: [{ kind, facts: {} }] });
      expect([s.canResubmit, s.nextStep]).toEqual([false, expect.stringContaining(words)]);
    }
    const unknown = nextStepOf({ ...base, failed: [{ kind: 'name_match', facts: { found: false } }, { kind: 'hukou', facts: { found: false } }] });
    expect([unknown.canResubmit, unknown.nextStep]).toEqual([false, expect.stringContaining('没有查到')]);
  });

  it('consent: withdrawable until the case ends; after approval payments stop from the next month', () => {
    expect(nextStepOf({ ...base, status: 'community_review', failed: [] }).canWithdrawConsent).toBe(true);
    expect(nextStepOf({ ...base, status: 'rejected', failed: [] }).canWithdrawConsent).toBe(false);
    expect(nextStepOf({ ...base, status: 'approved', deceased: true, failed: [] }).canWithdrawConsent).toBe(false);
    const paid = nextStepOf({ ...base, status: 'approved', withdrawnMonth: '2026-12', failed: [] });
    expect([paid.canWithdrawConsent, paid.paymentsStopFrom, paid.nextStep]).toEqual([false, '2027-01', expect.stringContaining('2027年1月起不再发放')]);
    expect(nextStepOf({ ...base, status: 'closed', withdrawnMonth: '2026-12', failed: [] }).paymentsStopFrom).toBeNull();
  });
});
