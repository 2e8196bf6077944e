import { expect } from '@jest/globals';
import { routes } from '@jianban/shared';
import { STAFF_PASSWORD } from '../support/test-app';
import type { ModuleContractCases } from './contract-cases';

export const IDENTITY_CASES: ModuleContractCases = {
  validParams: {
    removeFamilyMember: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
    communityElders: { code: '421003003003' },
    getStaffAccount: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
    updateStaffAccount: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
    setStaffAccountActive: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
    resetStaffPassword: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' },
    assignRegionHold: { heldCode: 'H21003001002' },
  },
  okForValid: {
    health: [200], wechatLogin: [400], staffLogin: [401], refreshSession: [401], logout: [], devWechatCode: [200],
    me: [200], regions: [200], listFamilyMembers: [200], addFamilyMember: [201, 400, 409], removeFamilyMember: [404], communityElders: [200, 403, 404], bindStaffWechat: [200, 400, 409], updateMe: [200],
    listStaffAccounts: [200], getStaffAccount: [404], createStaffAccount: [201, 400, 409], updateStaffAccount: [404, 400], setStaffAccountActive: [404, 400],
    resetStaffPassword: [404], changeOwnPassword: [401],
    staffStepUp: [200, 403, 429],
    listRegionHolds: [200], assignRegionHold: [404],
  },
  massAssignment: {
  // wechatLogin rejects extra fields and leaves the database unchanged; the same code then logs in
  wechatLogin: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const { code } = await t.peerCall('/__peer/code', { user: 'mass-wechat' });
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('wechatLogin'), { body: { code, ...extra } }));
    expect((await t.call(routes.wechatLogin, { code })).status).toBe(200);
  },

  // staffLogin rejects extra fields (role included) and leaves the database unchanged
  staffLogin: async ({ t, pathOf, expectRejectedEverywhere }) => {
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('staffLogin'), { body: { username: 'meicun', password: STAFF_PASSWORD, ...extra } }));
    const ok = await t.call(routes.staffLogin, { username: 'meicun', password: STAFF_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.me.role).toBe('community_staff');
  },

  // refreshSession rejects extra fields and leaves the database unchanged; the refresh token still works once
  refreshSession: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const { code } = await t.peerCall('/__peer/code', { user: 'mass-refresh' });
    const session = (await t.call(routes.wechatLogin, { code })).body;
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('refreshSession'), { body: { refreshToken: session.refreshToken, ...extra } }));
    expect((await t.call(routes.refreshSession, { refreshToken: session.refreshToken })).status).toBe(200);
  },

  // logout rejects extra fields and does not revoke the session
  logout: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const token = await t.loginResident('mass-logout');
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('logout'), { body: extra, token }));
    expect((await t.call(routes.me, {}, { token })).status).toBe(200);
  },

  // bindStaffWechat rejects extra fields (role included) and binds nothing; the same code then binds
  bindStaffWechat: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const token = await t.loginStaff('dongmen');
    const { code } = await t.peerCall('/__peer/code', { user: 'mass-bind' });
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('bindStaffWechat'), { body: { code, ...extra }, token }));
    const ok = await t.call(routes.bindStaffWechat, { code }, { token });
    expect([ok.status, ok.body.role]).toEqual([200, 'community_staff']);
  },

  // updateMe rejects extra fields and renames nothing; the same input then renames
  updateMe: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const token = await t.loginResident('mass-rename');
    await expectRejectedEverywhere((extra) => t.http('PATCH', pathOf('updateMe'), { body: { displayName: '改名', ...extra }, token }));
    expect((await t.call(routes.me, {}, { token })).body.displayName).toBe('微信用户');
    expect((await t.call(routes.updateMe, { displayName: '改名' }, { token })).body.displayName).toBe('改名');
  },

  // devWechatCode rejects extra fields
  devWechatCode: async ({ t, pathOf, expectRejectedEverywhere }) => {
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('devWechatCode'), { body: { user: 'mass-dev', ...extra } }));
    expect((await t.call(routes.devWechatCode, { user: 'mass-dev' })).status).toBe(200);
  },

  // createStaffAccount rejects extra fields (active, mustChangePassword and the like) and creates nothing; the clean input then creates
  createStaffAccount: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
    const input = { username: 'mass.create', displayName: '马创', role: 'community_staff' as const, regionCode: '421003003003' };
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('createStaffAccount'), { body: { ...input, ...extra }, token: staff }), ['role']);
    expect((await t.call(routes.createStaffAccount, input, { token: staff })).status).toBe(201);
  },

  // updateStaffAccount rejects extra fields and changes nothing; the clean input then renames
  updateStaffAccount: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
    const id = await newStaff(t, staff, 'mass.update');
    await expectRejectedEverywhere((extra) => t.http('PATCH', pathOf('updateStaffAccount', { id }), { body: { displayName: '马改', ...extra }, token: staff }), ['role']);
    expect((await t.call(routes.updateStaffAccount, { displayName: '马改' }, { token: staff, params: { id } })).body.displayName).toBe('马改');
  },

  // setStaffAccountActive rejects extra fields and deactivates nothing; the clean input then deactivates
  setStaffAccountActive: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
    const id = await newStaff(t, staff, 'mass.active');
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('setStaffAccountActive', { id }), { body: { active: false, ...extra }, token: staff }));
    expect((await t.call(routes.setStaffAccountActive, { active: false }, { token: staff, params: { id } })).body.active).toBe(false);
  },

  // resetStaffPassword rejects extra fields (a chosen password included) and resets nothing; the clean request then resets
  resetStaffPassword: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
    const id = await newStaff(t, staff, 'mass.reset');
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('resetStaffPassword', { id }), { body: extra, token: staff }));
    expect((await t.call(routes.resetStaffPassword, {}, { token: staff, params: { id } })).body.temporaryPassword).toBeTruthy();
  },

  // changeOwnPassword rejects extra fields and changes nothing; the clean input then changes the password
  changeOwnPassword: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
    const made = await t.call(routes.createStaffAccount, { username: 'mass.password', displayName: '马密', role: 'community_staff', regionCode: '421003003003' }, { token: staff });
    const temp = made.body.temporaryPassword as string;
    const token = (await t.call(routes.staffLogin, { username: 'mass.password', password: temp })).body.token as string;
    const input = { currentPassword: temp, newPassword: 'a-fresh-garden-key' };
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('changeOwnPassword'), { body: { ...input, ...extra }, token }));
    expect((await t.call(routes.changeOwnPassword, input, { token })).status).toBe(200);
  },

  // addFamilyMember rejects extra fields and stores nothing; the same input without them is stored
  addFamilyMember: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const token = await t.loginResident('mass-family');
    const input = { name: '张秀英', idNumber: '421003193001010035', relationship: 'grandparent' as const, communityCode: '421003003003' };
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('addFamilyMember'), { body: { ...input, ...extra }, token }));
    expect((await t.call(routes.listFamilyMembers, {}, { token })).body.items).toEqual([]);
    expect((await t.call(routes.addFamilyMember, input, { token })).status).toBe(201);
  },

  // staffStepUp rejects extra fields (a chosen lifetime included) and grants nothing; the clean input then grants
  staffStepUp: async ({ t, pathOf, expectRejectedEverywhere }) => {
    const token = await t.loginStaff('chengnan');
    await expectRejectedEverywhere((extra) => t.http('POST', pathOf('staffStepUp'), { body: { password: STAFF_PASSWORD, ...extra }, token }));
    expect((await t.call(routes.staffStepUp, { password: STAFF_PASSWORD }, { token })).status).toBe(200);
  },

  // assignRegionHold rejects extra fields (who and when included) and assigns nothing; the clean input then assigns
  assignRegionHold: async ({ t, staff, pathOf, expectRejectedEverywhere }) => {
    const heldCode = 'H21003009901';
    await t.ds.query('INSERT INTO region_code_hold (held_code, old_code, old_name, old_parent_name, rows_json, held_at) VALUES (?, ?, ?, ?, ?, ?)', [heldCode, '421003009901', '试验社区', null, '{}', '2026-11-02 01:00:00.000']);
    const path = pathOf('assignRegionHold', { heldCode });
    await expectRejectedEverywhere((extra) => t.http('POST', path, { body: { regionCode: '421003003003', ...extra }, token: staff }));
    expect((await t.ds.query('SELECT assigned_code FROM region_code_hold WHERE held_code = ?', [heldCode]))[0].assigned_code).toBeNull();
    expect((await t.call(routes.assignRegionHold, { regionCode: '421003003003' }, { token: staff, params: { heldCode } })).status).toBe(200);
  },
  },
};

async function newStaff(t: Parameters<NonNullable<ModuleContractCases['massAssignment']['wechatLogin']>>[0]['t'], token: string, username: string): Promise<string> {
  const made = await t.call(routes.createStaffAccount, { username, displayName: '马工', role: 'community_staff', regionCode: '421003003003' }, { token });
  expect(made.status).toBe(201);
  return made.body.account.id as string;
}
