import type { z } from 'zod';
import { defineRoute, noInput, type noParams, type RouteSpec, type StaffRole } from '../route';
import { communityParams, idParams } from '../common.schema';
import { allowanceApplicationDetailView } from './allowance.schema';
import {
  approveReverifyInput,
  bankReturnReportView,
  candidateList,
  candidateQuery,
  candidateView,
  closeLedgerMonthInput,
  confirmEnrolmentInput,
  decisionList,
  decisionQuery,
  districtFiguresQuery,
  districtFiguresView,
  enrolmentInvitationView,
  familyPaymentsQuery,
  familyPaymentsView,
  ledgerFileInput,
  ledgerMonthList,
  ledgerMonthView,
  ledgerRunView,
  ledgerXlsxView,
  monthParams,
  overpaymentView,
  paymentRollReportView,
  paymentSettingsView,
  payTaskList,
  payTaskQuery,
  payTaskView,
  recipientAccountView,
  resolveOverpaymentInput,
  resolvePayTaskInput,
  reverifyRunView,
  staffRecipientDetailView,
  staffRecipientList,
  staffRecipientQuery,
  staffUpdateRecipientAccountInput,
  updateCandidateInput,
  updatePaymentSettingsInput,
  updateRecipientAccountInput,
} from './ledger.schema';

const staffRoute =
  (roles: readonly StaffRole[]) =>
  <I extends z.ZodType, O extends z.ZodType, P extends z.ZodType = typeof noParams>(def: Omit<RouteSpec<I, O, P>, 'auth' | 'roles'>) =>
    defineRoute<I, O, P>({ ...def, auth: 'staff', roles });
/** the district runs the months, the rosters, the files and the re-verification */
const districtRoute = staffRoute(['district_admin']);
/** community staff (and above, each within their region) work the community's lists */
const communityRoute = staffRoute(['community_staff', 'street_reviewer', 'district_admin']);

// issue 12 (高龄津贴 part 2): the ledger. Paths avoid the word "allowance" (see ledger.schema.ts).
export const ledgerRoutes = {
  // ---- residents (verified proxies only; others get NOT_FOUND) ----
  familyPayments: defineRoute({ method: 'GET', path: '/family-members/:id/payments', summary: '家人的高龄津贴发放情况：每月已发放 / 待发放 / 发放失败及原因 / 补发，下次发放日期，暂停的原因和怎么办', auth: 'resident', input: familyPaymentsQuery, params: idParams, output: familyPaymentsView }),
  updatePaymentAccount: defineRoute({ method: 'POST', path: '/family-members/:id/payments/account', summary: '发放失败后改正收款账户（老人本人名下），下次发放时补发', auth: 'resident', input: updateRecipientAccountInput, params: idParams, output: recipientAccountView }),
  enrolmentInvitation: defineRoute({ method: 'GET', path: '/family-members/:id/enrolment-invitation', summary: '免申即享：家人已符合高龄津贴条件时的邀请', auth: 'resident', input: noInput, params: idParams, output: enrolmentInvitationView }),
  confirmEnrolment: defineRoute({ method: 'POST', path: '/family-members/:id/enrolment-invitation/confirm', summary: '免申即享：确认同意和收款账户（不用交任何证明）', auth: 'resident', status: 201, input: confirmEnrolmentInput, params: idParams, output: allowanceApplicationDetailView }),

  // ---- district: settings, months, runs, files ----
  paymentSettings: districtRoute({ method: 'GET', path: '/staff/payments/settings', summary: '区管理员：发放周期、补发上限、升档月份（标明是否为未经确认的默认值）', input: noInput, output: paymentSettingsView }),
  updatePaymentSettings: districtRoute({ method: 'PUT', path: '/staff/payments/settings', summary: '区管理员：设置发放周期、补发上限、升档月份、暂停比例上限', input: updatePaymentSettingsInput, output: paymentSettingsView }),
  ledgerMonths: districtRoute({ method: 'GET', path: '/staff/payments/months', summary: '区管理员：各月的发放情况（核算、复核、关账、发放名单、银行回盘）', input: noInput, output: ledgerMonthList }),
  ledgerMonth: districtRoute({ method: 'GET', path: '/staff/payments/months/:month', summary: '区管理员：某月的发放情况', input: noInput, params: monthParams, output: ledgerMonthView }),
  startEntitlementRun: districtRoute({ method: 'POST', path: '/staff/payments/months/:month/entitlements', summary: '区管理员：核算某月每位领取人的津贴（重复执行不会多算）', input: noInput, params: monthParams, output: ledgerRunView }),
  closeLedgerMonth: districtRoute({ method: 'POST', path: '/staff/payments/months/:month/close', summary: '区管理员：审核后关账（关账后本月数据不再改变）', input: closeLedgerMonthInput, params: monthParams, output: ledgerMonthView }),
  exportPaymentRoster: districtRoute({ method: 'GET', path: '/staff/payments/months/:month/roster', summary: '区管理员：下载已关账月份的发放名单（XLSX，含完整身份证号和账号，记入审计；须先再输一次密码）', stepUp: true, input: noInput, params: monthParams, output: ledgerXlsxView }),
  importBankReturn: districtRoute({ method: 'POST', path: '/staff/payments/months/:month/bank-returns', summary: '区管理员：导入银行回盘文件（XLSX/CSV），逐行标记已发放或失败原因', status: 201, input: ledgerFileInput, params: monthParams, output: bankReturnReportView }),
  startReverification: districtRoute({ method: 'POST', path: '/staff/payments/months/:month/reverification', summary: '区管理员：用户籍数据复核全部领取人（去世、迁出、恢复、升档）', input: noInput, params: monthParams, output: reverifyRunView }),
  reverification: districtRoute({ method: 'GET', path: '/staff/payments/months/:month/reverification', summary: '区管理员：某月复核的结果', input: noInput, params: monthParams, output: reverifyRunView }),
  approveReverification: districtRoute({ method: 'POST', path: '/staff/payments/months/:month/reverification/approve', summary: '区管理员：暂停人数超过比例的复核，核实后批准执行', input: approveReverifyInput, params: monthParams, output: reverifyRunView }),
  reverificationDecisions: districtRoute({ method: 'GET', path: '/staff/payments/months/:month/reverification/decisions', summary: '区管理员：复核的每项决定及依据', input: decisionQuery, params: monthParams, output: decisionList }),
  importPaymentRoll: districtRoute({ method: 'POST', path: '/staff/payments/roll-imports', summary: '区管理员：导入已在领取津贴的老人名单（XLSX/CSV），不打扰家属', status: 201, input: ledgerFileInput, output: paymentRollReportView }),
  resolveOverpayment: districtRoute({ method: 'POST', path: '/staff/overpayments/:id/resolve', summary: '区管理员：记录追缴结果（已追回 / 核销）', input: resolveOverpaymentInput, params: idParams, output: overpaymentView }),
  districtPayFigures: districtRoute({ method: 'GET', path: '/staff/payments/figures', summary: '区管理员：按档次、社区统计领取人，每月金额、暂停、追缴和补发', input: districtFiguresQuery, output: districtFiguresView }),
  exportDistrictPayFigures: districtRoute({ method: 'GET', path: '/staff/payments/figures/export', summary: '区管理员：导出统计（XLSX）', input: districtFiguresQuery, output: ledgerXlsxView }),

  // ---- community staff (within their region) ----
  staffPaymentRecipients: communityRoute({ method: 'GET', path: '/staff/communities/:code/payment-recipients', summary: '工作人员：社区的津贴领取人', input: staffRecipientQuery, params: communityParams, output: staffRecipientList }),
  staffPaymentRecipient: communityRoute({ method: 'GET', path: '/staff/payment-recipients/:id', summary: '工作人员：一位领取人的每月发放、复核决定及依据、追缴', input: noInput, params: idParams, output: staffRecipientDetailView }),
  staffUpdatePaymentAccount: communityRoute({ method: 'POST', path: '/staff/payment-recipients/:id/account', summary: '工作人员：核对后改正收款账户（写明原因），下次发放时补发', input: staffUpdateRecipientAccountInput, params: idParams, output: recipientAccountView }),
  communityPayTasks: communityRoute({ method: 'GET', path: '/staff/communities/:code/payment-tasks', summary: '工作人员：社区待办（发放失败、追缴、去世慰问、户籍待核实、免申即享）', input: payTaskQuery, params: communityParams, output: payTaskList }),
  resolvePayTask: communityRoute({ method: 'POST', path: '/staff/payment-tasks/:id/resolve', summary: '工作人员：记录待办的处理结果', input: resolvePayTaskInput, params: idParams, output: payTaskView }),
  enrolmentCandidates: communityRoute({ method: 'GET', path: '/staff/communities/:code/enrolment-candidates', summary: '工作人员：免申即享名单（已满或下月满80周岁、还没有领取或申请的老人）', input: candidateQuery, params: communityParams, output: candidateList }),
  updateEnrolmentCandidate: communityRoute({ method: 'POST', path: '/staff/enrolment-candidates/:id', summary: '工作人员：记录联系家属的结果', input: updateCandidateInput, params: idParams, output: candidateView }),
} as const;
