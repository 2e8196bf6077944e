import { z } from 'zod';
import { hasNoInvisible, INVISIBLE_MESSAGE, nfkc } from '../text';
import { pageMeta, pageQuery } from '../common.schema';
import { localDate, localMonth } from '../booking/booking.schema';
import { personName } from '../identity/identity.schema';
import { ALLOWANCE_CONSENT_VERSION } from './allowance.consent';
import { caseLogEntry, caseParty, staffCaseLogEntry, staffCaseParty } from '../cases/cases.schema';

// ---------------------------------------------------------------------------------------------
// Senior allowance (高龄津贴) contract, issue 11 part 1: application, automatic checks, staged approval, 公示.
// Dates are Asia/Shanghai civil dates 'YYYY-MM-DD', months 'YYYY-MM', instants ISO-8601 UTC strings.
// No route of this module takes a file: no certificate of any kind is asked for.
// ---------------------------------------------------------------------------------------------

const text = (max: number) =>
  z.string().overwrite(nfkc).refine(hasNoInvisible, INVISIBLE_MESSAGE).trim().min(1).max(max).regex(/^[^<>]+$/u, '不能有特殊符号');

// ---- status -------------------------------------------------------------------------------------

/**
 * checking          automatic checks are running
 * waiting           a check could not run (the registry is unavailable); retried automatically, never refused for it
 * check_failed      a check failed; the family may correct and resubmit
 * community_review  社区初审 (the staff member who takes it owns it)
 * more_info         staff need more information (一次性告知 list); the family corrects and resubmits
 * publicity         7-day 公示 in the community
 * street_review     街道审核
 * district_review   区民政局审批
 * approved          approved; paid from firstPaidMonth
 * rejected          refused with a reason (a new application may be made)
 * closed            stopped: the elder died, or consent was withdrawn
 */
export const allowanceStatuses = [
  'checking',
  'waiting',
  'check_failed',
  'community_review',
  'more_info',
  'publicity',
  'street_review',
  'district_review',
  'approved',
  'rejected',
  'closed',
] as const;
export const allowanceStatus = z.enum(allowanceStatuses);
export type AllowanceStatus = z.infer<typeof allowanceStatus>;
/** statuses that hold the elder's one active application (a second application is refused while one of these exists) */
export const ACTIVE_ALLOWANCE_STATUSES: readonly AllowanceStatus[] = allowanceStatuses.filter((s) => s !== 'rejected' && s !== 'closed');
export const ALLOWANCE_STATUS_TEXT: Record<AllowanceStatus, string> = {
  checking: '正在自动核对',
  waiting: '核对系统暂时连不上，稍后自动再核对',
  check_failed: '自动核对没有通过',
  community_review: '社区初审中',
  more_info: '需要补充信息',
  publicity: '公示中',
  street_review: '街道审核中',
  district_review: '区民政局审批中',
  approved: '已通过',
  rejected: '未通过',
  closed: '已停止办理',
};

/** the review stages a staff decision applies to */
export const allowanceStages = ['community_review', 'street_review', 'district_review'] as const;
export const allowanceStage = z.enum(allowanceStages);
export type AllowanceStage = z.infer<typeof allowanceStage>;

// ---- automatic checks ---------------------------------------------------------------------------

export const allowanceCheckKinds = ['id_valid', 'name_match', 'age', 'hukou', 'alive', 'not_moved_out', 'not_duplicate'] as const;
export const allowanceCheckKind = z.enum(allowanceCheckKinds);
export type AllowanceCheckKind = z.infer<typeof allowanceCheckKind>;
export const ALLOWANCE_CHECK_TEXT: Record<AllowanceCheckKind, string> = {
  id_valid: '身份证号',
  name_match: '姓名',
  age: '年龄',
  hukou: '户籍在荆州区',
  alive: '健在',
  not_moved_out: '户口没有迁出',
  not_duplicate: '没有重复申请或领取',
};
export const allowanceCheckResults = ['passed', 'failed', 'waiting'] as const;
export const allowanceCheckResult = z.enum(allowanceCheckResults);

/** one check as the family sees it: a plain sentence, no registry detail */
export const allowanceCheckView = z.object({
  kind: allowanceCheckKind,
  label: z.string(),
  result: allowanceCheckResult,
  /** plain Chinese, e.g. '户籍在荆州区梅村社区，符合条件' */
  sentence: z.string(),
  checkedAt: z.string(),
});
export type AllowanceCheckView = z.infer<typeof allowanceCheckView>;

/** what the registry said, for staff: source, how current, when checked */
export const allowanceEvidenceView = z.object({
  source: z.enum(['district-copy', 'data-sharing', 'application', 'policy']),
  /** how current the registry's answer was (null when the registry did not answer) */
  asOf: z.string().nullable(),
  /** key facts the decision rests on, e.g. { hukouRegionCode: '421003003003', birthDate: '1940-03-15' } (ID numbers masked) */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const staffAllowanceCheckView = allowanceCheckView.extend({ evidence: allowanceEvidenceView });
export type StaffAllowanceCheckView = z.infer<typeof staffAllowanceCheckView>;

// ---- policy (brackets, age rule) ----------------------------------------------------------------

/** birthday_month: eligible from the month of the 80th birthday; calendar_year: from January of the year of it */
export const allowanceAgeRules = ['birthday_month', 'calendar_year'] as const;
export const allowanceAgeRule = z.enum(allowanceAgeRules);
export type AllowanceAgeRule = z.infer<typeof allowanceAgeRule>;
export const ALLOWANCE_AGE_RULE_TEXT: Record<AllowanceAgeRule, string> = {
  birthday_month: '满80周岁的当月起',
  calendar_year: '满80周岁的当年1月起',
};

export const allowanceBracketView = z.object({
  minAge: z.number().int(),
  /** null = no upper bound */
  maxAge: z.number().int().nullable(),
  monthlyCny: z.number().int(),
  /** e.g. '80—89岁' */
  label: z.string(),
});
export type AllowanceBracketView = z.infer<typeof allowanceBracketView>;

export const allowancePolicyView = z.object({
  brackets: z.array(allowanceBracketView),
  ageRule: allowanceAgeRule,
  ageRuleText: z.string(),
  /** pre-registration: an application may be made up to this many months before the rule is met */
  preRegistrationMonths: z.number().int(),
  effectiveFrom: localDate,
  /** true while the amounts are the built-in defaults the district has not confirmed for 荆州区 (staff UI says so) */
  isDefault: z.boolean(),
  /** the policy versions that take effect later, if the district set one */
  upcoming: z.array(z.object({ effectiveFrom: localDate, brackets: z.array(allowanceBracketView) })),
  updatedAt: z.string().nullable(),
});
export type AllowancePolicyView = z.infer<typeof allowancePolicyView>;

export const allowanceBracketInput = z.strictObject({
  minAge: z.number().int().min(60).max(130),
  maxAge: z.number().int().min(60).max(130).nullable(),
  monthlyCny: z.number().int().min(0).max(100000),
});
/** a new policy version from effectiveFrom (district only); brackets must be contiguous from the lowest age, the last open */
export const updateAllowancePolicyInput = z.strictObject({
  effectiveFrom: localDate,
  brackets: z.array(allowanceBracketInput).min(1).max(10),
  ageRule: allowanceAgeRule,
  preRegistrationMonths: z.number().int().min(0).max(12),
  /** the district confirms these are 荆州区's own amounts (clears the "default" flag) */
  confirmedForDistrict: z.boolean(),
});
export type UpdateAllowancePolicyInput = z.infer<typeof updateAllowancePolicyInput>;

// ---- application input --------------------------------------------------------------------------

export const allowanceAccountKinds = ['bank_card', 'one_card', 'social_security_card'] as const;
export const allowanceAccountKind = z.enum(allowanceAccountKinds);
export const ALLOWANCE_ACCOUNT_KIND_TEXT: Record<(typeof allowanceAccountKinds)[number], string> = {
  bank_card: '银行卡',
  one_card: '惠民惠农一卡通',
  social_security_card: '社保卡',
};
/** the account that receives the money, in the elder's own name; digits only (spaces people type are dropped) */
export const allowanceAccountInput = z.strictObject({
  kind: allowanceAccountKind,
  number: z
    .string()
    .max(60)
    .overwrite((s) => nfkc(s).replace(/[\s\u3000-]+/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, '账号应为8到30位数字')),
  /** 开户行, e.g. '湖北农商银行荆州区支行' */
  bankName: text(60).optional(),
});
export type AllowanceAccountInput = z.infer<typeof allowanceAccountInput>;

export const mobilePhone = z
  .string()
  .max(30)
  .overwrite((s) => nfkc(s).replace(/[\s\u3000-]+/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '请填写11位手机号'));

/** who gives the separate consent: the elder (own WeChat, or at the counter) or a proxy under an authorisation */
export const allowanceConsentBases = ['elder_self', 'proxy_entrusted', 'guardian'] as const;
export const allowanceConsentBasis = z.enum(allowanceConsentBases);
export const allowanceConsentInput = z.strictObject({
  /** the ALLOWANCE_CONSENT version the person read */
  version: z.string().min(1).max(60),
  agreed: z.literal(true),
  basis: allowanceConsentBasis,
});

/** a family applies for an elder it acts for */
export const applyAllowanceInput = z.strictObject({
  familyMemberId: z.string().uuid(),
  consent: allowanceConsentInput,
  account: allowanceAccountInput,
  phone: mobilePhone,
  /** the same key within a day returns the same application instead of a second one (double tap) */
  idempotencyKey: z.string().uuid().optional(),
});
export type ApplyAllowanceInput = z.infer<typeof applyAllowanceInput>;

/** community staff apply at the counter for an elder with no one on WeChat (consent given there by the elder) */
export const staffCounterApplyInput = z.strictObject({
  elderName: personName,
  idNumber: z.string().min(15).max(40),
  consent: allowanceConsentInput,
  account: allowanceAccountInput,
  phone: mobilePhone,
});
export type StaffCounterApplyInput = z.infer<typeof staffCounterApplyInput>;

/** correct and resubmit after check_failed or more_info: only the parts given change, the checks run again */
export const resubmitAllowanceInput = z
  .strictObject({
    elderName: personName.optional(),
    account: allowanceAccountInput.optional(),
    phone: mobilePhone.optional(),
    note: text(300).optional(),
  });
export type ResubmitAllowanceInput = z.infer<typeof resubmitAllowanceInput>;

// ---- application views --------------------------------------------------------------------------

/** timeline entries are the case kit's log (cases.schema): residents see visible steps, staff every step */
export const allowanceTimelineEntryView = caseLogEntry;
export type AllowanceTimelineEntryView = z.infer<typeof allowanceTimelineEntryView>;

export const allowancePublicityPeriodView = z.object({ startsOn: localDate, endsOn: localDate });

export const allowanceApplicationView = z.object({
  id: z.string(),
  status: allowanceStatus,
  statusText: z.string(),
  elderName: z.string(),
  elderIdMasked: z.string(),
  /** null when the application was made at the counter */
  familyMemberId: z.string().nullable(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  /** the bracket the elder falls in today (null until the age is known) */
  bracket: allowanceBracketView.nullable(),
  account: z.object({ kind: allowanceAccountKind, kindText: z.string(), masked: z.string(), bankName: z.string().nullable() }),
  phoneMasked: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** set when approved: the later of the month after district approval and the first month the age rule is met */
  firstPaidMonth: localMonth.nullable(),
  publicity: allowancePublicityPeriodView.nullable(),
  /** the correction form applies: something the family can change failed (a name), or the age window has opened */
  canResubmit: z.boolean(),
  /** who submitted it: me (the caller), another family account acting for the same elder, or staff at the counter */
  submittedBy: z.enum(['me', 'family', 'counter']),
  /** e.g. '您提交的' / '家人王*提交的' / '社区工作人员在窗口代办的' */
  submittedByText: z.string(),
  /** the separate consent was withdrawn (before approval the application closed; after it payments stop) */
  consentWithdrawnAt: z.string().nullable(),
  /** after approval: the first month not paid because consent was withdrawn */
  paymentsStopFrom: localMonth.nullable(),
  /** the family may withdraw the consent now (any verified proxy; not after it was withdrawn or the case ended) */
  canWithdrawConsent: z.boolean(),
  /** what the family can actually do now, in plain words (e.g. when an age-only failure may apply again); null: nothing */
  nextStep: z.string().nullable(),
  /** a death the family reported: waiting for the community to confirm it, confirmed, or not confirmed */
  deathReport: z.object({ diedOn: localDate, reportedAt: z.string(), state: z.enum(['reported', 'confirmed', 'not_confirmed']) }).nullable(),
});
export type AllowanceApplicationView = z.infer<typeof allowanceApplicationView>;

export const allowanceApplicationDetailView = allowanceApplicationView.extend({
  checks: z.array(allowanceCheckView),
  /** 一次性告知: everything staff need, listed at once (empty unless status is more_info) */
  missingItems: z.array(z.string()),
  rejectReason: z.string().nullable(),
  /** the staff member responsible (首问负责人), when one has taken it */
  owner: caseParty.nullable(),
  timeline: z.array(allowanceTimelineEntryView),
});
export type AllowanceApplicationDetailView = z.infer<typeof allowanceApplicationDetailView>;

export const allowanceApplicationList = z.object({ items: z.array(allowanceApplicationView), ...pageMeta });
export type AllowanceApplicationList = z.infer<typeof allowanceApplicationList>;
export const myAllowanceQuery = pageQuery.extend({});

/** the family withdraws the separate consent (PIPL art. 15): before approval the application stops, after it payments stop */
export const withdrawAllowanceConsentInput = z.strictObject({
  /** the family confirms it read what happens */
  confirmed: z.literal(true),
  note: text(300).optional(),
});
export type WithdrawAllowanceConsentInput = z.infer<typeof withdrawAllowanceConsentInput>;

/** a verified proxy reports the elder's death; the community confirms it (the registry stays the source for payments) */
export const reportAllowanceDeathInput = z.strictObject({ diedOn: localDate, note: text(300).optional() });
export type ReportAllowanceDeathInput = z.infer<typeof reportAllowanceDeathInput>;
/** the community's answer to a reported death: confirmed (the case stops / is recorded for the district) or not */
export const confirmAllowanceDeathInput = z.strictObject({ confirmed: z.boolean(), note: text(300).optional() });
export type ConfirmAllowanceDeathInput = z.infer<typeof confirmAllowanceDeathInput>;

// ---- 公示 ---------------------------------------------------------------------------------------

/** one row of a community's public list: masked name (王*国), age, bracket, dates — nothing else */
export const publicityEntryView = z.object({
  id: z.string(),
  maskedName: z.string(),
  age: z.number().int(),
  bracketLabel: z.string(),
  monthlyCny: z.number().int(),
  startsOn: localDate,
  endsOn: localDate,
});
export type PublicityEntryView = z.infer<typeof publicityEntryView>;
export const publicityList = z.object({
  communityCode: z.string(),
  communityName: z.string(),
  items: z.array(publicityEntryView),
  ...pageMeta,
});
export type PublicityList = z.infer<typeof publicityList>;
export const publicityQuery = pageQuery.extend({});
export const publicityParams = z.strictObject({ id: z.string().uuid() });

/** the community's 公示 list as an A4 PDF for the notice board: the same masked rows as the app, and how to object */
export const allowancePublicityPrintView = z.object({
  fileName: z.string(),
  contentType: z.literal('application/pdf'),
  base64: z.string(),
  sizeBytes: z.number().int(),
  pageCount: z.number().int(),
  entryCount: z.number().int(),
  generatedAt: z.string(),
});
export type AllowancePublicityPrintView = z.infer<typeof allowancePublicityPrintView>;

export const raiseObjectionInput = z.strictObject({ reason: text(500) });
export const objectionReceiptView = z.object({ id: z.string(), receivedAt: z.string() });

// ---- staff --------------------------------------------------------------------------------------

export const staffAllowanceQueueViews = ['waiting', 'mine', 'publicity', 'objections', 'all'] as const;
export const staffAllowanceQueueView = z.enum(staffAllowanceQueueViews);
export const staffAllowanceQueueQuery = pageQuery.extend({ view: staffAllowanceQueueView.default('waiting') });
/** street_review for a street reviewer, district_review for the district (region scope from the path) */
export const staffAllowanceReviewQuery = pageQuery.extend({ stage: z.enum(['street_review', 'district_review']) });

export const staffAllowanceRowView = allowanceApplicationView.extend({
  ownerName: z.string().nullable(),
  openObjections: z.number().int(),
  /** the current stage's deadline, and whether it passed */
  stageDueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type StaffAllowanceRowView = z.infer<typeof staffAllowanceRowView>;
export const staffAllowanceList = z.object({ items: z.array(staffAllowanceRowView), ...pageMeta });
export type StaffAllowanceList = z.infer<typeof staffAllowanceList>;

export const allowanceObjectionView = z.object({
  id: z.string(),
  reason: z.string(),
  receivedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export const staffAllowanceDetailView = staffAllowanceRowView.extend({
  checks: z.array(staffAllowanceCheckView),
  missingItems: z.array(z.string()),
  rejectReason: z.string().nullable(),
  /** 首问负责人 and the current handler (differs after a hand-over) */
  owner: staffCaseParty.nullable(),
  handler: staffCaseParty.nullable(),
  consent: z.object({ version: z.string(), basis: allowanceConsentBasis, givenAt: z.string(), givenBy: z.enum(['family', 'staff_counter']), withdrawnAt: z.string().nullable() }),
  objections: z.array(allowanceObjectionView),
  timeline: z.array(staffCaseLogEntry),
  /** the elder's death is known (registry or reported): messages to other family members have stopped */
  deceased: z.boolean(),
});
export type StaffAllowanceDetailView = z.infer<typeof staffAllowanceDetailView>;

/** a staff decision at one stage; `stage` must be the application's current stage (two reviewers: one wins).
 *  reject needs a reason, more_info the full list of what is missing (一次性告知) */
export const decideAllowanceInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject', 'more_info']),
    stage: allowanceStage,
    reason: text(500).optional(),
    items: z.array(text(200)).min(1).max(20).optional(),
    note: text(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请写明不通过的原因' });
    if (v.decision === 'more_info' && !v.items) ctx.addIssue({ code: 'custom', path: ['items'], message: '请一次列出需要补充的全部信息' });
    if (v.decision !== 'more_info' && v.items) ctx.addIssue({ code: 'custom', path: ['items'], message: '只有需要补充信息时才列清单' });
  });
export type DecideAllowanceInput = z.infer<typeof decideAllowanceInput>;

export const resolveObjectionInput = z.strictObject({ resolution: text(500) });
export const objectionParams = z.strictObject({ id: z.string().uuid() });

/** reading a full ID number or account is logged in the audit trail with the reason */
export const revealAllowanceInput = z.strictObject({ field: z.enum(['idNumber', 'account']), reason: text(200) });
export const revealAllowanceView = z.object({ field: z.enum(['idNumber', 'account']), value: z.string() });

export { ALLOWANCE_CONSENT_VERSION };

/** the allowance's case-log actions (the case kit stores them) and their plain-Chinese text */
export const ALLOWANCE_ACTION_TEXT: Record<string, string> = {
  submitted: '提交申请',
  counter_submitted: '社区窗口代为提交申请',
  checks_passed: '自动核对通过',
  check_failed: '自动核对没有通过',
  checks_waiting: '核对系统暂时连不上，稍后自动再核对',
  taken: '社区工作人员接手初审',
  publicity_started: '社区初审通过，开始公示',
  objection_raised: '有居民对公示提出异议',
  objection_resolved: '异议已核实',
  publicity_ended: '公示结束，送街道审核',
  street_approved: '街道审核通过，送区民政局审批',
  district_approved: '区民政局审批通过',
  rejected: '未通过',
  more_info: '需要补充信息',
  resubmitted: '修改后重新提交',
  closed_deceased: '老人已去世，停止办理',
  consent_withdrawn: '家属撤回同意，停止办理',
  moved_community: '按户籍转到所在社区办理',
  death_reported: '家属报告老人已去世，等社区核实',
  death_confirmed: '社区已核实老人去世，停止办理',
  death_recorded: '社区已核实老人去世，已记录报区民政部门',
  death_not_confirmed: '社区未能核实老人去世的情况',
  consent_withdrawn_after_approval: '家属撤回同意，下个月起停发',
  handed_over: '转交同事办理',
  note: '备注',
};
export const allowanceActionText = (action: string): string => ALLOWANCE_ACTION_TEXT[action] ?? '办理';
