import type { Sample } from '../route-sample';
import type { ledgerRoutes } from './ledger.routes';
import { ALLOWANCE_CONSENT_VERSION } from './allowance.consent';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const CODE = '421003003003';
const MONTH = { month: '2027-01' };
const ACCOUNT = { kind: 'bank_card', number: '6217 0000 1234 5678 901' };
const FILE = { fileName: '回盘-2027-01.csv', base64: Buffer.from('参考号,结果,原因\n', 'utf8').toString('base64') };

// test-only: a valid sample for every ledger route (routes.spec.ts fails on a route without one)
export const LEDGER_SAMPLES: Record<keyof typeof ledgerRoutes, Sample> = {
  familyPayments: { input: {}, params: { id: ID } },
  updatePaymentAccount: { input: { account: ACCOUNT }, params: { id: ID } },
  enrolmentInvitation: { input: {}, params: { id: ID } },
  confirmEnrolment: { input: { consent: { version: ALLOWANCE_CONSENT_VERSION, agreed: true, basis: 'proxy_entrusted' }, account: ACCOUNT, phone: '13800001234' }, params: { id: ID } },
  paymentSettings: { input: {} },
  updatePaymentSettings: { input: { period: 'monthly', arrearsCapMonths: null, bracketChange: 'birthday_month', payDay: 10, reverifyHoldPercent: 5, confirmedForDistrict: false } },
  ledgerMonths: { input: {} },
  ledgerMonth: { input: {}, params: MONTH },
  startEntitlementRun: { input: {}, params: MONTH },
  closeLedgerMonth: { input: {}, params: MONTH },
  exportPaymentRoster: { input: {}, params: MONTH },
  importBankReturn: { input: FILE, params: MONTH },
  startReverification: { input: {}, params: MONTH },
  reverification: { input: {}, params: MONTH },
  approveReverification: { input: { reason: '核实过本月死亡数据，确认无误' }, params: MONTH },
  reverificationDecisions: { input: {}, params: MONTH },
  importPaymentRoll: { input: { ...FILE, fileName: '在册名单.xlsx' } },
  resolveOverpayment: { input: { outcome: 'recovered', note: '家属已退回' }, params: { id: ID } },
  districtPayFigures: { input: { from: '2027-01', to: '2027-03' } },
  exportDistrictPayFigures: { input: { from: '2027-01', to: '2027-03' } },
  staffPaymentRecipients: { input: {}, params: { code: CODE } },
  staffPaymentRecipient: { input: {}, params: { id: ID } },
  staffUpdatePaymentAccount: { input: { account: ACCOUNT, reason: '家属到社区核对了卡号' }, params: { id: ID } },
  communityPayTasks: { input: {}, params: { code: CODE } },
  resolvePayTask: { input: { resolution: '已电话联系家属' }, params: { id: ID } },
  enrolmentCandidates: { input: {}, params: { code: CODE } },
  updateEnrolmentCandidate: { input: { status: 'contacted', note: '已电话联系女儿' }, params: { id: ID } },
};
