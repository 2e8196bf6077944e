import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import { anIdNumber } from '../support/registry';
import type { TestApp } from '../support/test-app';
import type { ModuleContractCases } from './contract-cases';

const ID = { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' };
const MEICUN = '421003003003';
let seq = 500;
const nextId = (birth: string) => anIdNumber('421003', birth, seq++);

// a resident (face-checked when asked) with one family member in 梅村
async function family(t: TestApp, user: string, opts: { verified?: boolean } = {}) {
  const token = await t.loginResident(user);
  const self = { name: '王丽', idNumber: nextId('1968-04-12') };
  if (opts.verified) await faceCheck(t, token, self);
  const elderId = nextId('1939-02-03');
  const member = await t.call(routes.addFamilyMember, { name: '王建国', idNumber: elderId, relationship: 'parent', communityCode: MEICUN }, { token });
  const accountId = (await t.call(routes.me, {}, { token })).body.id as string;
  return { token, accountId, memberId: member.body.id as string, elderId, self };
}

async function faceCheck(t: TestApp, token: string, who: { name: string; idNumber: string }) {
  const start = await t.call(routes.startRealNameCheck, who, { token });
  await t.peerCall('/__peer/face', { verifyId: start.body.verifyId, ret: 10000 });
  const done = await t.call(routes.finishRealNameCheck, {}, { token, params: { id: start.body.checkId } });
  expect(done.status).toBe(200);
}

export const PROXIES_CASES: ModuleContractCases = {
  validParams: {
    finishRealNameCheck: ID, checkHousehold: ID, createProxyInvitation: ID, revokeMyProxy: ID, staffConfirmProxy: ID, staffRevokeProxy: ID, staffVerifyResident: ID,
  },
  okForValid: {
    myVerification: [200], startRealNameCheck: [201, 400, 422, 429, 503], finishRealNameCheck: [404], checkHousehold: [404], createProxyInvitation: [404],
    previewProxyInvitation: [404], acceptProxyInvitation: [404], listMyProxies: [200, 409], revokeMyProxy: [404, 409], withdrawProxyConsent: [200, 409],
    staffConfirmProxy: [400, 404], staffRevokeProxy: [400, 404], staffVerifyResident: [400, 404],
  },
  massAssignment: {
    // startRealNameCheck rejects extra fields (a `verified` flag included) and starts nothing; the clean input starts
    startRealNameCheck: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-rn-start');
      const input = { name: '王丽', idNumber: nextId('1968-04-12') };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('startRealNameCheck'), { body: { ...input, ...extra }, token }));
      expect((await t.call(routes.startRealNameCheck, input, { token })).status).toBe(201);
    },

    // finishRealNameCheck takes no body: a client cannot declare its own face check passed
    finishRealNameCheck: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const token = await t.loginResident('mass-rn-finish');
      const start = await t.call(routes.startRealNameCheck, { name: '王丽', idNumber: nextId('1968-04-12') }, { token });
      const id = start.body.checkId as string;
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('finishRealNameCheck', { id }), { body: extra, token }));
      expect((await t.call(routes.myVerification, {}, { token })).body.verified).toBe(false);
    },

    checkHousehold: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-household');
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('checkHousehold', { id: f.memberId }), { body: extra, token: f.token }));
      const r = await t.call(routes.checkHousehold, {}, { token: f.token, params: { id: f.memberId } });
      expect([r.status, r.body.code]).toEqual([409, 'REAL_NAME_REQUIRED']);
    },

    createProxyInvitation: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-invite');
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('createProxyInvitation', { id: f.memberId }), { body: extra, token: f.token }));
      expect((await t.call(routes.createProxyInvitation, {}, { token: f.token, params: { id: f.memberId } })).status).toBe(201);
    },

    previewProxyInvitation: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-preview');
      const { code } = (await t.call(routes.createProxyInvitation, {}, { token: f.token, params: { id: f.memberId } })).body;
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('previewProxyInvitation'), { body: { code, ...extra }, token: f.token }));
      expect((await t.call(routes.previewProxyInvitation, { code }, { token: f.token })).status).toBe(200);
    },

    // acceptProxyInvitation rejects extra fields (an account or a state included) and spends nothing; the elder then confirms
    acceptProxyInvitation: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-accept');
      const { code } = (await t.call(routes.createProxyInvitation, {}, { token: f.token, params: { id: f.memberId } })).body;
      const elder = await t.loginResident('mass-accept-elder');
      await faceCheck(t, elder, { name: '王建国', idNumber: f.elderId });
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('acceptProxyInvitation'), { body: { code, ...extra }, token: elder }));
      expect((await t.call(routes.acceptProxyInvitation, { code }, { token: elder })).status).toBe(200);
    },

    revokeMyProxy: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-revoke');
      const elder = await t.loginResident('mass-revoke-elder');
      await faceCheck(t, elder, { name: '王建国', idNumber: f.elderId });
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('revokeMyProxy', { id: f.memberId }), { body: extra, token: elder }));
      expect((await t.call(routes.revokeMyProxy, {}, { token: elder, params: { id: f.memberId } })).status).toBe(200);
    },

    withdrawProxyConsent: async ({ t, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-withdraw');
      const elder = await t.loginResident('mass-withdraw-elder');
      await faceCheck(t, elder, { name: '王建国', idNumber: f.elderId });
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('withdrawProxyConsent'), { body: extra, token: elder }));
      expect((await t.call(routes.withdrawProxyConsent, {}, { token: elder })).status).toBe(200);
    },

    // staffConfirmProxy rejects extra fields (a `via` or `verified_at` included) and confirms nothing; the clean input confirms
    staffConfirmProxy: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-confirm', { verified: true });
      const input = { elderIdNumber: f.elderId, elderName: '王建国' };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('staffConfirmProxy', { id: f.memberId }), { body: { ...input, ...extra }, token: staff }));
      const ok = await t.call(routes.staffConfirmProxy, input, { token: staff, params: { id: f.memberId } });
      expect([ok.status, ok.body.verification.state]).toEqual([200, 'verified']);
    },

    staffRevokeProxy: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-staff-revoke');
      const input = { reason: '老人本人要求撤销' };
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('staffRevokeProxy', { id: f.memberId }), { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.staffRevokeProxy, input, { token: staff, params: { id: f.memberId } })).body.verification.state).toBe('revoked');
    },

    staffVerifyResident: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
      const f = await family(t, 'mass-counter');
      const input = f.self;
      await expectRejectedEverywhere((extra) => t.http('POST', pathOf('staffVerifyResident', { id: f.accountId }), { body: { ...input, ...extra }, token: staff }));
      expect((await t.call(routes.staffVerifyResident, input, { token: staff, params: { id: f.accountId } })).status).toBe(200);
      expect((await t.call(routes.myVerification, {}, { token: f.token })).body).toMatchObject({ verified: true, method: 'counter' });
    },
  },
};
