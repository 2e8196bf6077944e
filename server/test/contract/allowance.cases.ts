import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import { ACCOUNT, CONSENT, apply, familyOf, registryElder } from '../integration/allowance-helpers';
import type { ContractContext, ModuleContractCases } from './contract-cases';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';
const CODE = '421003003003';
let users = 0;

/** a fresh elder, a verified family and its application (in community review: the district copy answers) */
async function freshApplication(c: ContractContext) {
  const elder = await registryElder(c.t, '1940-03-15');
  const fam = await familyOf(c.t, `contract-allow-${users++}`, elder);
  const r = await apply(c.t, fam);
  expect(r.status).toBe(201);
  return { fam, id: r.body.id as string, elder };
}

async function inPublicity(c: ContractContext) {
  const a = await freshApplication(c);
  const d = await c.t.call(routes.staffDecideAllowance, { decision: 'approve', stage: 'community_review' }, { params: { id: a.id }, token: c.staff });
  expect(d.body.status).toBe('publicity');
  const rows = (await c.t.ds.query('SELECT publicity_id FROM allowance_application WHERE id = ?', [a.id])) as { publicity_id: string }[];
  return { ...a, publicityId: rows[0].publicity_id };
}

const status = async (c: ContractContext, id: string) => (await c.t.call(routes.staffGetAllowanceApplication, {}, { params: { id }, token: c.staff })).body.status as string;

// contract cases of the allowance module's routes (see contract-cases.ts)
export const ALLOWANCE_CASES: ModuleContractCases = {
  validParams: {
    getAllowanceApplication: { id: ID },
    resubmitAllowanceApplication: { id: ID },
    allowancePublicity: { code: CODE },
    raiseAllowanceObjection: { id: ID },
    staffAllowanceQueue: { code: CODE },
    staffAllowanceReviews: { code: '421003003' },
    staffGetAllowanceApplication: { id: ID },
    staffTakeAllowanceApplication: { id: ID },
    staffDecideAllowance: { id: ID },
    staffRevealAllowanceField: { id: ID },
    staffResolveAllowanceObjection: { id: ID },
    staffCounterApplyAllowance: { code: CODE },
    withdrawAllowanceConsent: { id: ID },
    staffPrintAllowancePublicity: { code: CODE },
    reportAllowanceDeath: { id: ID },
    staffConfirmAllowanceDeath: { id: ID },
  },
  okForValid: {
    allowancePolicy: [200],
    applyAllowance: [201, 404, 409],
    myAllowanceApplications: [200],
    getAllowanceApplication: [200, 404],
    resubmitAllowanceApplication: [200, 404, 409],
    allowancePublicity: [200, 404],
    raiseAllowanceObjection: [201, 400, 404, 409],
    staffAllowanceQueue: [200, 404],
    staffAllowanceReviews: [200, 400, 404],
    staffGetAllowanceApplication: [200, 404],
    staffTakeAllowanceApplication: [200, 404, 409],
    staffDecideAllowance: [200, 400, 403, 404, 409],
    staffRevealAllowanceField: [200, 400, 404],
    staffResolveAllowanceObjection: [200, 400, 404, 409],
    staffCounterApplyAllowance: [201, 400, 404, 409],
    staffUpdateAllowancePolicy: [200, 400],
    withdrawAllowanceConsent: [200, 400, 404, 409],
    staffPrintAllowancePublicity: [200, 404, 503],
    reportAllowanceDeath: [200, 400, 404, 409],
    staffConfirmAllowanceDeath: [200, 400, 404, 409],
  },
  massAssignment: {
    applyAllowance: async (c) => {
      const elder = await registryElder(c.t, '1939-01-01');
      const fam = await familyOf(c.t, `contract-allow-${users++}`, elder);
      const input = { familyMemberId: fam.memberId, consent: CONSENT, account: ACCOUNT, phone: '13800001234' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('applyAllowance'), { body: { ...input, ...extra }, token: fam.token }));
      const ok = await c.t.call(routes.applyAllowance, input, { token: fam.token });
      expect([ok.status, ok.body.status]).toEqual([201, 'community_review']);
    },
    resubmitAllowanceApplication: async (c) => {
      const a = await freshApplication(c);
      await c.t.call(routes.staffDecideAllowance, { decision: 'more_info', stage: 'community_review', items: ['请留一个能接通的电话'] }, { params: { id: a.id }, token: c.staff });
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('resubmitAllowanceApplication', { id: a.id }), { body: { phone: '13900001111', ...extra }, token: a.fam.token }));
      expect(await status(c, a.id)).toBe('more_info');
      expect((await c.t.call(routes.resubmitAllowanceApplication, { phone: '13900001111' }, { params: { id: a.id }, token: a.fam.token })).body.status).toBe('community_review');
    },
    raiseAllowanceObjection: async (c) => {
      const a = await inPublicity(c);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('raiseAllowanceObjection', { id: a.publicityId }), { body: { reason: '测试', ...extra }, token: c.resident }));
      expect((await c.t.call(routes.raiseAllowanceObjection, { reason: '测试' }, { params: { id: a.publicityId }, token: c.resident })).status).toBe(201);
    },
    staffTakeAllowanceApplication: async (c) => {
      const a = await freshApplication(c);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffTakeAllowanceApplication', { id: a.id }), { body: extra, token: c.staff }));
      expect((await c.t.call(routes.staffTakeAllowanceApplication, {}, { params: { id: a.id }, token: c.staff })).body.owner).not.toBeNull();
    },
    staffDecideAllowance: async (c) => {
      const a = await freshApplication(c);
      const input = { decision: 'approve', stage: 'community_review' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffDecideAllowance', { id: a.id }), { body: { ...input, ...extra }, token: c.staff }));
      expect(await status(c, a.id)).toBe('community_review');
      expect((await c.t.call(routes.staffDecideAllowance, input as never, { params: { id: a.id }, token: c.staff })).body.status).toBe('publicity');
    },
    staffRevealAllowanceField: async (c) => {
      const a = await freshApplication(c);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffRevealAllowanceField', { id: a.id }), { body: { field: 'idNumber', reason: '核对', ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffRevealAllowanceField, { field: 'idNumber', reason: '核对' }, { params: { id: a.id }, token: c.staff })).body.value).toBe(a.elder.idNumber);
    },
    staffResolveAllowanceObjection: async (c) => {
      const a = await inPublicity(c);
      await c.t.call(routes.raiseAllowanceObjection, { reason: '测试' }, { params: { id: a.publicityId }, token: c.resident });
      const objectionId = (await c.t.call(routes.staffGetAllowanceApplication, {}, { params: { id: a.id }, token: c.staff })).body.objections[0].id as string;
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffResolveAllowanceObjection', { id: objectionId }), { body: { resolution: '已核实', ...extra }, token: c.staff }));
      const r = await c.t.call(routes.staffResolveAllowanceObjection, { resolution: '已核实' }, { params: { id: objectionId }, token: c.staff });
      expect(r.body.objections[0].resolution).toBe('已核实');
    },
    staffCounterApplyAllowance: async (c) => {
      const elder = await registryElder(c.t, '1938-08-08');
      const input = { elderName: elder.name, idNumber: elder.idNumber, consent: { ...CONSENT, basis: 'elder_self' }, account: ACCOUNT, phone: '13800001234' };
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffCounterApplyAllowance'), { body: { ...input, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffCounterApplyAllowance, input as never, { params: { code: CODE }, token: c.staff })).status).toBe(201);
    },
    staffUpdateAllowancePolicy: async (c) => {
      const input = { effectiveFrom: '2018-01-01', brackets: [{ minAge: 80, maxAge: 89, monthlyCny: 50 }, { minAge: 90, maxAge: 99, monthlyCny: 100 }, { minAge: 100, maxAge: null, monthlyCny: 500 }], ageRule: 'birthday_month', preRegistrationMonths: 2, confirmedForDistrict: false };
      await c.expectRejectedEverywhere((extra) => c.t.http('PUT', c.pathOf('staffUpdateAllowancePolicy'), { body: { ...input, ...extra }, token: c.staff }));
      expect((await c.t.call(routes.staffUpdateAllowancePolicy, input as never, { token: c.staff })).body.isDefault).toBe(true);
    },
    reportAllowanceDeath: async (c) => {
      const a = await freshApplication(c);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('reportAllowanceDeath', { id: a.id }), { body: { diedOn: '2026-01-02', ...extra }, token: a.fam.token }));
      expect((await c.t.call(routes.reportAllowanceDeath, { diedOn: '2026-01-02' }, { params: { id: a.id }, token: a.fam.token })).body.deathReport.state).toBe('reported');
    },
    staffConfirmAllowanceDeath: async (c) => {
      const a = await freshApplication(c);
      await c.t.call(routes.reportAllowanceDeath, { diedOn: '2026-01-02' }, { params: { id: a.id }, token: a.fam.token });
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('staffConfirmAllowanceDeath', { id: a.id }), { body: { confirmed: true, ...extra }, token: c.staff }));
      expect(await status(c, a.id)).toBe('community_review');
      expect((await c.t.call(routes.staffConfirmAllowanceDeath, { confirmed: true }, { params: { id: a.id }, token: c.staff })).body.status).toBe('closed');
    },
    withdrawAllowanceConsent: async (c) => {
      const a = await freshApplication(c);
      await c.expectRejectedEverywhere((extra) => c.t.http('POST', c.pathOf('withdrawAllowanceConsent', { id: a.id }), { body: { confirmed: true, ...extra }, token: a.fam.token }));
      expect(await status(c, a.id)).toBe('community_review');
      expect((await c.t.call(routes.withdrawAllowanceConsent, { confirmed: true }, { params: { id: a.id }, token: a.fam.token })).body.status).toBe('closed');
    },
  },
};
