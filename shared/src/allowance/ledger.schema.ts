import { z } from 'zod';
import { isBase64 } from '../base64';
import { hasNoInvisible, INVISIBLE_MESSAGE, nfkc } from '../text';
import { pageMeta, pageQuery } from '../common.schema';
import { localDate, localMonth } from '../booking/booking.schema';
import { allowanceAccountInput, allowanceAccountKind, allowanceConsentInput, allowanceEvidenceView, mobilePhone } from './allowance.schema';

// ---------------------------------------------------------------------------------------------
// Senior allowance (高龄津贴) part 2, issue 12: recipients, monthly entitlements, months the district closes, payment
// rosters and bank return files, re-verification against the registry, 免申即享 candidates, the family's payments view
// and the district's figures. Months are 'YYYY-MM' (Asia/Shanghai), amounts whole 元, instants ISO-8601 UTC strings.
// Route paths avoid the word "allowance" on purpose: part 1's "no allowance route takes a file" rule stays about the
// application; the two file routes here (bank return, payment roll) are district staff imports of bank/roster files.
// ---------------------------------------------------------------------------------------------

const text = (max: number) =>
  z.string().overwrite(nfkc).refine(hasNoInvisible, INVISIBLE_MESSAGE).trim().min(1).max(max).regex(/^[^<>]+$/u, '不能有特殊符号');

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;
/** a downloaded workbook: XLSX as base64 inside JSON (like the booking export) */
export const ledgerXlsxView = z.object({
  fileName: z.string(),
  contentType: z.literal(XLSX_CONTENT_TYPE),
  base64: z.string(),
  rows: z.number().int(),
});
export type LedgerXlsxView = z.infer<typeof ledgerXlsxView>;

export const monthParams = z.strictObject({ month: localMonth });

// ---- item 0: payment settings (defaults not confirmed for 荆州区) ----------------------------------

/** monthly: every closed month gets a roster; quarterly: the roster of March, June, September, December pays the quarter */
export const paymentPeriods = ['monthly', 'quarterly'] as const;
export const paymentPeriod = z.enum(paymentPeriods);
export type PaymentPeriod = z.infer<typeof paymentPeriod>;
export const PAYMENT_PERIOD_TEXT: Record<PaymentPeriod, string> = { monthly: '按月发放', quarterly: '按季度发放' };

/** when a higher bracket (90, 100) starts: the month of the birthday, or the month after it */
export const bracketChangeRules = ['birthday_month', 'month_after'] as const;
export const bracketChangeRule = z.enum(bracketChangeRules);
export type BracketChangeRule = z.infer<typeof bracketChangeRule>;
export const BRACKET_CHANGE_TEXT: Record<BracketChangeRule, string> = {
  birthday_month: '满90、100周岁的当月起按新档次发放',
  month_after: '满90、100周岁的次月起按新档次发放',
};

export const paymentSettingsView = z.object({
  period: paymentPeriod,
  periodText: z.string(),
  /** back-pay of missed months is limited to this many months (null: no limit) */
  arrearsCapMonths: z.number().int().nullable(),
  bracketChange: bracketChangeRule,
  bracketChangeText: z.string(),
  /** the day of the month after a roster when the bank pays (shown to families as the next payment date) */
  payDay: z.number().int(),
  /** a re-verification that would suspend more than this share of recipients waits for a district admin (F5) */
  reverifyHoldPercent: z.number(),
  /** true while these are the built-in defaults the district has not confirmed for 荆州区 (staff pages say so) */
  isDefault: z.boolean(),
  /** plain words for staff about what is not known for 荆州区 */
  note: z.string(),
  updatedAt: z.string().nullable(),
});
export type PaymentSettingsView = z.infer<typeof paymentSettingsView>;

export const updatePaymentSettingsInput = z.strictObject({
  period: paymentPeriod,
  arrearsCapMonths: z.number().int().min(1).max(120).nullable(),
  bracketChange: bracketChangeRule,
  payDay: z.number().int().min(1).max(28),
  reverifyHoldPercent: z.number().min(0.1).max(50),
  /** the district confirms these are 荆州区's own rules (clears the "default" flag) */
  confirmedForDistrict: z.boolean(),
});
export type UpdatePaymentSettingsInput = z.infer<typeof updatePaymentSettingsInput>;

// ---- item 1: months, runs -----------------------------------------------------------------------

export const ledgerMonthStatuses = ['open', 'closed'] as const;
export const ledgerMonthStatus = z.enum(ledgerMonthStatuses);

export const ledgerRunKinds = ['entitle', 'reverify'] as const;
export const ledgerRunKind = z.enum(ledgerRunKinds);
/** running: chunks being worked (by any instance); held: re-verification over the threshold, waiting for approval;
 *  done: finished; failed: stopped (e.g. the registry was unreachable), can be started again */
export const ledgerRunStatuses = ['running', 'held', 'done', 'failed'] as const;
export const ledgerRunStatus = z.enum(ledgerRunStatuses);

export const ledgerRunView = z.object({
  id: z.string(),
  kind: ledgerRunKind,
  month: localMonth,
  status: ledgerRunStatus,
  chunksTotal: z.number().int(),
  chunksDone: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** who started it: a staff member's name, or 定时任务 */
  startedBy: z.string(),
});
export type LedgerRunView = z.infer<typeof ledgerRunView>;

export const ledgerMonthView = z.object({
  month: localMonth,
  status: ledgerMonthStatus,
  entitlements: z.number().int(),
  amountCny: z.number().int(),
  /** lines of this month that pay earlier months (补发) */
  backPay: z.number().int(),
  backPayCny: z.number().int(),
  /** whether the roster of this month pays (quarterly: only the last month of a quarter) */
  paysThisMonth: z.boolean(),
  entitlementRun: ledgerRunView.nullable(),
  reverification: z.lazy(() => reverifyRunView).nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  roster: z
    .object({ lines: z.number().int(), amountCny: z.number().int(), firstExportedAt: z.string(), exports: z.number().int() })
    .nullable(),
  bankReturns: z.array(z.lazy(() => bankReturnSummaryView)),
});
export type LedgerMonthView = z.infer<typeof ledgerMonthView>;
export const ledgerMonthList = z.object({ items: z.array(ledgerMonthView) });
export type LedgerMonthList = z.infer<typeof ledgerMonthList>;

export const closeLedgerMonthInput = z.strictObject({ note: text(300).optional() });

// ---- item 2: roster and bank return -------------------------------------------------------------

/** the bank return file, as uploaded: .xlsx or .csv, base64 in JSON, at most 5 MB of file */
export const LEDGER_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const ledgerFileInput = z.strictObject({
  fileName: z.string().trim().min(1).max(200).regex(/\.(xlsx|csv)$/i, '请上传 .xlsx 或 .csv 文件'),
  base64: z
    .string()
    .min(4)
    .max(Math.ceil(LEDGER_FILE_MAX_BYTES / 3) * 4, '文件不能超过5MB')
    .refine(isBase64, '文件内容应为 base64'),
});
export type LedgerFileInput = z.infer<typeof ledgerFileInput>;

export const ledgerImportIssueView = z.object({
  rowNo: z.number().int(),
  column: z.string(),
  /** e.g. 'unknown_reference', 'duplicate', 'bad_status', 'amount_mismatch' */
  reason: z.string(),
  /** plain Chinese for staff */
  text: z.string(),
});

export const bankReturnSummaryView = z.object({
  id: z.string(),
  fileName: z.string(),
  importedAt: z.string(),
  paid: z.number().int(),
  failed: z.number().int(),
  bad: z.number().int(),
  duplicate: z.number().int(),
});
export type BankReturnSummaryView = z.infer<typeof bankReturnSummaryView>;

export const bankReturnReportView = bankReturnSummaryView.extend({
  month: localMonth,
  lines: z.number().int(),
  /** lines that were already marked by an earlier import of the same result (importing twice changes nothing) */
  unchanged: z.number().int(),
  issues: z.array(ledgerImportIssueView),
});
export type BankReturnReportView = z.infer<typeof bankReturnReportView>;

/** the part 1 leftover: people already receiving the allowance before Jianban (import of the district's payment roll) */
export const paymentRollReportView = z.object({
  id: z.string(),
  fileName: z.string(),
  importedAt: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  /** already a recipient (the same file twice, or an approved application): nothing changed */
  unchanged: z.number().int(),
  /** the registry disagrees (name, died, moved out, not found): imported as flagged for staff, or not at all */
  mismatches: z.number().int(),
  issues: z.array(ledgerImportIssueView),
});
export type PaymentRollReportView = z.infer<typeof paymentRollReportView>;

// ---- recipients, entitlements, decisions (staff) --------------------------------------------------

export const recipientStatuses = ['active', 'suspended', 'stopped'] as const;
export const recipientStatus = z.enum(recipientStatuses);
export type RecipientStatus = z.infer<typeof recipientStatus>;
export const RECIPIENT_STATUS_TEXT: Record<RecipientStatus, string> = { active: '正常发放', suspended: '暂停发放', stopped: '已停止发放' };

export const recipientSources = ['application', 'payment_roll'] as const;

export const entitlementStates = ['pending', 'paid', 'failed', 'cancelled'] as const;
export const entitlementState = z.enum(entitlementStates);
export type EntitlementState = z.infer<typeof entitlementState>;
export const ENTITLEMENT_STATE_TEXT: Record<EntitlementState, string> = { pending: '待发放', paid: '已发放', failed: '发放失败', cancelled: '不发放' };

export const entitlementView = z.object({
  id: z.string(),
  /** the month the money is for */
  forMonth: localMonth,
  /** the month whose roster pays it (differs for back-pay) */
  payMonth: localMonth,
  amountCny: z.number().int(),
  bracketLabel: z.string(),
  backPay: z.boolean(),
  state: entitlementState,
  failureReason: z.string().nullable(),
  paidOn: localDate.nullable(),
});
export type EntitlementView = z.infer<typeof entitlementView>;

export const decisionKinds = ['died', 'moved_out', 'reinstated', 'bracket_up', 'consent_withdrawn', 'missing', 'unavailable', 'name_mismatch'] as const;
export const decisionKind = z.enum(decisionKinds);
export type DecisionKind = z.infer<typeof decisionKind>;
export const DECISION_KIND_TEXT: Record<DecisionKind, string> = {
  died: '户籍库显示已去世',
  moved_out: '户口已迁出本区',
  reinstated: '恢复发放',
  bracket_up: '升档',
  consent_withdrawn: '撤回了同意',
  missing: '本次户籍数据中没有此人',
  unavailable: '户籍库暂时连不上',
  name_mismatch: '姓名与户籍库不一致',
};
/** proposed: waiting for a held run's approval; applied: in effect; flagged: for staff, nothing changed for the family */
export const decisionStatuses = ['proposed', 'applied', 'flagged'] as const;
export const decisionStatus = z.enum(decisionStatuses);

export const decisionView = z.object({
  id: z.string(),
  recipientId: z.string(),
  elderName: z.string(),
  elderIdMasked: z.string(),
  communityCode: z.string(),
  kind: decisionKind,
  kindText: z.string(),
  status: decisionStatus,
  /** the first month the decision changes (suspended from, higher bracket from, back-paid from) */
  effectiveMonth: localMonth.nullable(),
  evidence: allowanceEvidenceView,
  /** what staff read */
  staffText: z.string(),
  /** what the family reads, in plain words (null: the family is not told, e.g. a flag for staff) */
  familyText: z.string().nullable(),
  decidedAt: z.string(),
  runMonth: localMonth.nullable(),
});
export type DecisionView = z.infer<typeof decisionView>;
export const decisionList = z.object({ items: z.array(decisionView), ...pageMeta });
export const decisionQuery = pageQuery.extend({ kind: decisionKind.optional() });

export const overpaymentStatuses = ['open', 'recovered', 'waived'] as const;
export const overpaymentView = z.object({
  id: z.string(),
  recipientId: z.string(),
  forMonth: localMonth,
  amountCny: z.number().int(),
  status: z.enum(overpaymentStatuses),
  reason: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type OverpaymentView = z.infer<typeof overpaymentView>;
export const resolveOverpaymentInput = z.strictObject({ outcome: z.enum(['recovered', 'waived']), note: text(300) });

export const staffRecipientRowView = z.object({
  id: z.string(),
  elderName: z.string(),
  elderIdMasked: z.string(),
  communityCode: z.string(),
  communityName: z.string().nullable(),
  status: recipientStatus,
  statusText: z.string(),
  /** why suspended/stopped, in plain words (null while active) */
  statusReason: z.string().nullable(),
  bracketLabel: z.string(),
  monthlyCny: z.number().int(),
  firstPaidMonth: localMonth,
  source: z.enum(recipientSources),
  account: z.object({ kind: allowanceAccountKind, kindText: z.string(), masked: z.string() }),
  /** something for staff to look at (registry missing/unreachable, name mismatch) */
  flagged: z.boolean(),
});
export type StaffRecipientRowView = z.infer<typeof staffRecipientRowView>;
export const staffRecipientList = z.object({ items: z.array(staffRecipientRowView), ...pageMeta });
export const staffRecipientQuery = pageQuery.extend({ status: recipientStatus.optional() });
export const staffRecipientDetailView = staffRecipientRowView.extend({
  entitlements: z.array(entitlementView),
  decisions: z.array(decisionView),
  overpayments: z.array(overpaymentView),
});
export type StaffRecipientDetailView = z.infer<typeof staffRecipientDetailView>;

/** a fixed account: the failed months are paid in the next roster */
export const staffUpdateRecipientAccountInput = z.strictObject({ account: allowanceAccountInput, reason: text(200) });
export const updateRecipientAccountInput = z.strictObject({ account: allowanceAccountInput });
export const recipientAccountView = z.object({ kind: allowanceAccountKind, kindText: z.string(), masked: z.string(), retryMonths: z.array(localMonth) });

// ---- item 3: re-verification ----------------------------------------------------------------------

export const reverifyRunView = z.object({
  id: z.string(),
  month: localMonth,
  status: ledgerRunStatus,
  source: z.enum(['district-copy', 'data-sharing']),
  recipients: z.number().int(),
  counts: z.object({
    died: z.number().int(),
    movedOut: z.number().int(),
    reinstated: z.number().int(),
    bracketUp: z.number().int(),
    consentWithdrawn: z.number().int(),
    missing: z.number().int(),
    unavailable: z.number().int(),
    candidates: z.number().int(),
  }),
  /** share of recipients the run would suspend or stop, percent */
  suspendPercent: z.number(),
  thresholdPercent: z.number(),
  /** why it waits (held): plain words for the district admin */
  heldReason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReverifyRunView = z.infer<typeof reverifyRunView>;
export const approveReverifyInput = z.strictObject({ reason: text(300) });

// ---- item 4: 免申即享 candidates and the family's invitation --------------------------------------

export const candidateStatuses = ['open', 'contacted', 'declined', 'applied'] as const;
export const candidateStatus = z.enum(candidateStatuses);
export const CANDIDATE_STATUS_TEXT: Record<(typeof candidateStatuses)[number], string> = {
  open: '待联系',
  contacted: '已联系家属',
  declined: '家属暂不申请',
  applied: '已申请',
};
export const candidateView = z.object({
  id: z.string(),
  elderName: z.string(),
  elderIdMasked: z.string(),
  communityCode: z.string(),
  age: z.number().int(),
  /** the first month the age rule is met */
  eligibleMonth: localMonth,
  status: candidateStatus,
  statusText: z.string(),
  note: z.string().nullable(),
  foundAt: z.string(),
});
export type CandidateView = z.infer<typeof candidateView>;
export const candidateList = z.object({ items: z.array(candidateView), ...pageMeta });
export const candidateQuery = pageQuery.extend({ status: candidateStatus.optional() });
export const updateCandidateInput = z.strictObject({ status: z.enum(['contacted', 'declined']), note: text(300) });

/** what the family sees for an elder they act for: null when there is nothing to confirm */
export const enrolmentInvitationView = z.object({
  invitation: z
    .object({
      elderName: z.string(),
      eligibleMonth: localMonth,
      bracketLabel: z.string(),
      monthlyCny: z.number().int(),
      /** plain words: '您的家人王建国已满80周岁，可以领取高龄津贴，每月50元。确认收款账户即可，不用交任何证明。' */
      text: z.string(),
    })
    .nullable(),
});
export type EnrolmentInvitationView = z.infer<typeof enrolmentInvitationView>;
/** the family confirms: the separate consent and the account (then the ordinary application flow runs) */
export const confirmEnrolmentInput = z.strictObject({
  consent: allowanceConsentInput,
  account: allowanceAccountInput,
  phone: mobilePhone,
});
export type ConfirmEnrolmentInput = z.infer<typeof confirmEnrolmentInput>;

// ---- community task list (failed payments, 追缴, deaths, flags, candidates) -------------------------

export const payTaskKinds = ['payment_failed', 'overpayment', 'deceased', 'registry_flag', 'candidate'] as const;
export const payTaskKind = z.enum(payTaskKinds);
export const PAY_TASK_KIND_TEXT: Record<(typeof payTaskKinds)[number], string> = {
  payment_failed: '津贴发放失败，请联系家属核对账户',
  overpayment: '去世后多发的津贴需追回',
  deceased: '老人去世，请慰问家属',
  registry_flag: '户籍数据需要核实',
  candidate: '可免申即享，请联系家属',
};
export const payTaskView = z.object({
  id: z.string(),
  kind: payTaskKind,
  kindText: z.string(),
  communityCode: z.string(),
  elderName: z.string(),
  elderIdMasked: z.string(),
  /** plain words for community staff */
  text: z.string(),
  recipientId: z.string().nullable(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type PayTaskView = z.infer<typeof payTaskView>;
export const payTaskList = z.object({ items: z.array(payTaskView), ...pageMeta });
export const payTaskQuery = pageQuery.extend({ status: z.enum(['open', 'done', 'all']).default('open'), kind: payTaskKind.optional() });
export const resolvePayTaskInput = z.strictObject({ resolution: text(300) });

// ---- item 7: the family's payments view (implemented by the payments-view work) ---------------------

export const familyPaymentStates = ['paid', 'pending', 'failed', 'back_pay'] as const;
export const familyPaymentState = z.enum(familyPaymentStates);
export const FAMILY_PAYMENT_STATE_TEXT: Record<(typeof familyPaymentStates)[number], string> = {
  paid: '已发放',
  pending: '待发放',
  failed: '发放失败',
  back_pay: '补发',
};
export const familyPaymentMonthView = z.object({
  /** the month the money is for */
  forMonth: localMonth,
  amountCny: z.number().int(),
  state: familyPaymentState,
  stateText: z.string(),
  /** back-pay: '补发2026年3月的津贴' (null otherwise) */
  backPayText: z.string().nullable(),
  /** failed: the bank's reason in plain words, e.g. '银行卡号有误，请核对' */
  failureReason: z.string().nullable(),
  /** what to do, when something is needed */
  whatToDo: z.string().nullable(),
  paidOn: localDate.nullable(),
});
export type FamilyPaymentMonthView = z.infer<typeof familyPaymentMonthView>;
export const familyPaymentsView = z.object({
  elderName: z.string(),
  /** null: not (yet) receiving the allowance */
  status: recipientStatus.nullable(),
  statusText: z.string(),
  bracketLabel: z.string().nullable(),
  monthlyCny: z.number().int().nullable(),
  periodText: z.string(),
  account: z.object({ kindText: z.string(), masked: z.string() }).nullable(),
  nextPaymentDate: localDate.nullable(),
  suspension: z
    .object({ since: localMonth, reason: z.string(), whatToDo: z.string() })
    .nullable(),
  months: z.array(familyPaymentMonthView),
});
export type FamilyPaymentsView = z.infer<typeof familyPaymentsView>;
export const familyPaymentsQuery = z.strictObject({ months: z.coerce.number().int().min(1).max(36).default(12) });

// ---- item 6: district figures (implemented by the payments-view work) --------------------------------

export const districtFiguresQuery = z
  .strictObject({ from: localMonth, to: localMonth })
  .refine((v) => v.from <= v.to, { path: ['to'], message: '结束月份不能早于开始月份' });
export const districtFiguresView = z.object({
  from: localMonth,
  to: localMonth,
  /** recipients today by bracket */
  byBracket: z.array(z.object({ bracketLabel: z.string(), recipients: z.number().int(), monthlyCny: z.number().int() })),
  byCommunity: z.array(
    z.object({ communityCode: z.string(), communityName: z.string(), recipients: z.number().int(), suspended: z.number().int(), amountCny: z.number().int() }),
  ),
  months: z.array(
    z.object({
      month: localMonth,
      recipients: z.number().int(),
      amountCny: z.number().int(),
      paidCny: z.number().int(),
      failedCny: z.number().int(),
      backPayCny: z.number().int(),
      suspensions: z.number().int(),
      recoveriesCny: z.number().int(),
      recoveredCny: z.number().int(),
    }),
  ),
  /** the amounts are the built-in defaults, not confirmed for 荆州区 */
  isDefaultPolicy: z.boolean(),
});
export type DistrictFiguresView = z.infer<typeof districtFiguresView>;
