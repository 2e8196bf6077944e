import type { Sample } from '../route-sample';
import type { allowanceRoutes } from './allowance.routes';
import { ALLOWANCE_CONSENT_VERSION } from './allowance.consent';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const CODE = '421003003003';
const CONSENT = { version: ALLOWANCE_CONSENT_VERSION, agreed: true, basis: 'proxy_entrusted' };
const ACCOUNT = { kind: 'bank_card', number: '6217 0000 1234 5678 901' };

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const ALLOWANCE_SAMPLES: Record<keyof typeof allowanceRoutes, Sample> = {
  allowancePolicy: { input: {} },
  applyAllowance: { input: { familyMemberId: ID, consent: CONSENT, account: ACCOUNT, phone: '13800001234' } },
  myAllowanceApplications: { input: {} },
  getAllowanceApplication: { input: {}, params: { id: ID } },
  resubmitAllowanceApplication: { input: { phone: '13800001235' }, params: { id: ID } },
  allowancePublicity: { input: {}, params: { code: CODE } },
  withdrawAllowanceConsent: { input: { confirmed: true }, params: { id: ID } },
  reportAllowanceDeath: { input: { diedOn: '2026-03-01' }, params: { id: ID } },
  raiseAllowanceObjection: { input: { reason: '这位老人户口已经迁走了' }, params: { id: ID } },
  staffAllowanceQueue: { input: { view: 'waiting' }, params: { code: CODE } },
  staffAllowanceReviews: { input: { stage: 'street_review' }, params: { code: '421003003' } },
  staffGetAllowanceApplication: { input: {}, params: { id: ID } },
  staffTakeAllowanceApplication: { input: {}, params: { id: ID } },
  staffDecideAllowance: { input: { decision: 'approve', stage: 'community_review' }, params: { id: ID } },
  staffRevealAllowanceField: { input: { field: 'account', reason: '核对收款账户' }, params: { id: ID } },
  staffResolveAllowanceObjection: { input: { resolution: '经入户核实，老人户口仍在本社区' }, params: { id: ID } },
  staffCounterApplyAllowance: { input: { elderName: '李秀兰', idNumber: '42100319400315001X', consent: { ...CONSENT, basis: 'elder_self' }, account: ACCOUNT, phone: '13800001234' }, params: { code: CODE } },
  staffPrintAllowancePublicity: { input: {}, params: { code: CODE } },
  staffConfirmAllowanceDeath: { input: { confirmed: true }, params: { id: ID } },
  staffUpdateAllowancePolicy: {
    input: { effectiveFrom: '2027-01-01', brackets: [{ minAge: 80, maxAge: 89, monthlyCny: 50 }, { minAge: 90, maxAge: 99, monthlyCny: 100 }, { minAge: 100, maxAge: null, monthlyCny: 500 }], ageRule: 'birthday_month', preRegistrationMonths: 2, confirmedForDistrict: false },
  },
};
