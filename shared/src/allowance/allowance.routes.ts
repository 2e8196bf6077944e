import type { z } from 'zod';
import { defineRoute, noInput, type noParams, type RouteSpec, type StaffRole } from '../route';
import { communityParams, idParams } from '../common.schema';
import {
  allowanceApplicationDetailView,
  allowanceApplicationList,
  allowancePublicityPrintView,
  allowancePolicyView,
  applyAllowanceInput,
  decideAllowanceInput,
  myAllowanceQuery,
  objectionParams,
  objectionReceiptView,
  publicityList,
  publicityParams,
  publicityQuery,
  raiseObjectionInput,
  resolveObjectionInput,
  resubmitAllowanceInput,
  revealAllowanceInput,
  revealAllowanceView,
  staffAllowanceDetailView,
  staffAllowanceList,
  staffAllowanceQueueQuery,
  staffAllowanceReviewQuery,
  staffCounterApplyInput,
  updateAllowancePolicyInput,
  withdrawAllowanceConsentInput,
  reportAllowanceDeathInput,
  confirmAllowanceDeathInput,
} from './allowance.schema';

const staffRoute =
  (roles: readonly StaffRole[]) =>
  <I extends z.ZodType, O extends z.ZodType, P extends z.ZodType = typeof noParams>(def: Omit<RouteSpec<I, O, P>, 'auth' | 'roles'>) =>
    defineRoute<I, O, P>({ ...def, auth: 'staff', roles });
/** every reviewer, each within their region (the stage decides who may act) */
const reviewRoute = staffRoute(['community_staff', 'street_reviewer', 'district_admin']);
/** the community's own desk work (take a case, apply at the counter) */
const communityRoute = staffRoute(['community_staff', 'district_admin']);
/** street and district queues */
const upperRoute = staffRoute(['street_reviewer', 'district_admin']);
/** district-wide settings */
const districtRoute = staffRoute(['district_admin']);

// routes of the allowance module; spread into the route table in ../routes.ts. No route takes a file.
export const allowanceRoutes = {
  // ---- residents ----
  allowancePolicy: defineRoute({ method: 'GET', path: '/allowance/policy', summary: '高龄津贴的档次、金额和年龄规则（标明是否为默认值）', auth: 'any', input: noInput, output: allowancePolicyView }),
  applyAllowance: defineRoute({ method: 'POST', path: '/allowance/applications', summary: '为代办的家人申请高龄津贴（单独同意、收款账户、电话；不要任何证明材料）', auth: 'resident', status: 201, input: applyAllowanceInput, output: allowanceApplicationDetailView }),
  myAllowanceApplications: defineRoute({ method: 'GET', path: '/allowance/applications', summary: '我为家人提交的高龄津贴申请', auth: 'resident', input: myAllowanceQuery, output: allowanceApplicationList }),
  getAllowanceApplication: defineRoute({ method: 'GET', path: '/allowance/applications/:id', summary: '申请进度：时间线、每项自动核对的结果、需要补充的信息', auth: 'resident', input: noInput, params: idParams, output: allowanceApplicationDetailView }),
  resubmitAllowanceApplication: defineRoute({ method: 'POST', path: '/allowance/applications/:id/resubmit', summary: '修改后重新提交（自动核对未通过或需要补充信息时）', auth: 'resident', input: resubmitAllowanceInput, params: idParams, output: allowanceApplicationDetailView }),
  allowancePublicity: defineRoute({ method: 'GET', path: '/communities/:code/allowance-publicity', summary: '社区高龄津贴公示名单（姓名脱敏、年龄、档次、公示日期）', auth: 'any', input: publicityQuery, params: communityParams, output: publicityList }),
  withdrawAllowanceConsent: defineRoute({ method: 'POST', path: '/allowance/applications/:id/withdraw-consent', summary: '撤回同意：批准前申请停止办理；批准后从下个月起停发', auth: 'resident', input: withdrawAllowanceConsentInput, params: idParams, output: allowanceApplicationDetailView }),
  reportAllowanceDeath: defineRoute({ method: 'POST', path: '/allowance/applications/:id/death-report', summary: '家属报告老人去世（日期），社区核实', auth: 'resident', input: reportAllowanceDeathInput, params: idParams, output: allowanceApplicationDetailView }),
  raiseAllowanceObjection: defineRoute({ method: 'POST', path: '/allowance/publicity/:id/objections', summary: '对公示名单中的一人提出异议（写明理由，送达负责的工作人员）', auth: 'resident', status: 201, input: raiseObjectionInput, params: publicityParams, output: objectionReceiptView }),

  // ---- staff ----
  staffAllowanceQueue: reviewRoute({ method: 'GET', path: '/staff/communities/:code/allowance-applications', summary: '工作人员：社区的高龄津贴申请（待处理 / 我负责的 / 公示中 / 有异议 / 全部）', input: staffAllowanceQueueQuery, params: communityParams, output: staffAllowanceList }),
  staffAllowanceReviews: upperRoute({ method: 'GET', path: '/staff/regions/:code/allowance-reviews', summary: '街道 / 区：待审核、待审批的高龄津贴申请', input: staffAllowanceReviewQuery, params: communityParams, output: staffAllowanceList }),
  staffGetAllowanceApplication: reviewRoute({ method: 'GET', path: '/staff/allowance-applications/:id', summary: '工作人员：申请详情，自动核对结果及依据（户籍库说了什么、何时）', input: noInput, params: idParams, output: staffAllowanceDetailView }),
  staffTakeAllowanceApplication: communityRoute({ method: 'POST', path: '/staff/allowance-applications/:id/take', summary: '工作人员：接手初审（接手人成为首问负责人）', input: noInput, params: idParams, output: staffAllowanceDetailView }),
  staffDecideAllowance: reviewRoute({ method: 'POST', path: '/staff/allowance-applications/:id/decide', summary: '工作人员：本环节通过 / 不通过（写明原因）/ 一次性告知需要补充的信息', input: decideAllowanceInput, params: idParams, output: staffAllowanceDetailView }),
  staffRevealAllowanceField: reviewRoute({ method: 'POST', path: '/staff/allowance-applications/:id/reveal', summary: '工作人员：查看完整身份证号或收款账号（写明原因，记入审计；须先再输一次密码）', stepUp: true, input: revealAllowanceInput, params: idParams, output: revealAllowanceView }),
  staffResolveAllowanceObjection: communityRoute({ method: 'POST', path: '/staff/allowance-objections/:id/resolve', summary: '工作人员：记录公示异议的核实结果', input: resolveObjectionInput, params: objectionParams, output: staffAllowanceDetailView }),
  staffCounterApplyAllowance: communityRoute({ method: 'POST', path: '/staff/communities/:code/allowance-applications', summary: '工作人员：在窗口为没有微信家人的老人代为申请（老人当面同意）', status: 201, input: staffCounterApplyInput, params: communityParams, output: staffAllowanceDetailView }),
  staffPrintAllowancePublicity: reviewRoute({ method: 'GET', path: '/staff/communities/:code/allowance-publicity/print', summary: '工作人员：打印社区高龄津贴公示名单（A4 PDF，姓名脱敏，写明如何提出异议）', input: noInput, params: communityParams, output: allowancePublicityPrintView }),
  staffConfirmAllowanceDeath: communityRoute({ method: 'POST', path: '/staff/allowance-applications/:id/confirm-death', summary: '工作人员：核实家属报告的老人去世（未批准的停止办理；已批准的记录报区）', input: confirmAllowanceDeathInput, params: idParams, output: staffAllowanceDetailView }),
  staffUpdateAllowancePolicy: districtRoute({ method: 'PUT', path: '/staff/allowance/policy', summary: '区管理员：设置高龄津贴档次、金额、年龄规则和生效日期', input: updateAllowancePolicyInput, output: allowancePolicyView }),
} as const;
