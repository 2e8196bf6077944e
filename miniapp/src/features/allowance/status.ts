import { decideAllowanceInput, type AllowanceStatus, type DecideAllowanceInput, type StaffRole } from '@jianban/shared';

type Tone = 'info' | 'error' | 'success';

/** what each status means for the family, in plain words (the status itself comes from the server's statusText) */
export const RESIDENT_STATUS_EXPLAIN: Record<AllowanceStatus, string> = {
  checking: '正在和户籍、民政的记录自动核对，一般几分钟就好，不用您做什么。',
  waiting: '核对用的系统暂时连不上。申请已经收到，不会因此不通过，连上后会自动再核对。',
  check_failed: '有一项自动核对没有通过，原因和接下来怎么办写在下面。',
  community_review: '社区工作人员在初审，审完会在“消息”里告诉您。',
  more_info: '社区需要您补充下面这些信息，一次列全了。补好后重新提交。',
  publicity: '社区初审通过了，正在社区公示7天。公示期间没有问题就交街道审核。',
  street_review: '公示结束，街道在审核。',
  district_review: '街道审核通过，区民政局在审批。',
  approved: '申请通过了，津贴会按月发到老人本人的账户。',
  rejected: '申请没有通过，原因写在下面。有疑问可以问社区，也可以改正后重新申请。',
  closed: '这份申请已经停止办理。',
};

export function statusTone(s: AllowanceStatus): Tone {
  if (s === 'approved') return 'success';
  if (s === 'check_failed' || s === 'rejected' || s === 'closed' || s === 'more_info') return 'error';
  return 'info';
}

export const CHECK_MARK = { passed: '✓ 通过', failed: '✗ 没通过', waiting: '… 稍后再核对' } as const;

/** the review stage a status is in (the stage staff decide on), or null when nobody has to decide */
export function stageOf(s: AllowanceStatus): DecideAllowanceInput['stage'] | null {
  return s === 'community_review' || s === 'street_review' || s === 'district_review' ? s : null;
}

// who decides at each stage (the server checks again, with the region)
const DECIDERS: Record<DecideAllowanceInput['stage'], readonly StaffRole[]> = {
  community_review: ['community_staff', 'district_admin'],
  street_review: ['street_reviewer', 'district_admin'],
  district_review: ['district_admin'],
};

/** whether this staff role decides at the application's current stage (others only read it) */
export function mayDecide(role: StaffRole, s: AllowanceStatus): boolean {
  const stage = stageOf(s);
  return stage !== null && DECIDERS[stage].includes(role);
}

export const STAGE_TEXT: Record<DecideAllowanceInput['stage'], string> = {
  community_review: '社区初审',
  street_review: '街道审核',
  district_review: '区民政局审批',
};

/** '2027-01' → '2027年1月' */
export function monthText(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** '2026-12-07' → '12月7日' */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[2])}月${Number(m[3])}日` : day;
}

export type DecisionKind = DecideAllowanceInput['decision'];

/** one item per line; blank lines and list marks (1. · -) dropped */
export function listFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(\d+[.、)]|[·\-•])\s*/, '').trim())
    .filter((l) => l.length > 0);
}

/** the decide form → the request, or what to fix (a reason for 不通过, at least one item for 补充) */
export function buildDecision(kind: DecisionKind, stage: DecideAllowanceInput['stage'], text: string): { ok: true; input: DecideAllowanceInput } | { ok: false; error: string } {
  const trimmed = text.trim();
  const raw =
    kind === 'approve'
      ? { decision: kind, stage, ...(trimmed ? { note: trimmed } : {}) }
      : kind === 'reject'
        ? { decision: kind, stage, reason: trimmed }
        : { decision: kind, stage, items: listFromLines(text) };
  if (kind === 'reject' && !trimmed) return { ok: false, error: '请写明不通过的原因，家属会看到' };
  if (kind === 'more_info' && listFromLines(text).length === 0) return { ok: false, error: '请把需要补充的信息一行写一项' };
  const parsed = decideAllowanceInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? '填写的内容有误' };
  return { ok: true, input: parsed.data };
}
