import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { elderList, familyMemberList, ID_NUMBER_PATTERN, myProxyList, myVerificationView, routes } from '@jianban/shared';
import { ProxyDirectory } from '../../src/identity/proxy.directory';
import { describeEngines } from '../support/describe-engines';
import { aRegistryPerson, anIdNumber, seedRegistry } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';

const MEICUN = '421003003003';

// one household per test, so tests never share people: daughter + elder in the registry, same 户号
let seq = 100;
function household(label: string) {
  seq += 2;
  const daughter = aRegistryPerson({ idNumber: anIdNumber('421003', '1968-04-12', seq), name: '王丽', sex: 'female', householdNo: `H-${label}` });
  const elder = aRegistryPerson({ idNumber: anIdNumber('421003', '1939-02-03', seq + 1), name: '王建国', sex: 'male', householdNo: `H-${label}` });
  return { daughter, elder };
}

describeEngines('verified proxies on %s', (engine) => {
  let t: TestApp;
  let directory: ProxyDirectory;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'proxies' });
    directory = t.app.app.get(ProxyDirectory);
  });
  afterAll(async () => t?.close());

  const addElder = async (token: string, idNumber: string, name = '王建国') => {
    const r = await t.call(routes.addFamilyMember, { name, idNumber, relationship: 'parent', communityCode: MEICUN }, { token });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  // the WeChat face check: start, the user's scan (played on the peer), then the result the server asks WeChat for
  const faceCheck = async (token: string, who: { name: string; idNumber: string }, ret: number | null) => {
    const start = await t.call(routes.startRealNameCheck, { name: who.name, idNumber: who.idNumber }, { token });
    expect(start.status).toBe(201);
    if (ret !== null) await t.peerCall('/__peer/face', { verifyId: start.body.verifyId, ret });
    return t.call(routes.finishRealNameCheck, {}, { token, params: { id: start.body.checkId } });
  };
  const stateOf = async (token: string, memberId: string) => {
    const list = familyMemberList.parse((await t.call(routes.listFamilyMembers, {}, { token })).body);
    return list.items.find((i) => i.id === memberId)?.verification;
  };
  const accountOf = async (token: string) => (await t.call(routes.me, {}, { token })).body.id as string;
  const proxyAnswer = (accountId: string, memberId: string) => t.ds.transaction((m) => directory.verifiedProxy(m, accountId, memberId));
  const auditActions = async (objectId: string) =>
    (await t.ds.query(`SELECT action, result FROM identity_audit WHERE object_id = '${objectId}' ORDER BY at`)) as { action: string; result: string }[];

  describe('household match', () => {
    it('verifies a family member once the face-checked resident and the elder share a household in the registry', async () => {
      const { daughter, elder } = household('A');
      await seedRegistry(t.ds, [daughter, elder], t.config);
      const token = await t.loginResident('px-daughter-a');
      const memberId = await addElder(token, elder.idNumber);
      expect((await stateOf(token, memberId))?.state).toBe('unverified');

      const done = await faceCheck(token, daughter, 10000);
      expect(done.status).toBe(200);
      expect(myVerificationView.parse(done.body)).toMatchObject({ verified: true, method: 'face', nameMasked: '王*' });
      expect(JSON.stringify(done.body)).not.toMatch(ID_NUMBER_PATTERN);

      // the household was tried right after the face check passed
      expect(await stateOf(token, memberId)).toMatchObject({ state: 'verified', via: 'household' });
      const answer = await proxyAnswer(await accountOf(token), memberId);
      expect(answer).toMatchObject({ via: 'household', elder: { idNumber: elder.idNumber, name: '王建国' } });
      expect(await auditActions(memberId)).toEqual([{ action: 'proxy.household', result: 'ok' }]);
    });

    it('refuses when the registry puts them in different households, and a stranger knowing the name and ID number gets nowhere', async () => {
      const { daughter, elder } = household('B');
      const neighbour = aRegistryPerson({ idNumber: anIdNumber('421003', '1970-01-01', 901), name: '李强', householdNo: 'H-OTHER' });
      await seedRegistry(t.ds, [daughter, elder, neighbour], t.config);

      // a stranger types the elder's real name and ID number: the family member stays unverified
      const stranger = await t.loginResident('px-stranger-b');
      const memberId = await addElder(stranger, elder.idNumber);
      const first = await t.call(routes.checkHousehold, {}, { token: stranger, params: { id: memberId } });
      expect([first.status, first.body.code]).toEqual([409, 'REAL_NAME_REQUIRED']);
      // knowing the daughter's name and ID number does not pass WeChat's face check (the scan is someone else's face)
      const spoof = await faceCheck(stranger, daughter, 90011);
      expect([spoof.status, spoof.body.code]).toEqual([422, 'REAL_NAME_NOT_PASSED']);
      // nor does never scanning at all
      const unscanned = await faceCheck(stranger, elder, null);
      expect([unscanned.status, unscanned.body.code]).toEqual([422, 'REAL_NAME_NOT_PASSED']);
      expect(myVerificationView.parse((await t.call(routes.myVerification, {}, { token: stranger })).body).verified).toBe(false);
      expect((await stateOf(stranger, memberId))?.state).toBe('unverified');
      expect(await proxyAnswer(await accountOf(stranger), memberId)).toBeNull();

      // a real neighbour, face-checked, is still not in the elder's household
      const neighbourToken = await t.loginResident('px-neighbour-b');
      expect((await faceCheck(neighbourToken, neighbour, 10000)).status).toBe(200);
      const theirs = await addElder(neighbourToken, elder.idNumber);
      const refused = await t.call(routes.checkHousehold, {}, { token: neighbourToken, params: { id: theirs } });
      expect([refused.status, refused.body.code]).toEqual([409, 'NOT_SAME_HOUSEHOLD']);
      expect(await proxyAnswer(await accountOf(neighbourToken), theirs)).toBeNull();
      expect(await auditActions(theirs)).toEqual(expect.arrayContaining([{ action: 'proxy.household', result: 'refused' }]));
    });

    it("answers another account's family-member id like a missing one", async () => {
      const { daughter, elder } = household('C');
      await seedRegistry(t.ds, [daughter, elder], t.config);
      const owner = await t.loginResident('px-owner-c');
      const memberId = await addElder(owner, elder.idNumber);
      const other = await t.loginResident('px-other-c');
      expect((await faceCheck(other, daughter, 10000)).status).toBe(200);
      for (const id of [memberId, '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b']) {
        const r = await t.call(routes.checkHousehold, {}, { token: other, params: { id } });
        expect([r.status, r.body.code]).toEqual([404, 'NOT_FOUND']);
        const inv = await t.call(routes.createProxyInvitation, {}, { token: other, params: { id } });
        expect([inv.status, inv.body.code]).toEqual([404, 'NOT_FOUND']);
      }
      expect((await stateOf(owner, memberId))?.state).toBe('unverified');
    });
  });

  it('limits face-check sessions per account (each is billed and probes an identity)', async () => {
    const token = await t.loginResident('px-many-starts');
    const who = { name: '王丽', idNumber: anIdNumber('421003', '1970-05-05', 77) };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.call(routes.startRealNameCheck, who, { token })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
  });

  describe('staff at the centre', () => {
    it('confirms a relation after seeing the elder ID card; other communities get 404 and change nothing', async () => {
      const { daughter, elder } = household('D');
      const token = await t.loginResident('px-daughter-d');
      const accountId = await accountOf(token);
      const memberId = await addElder(token, elder.idNumber);
      const meicun = await t.loginStaff('meicun');
      const dongmen = await t.loginStaff('dongmen');

      // the resident's own identity first (at the counter); staff of another community cannot reach the account
      const away = await t.call(routes.staffVerifyResident, { name: daughter.name, idNumber: daughter.idNumber }, { token: dongmen, params: { id: accountId } });
      expect([away.status, away.body.code]).toEqual([404, 'NOT_FOUND']);
      const early = await t.call(routes.staffConfirmProxy, { elderIdNumber: elder.idNumber, elderName: '王建国' }, { token: meicun, params: { id: memberId } });
      expect([early.status, early.body.code]).toEqual([409, 'REAL_NAME_REQUIRED']);
      expect((await t.call(routes.staffVerifyResident, { name: daughter.name, idNumber: daughter.idNumber }, { token: meicun, params: { id: accountId } })).status).toBe(200);

      const other = await t.call(routes.staffConfirmProxy, { elderIdNumber: elder.idNumber, elderName: '王建国' }, { token: dongmen, params: { id: memberId } });
      expect([other.status, other.body.code]).toEqual([404, 'NOT_FOUND']);
      const wrongCard = await t.call(routes.staffConfirmProxy, { elderIdNumber: daughter.idNumber, elderName: '王丽' }, { token: meicun, params: { id: memberId } });
      expect([wrongCard.status, wrongCard.body.code]).toEqual([409, 'ELDER_ID_MISMATCH']);
      expect((await stateOf(token, memberId))?.state).toBe('unverified');

      const ok = await t.call(routes.staffConfirmProxy, { elderIdNumber: elder.idNumber, elderName: '王建国' }, { token: meicun, params: { id: memberId } });
      expect(ok.status).toBe(200);
      expect(ok.body.verification).toMatchObject({ state: 'verified', via: 'staff' });
      expect(await proxyAnswer(accountId, memberId)).toMatchObject({ via: 'staff' });
      expect(await auditActions(memberId)).toEqual([
        { action: 'proxy.staff_confirm', result: 'refused' },
        { action: 'proxy.staff_confirm', result: 'refused' },
        { action: 'proxy.staff_confirm', result: 'ok' },
      ]);
      expect(await auditActions(accountId)).toEqual([{ action: 'real_name.counter', result: 'ok' }]);

      // staff revoke: the query stops answering yes at once; other communities cannot revoke
      const otherRevoke = await t.call(routes.staffRevokeProxy, { reason: '家属要求撤销' }, { token: dongmen, params: { id: memberId } });
      expect([otherRevoke.status, otherRevoke.body.code]).toEqual([404, 'NOT_FOUND']);
      expect(await proxyAnswer(accountId, memberId)).not.toBeNull();
      const revoked = await t.call(routes.staffRevokeProxy, { reason: '家属要求撤销' }, { token: meicun, params: { id: memberId } });
      expect([revoked.status, revoked.body.verification.state]).toEqual([200, 'revoked']);
      expect(await proxyAnswer(accountId, memberId)).toBeNull();
      expect((await auditActions(memberId)).at(-1)).toEqual({ action: 'proxy.revoke.staff', result: 'ok' });
    });

    it("lists the registry's name, not one a family typed, and every account acting for the person, masked", async () => {
      const { daughter, elder } = household('E');
      await seedRegistry(t.ds, [daughter, elder], t.config);
      const family = await t.loginResident('px-family-e');
      await t.call(routes.updateMe, { displayName: '王丽丽' }, { token: family });
      await addElder(family, elder.idNumber);
      const spoofer = await t.loginResident('px-spoofer-e');
      await addElder(spoofer, elder.idNumber, '张冒名');
      const meicun = await t.loginStaff('meicun');
      const r = await t.call(routes.communityElders, { pageSize: '100' } as never, { token: meicun, params: { code: MEICUN } });
      expect(r.status).toBe(200);
      const list = elderList.parse(r.body);
      const row = list.items.find((i) => i.proxies.some((p) => p.enteredName === '张冒名'));
      expect(row).toMatchObject({ name: '王建国', nameSource: 'registry' });
      expect(row!.proxies.map((p) => [p.enteredName, p.accountVerified, p.verification.state])).toEqual([
        ['王建国', false, 'unverified'],
        ['张冒名', false, 'unverified'],
      ]);
      expect(row!.proxies[0].accountNameMasked).toBe('王**');
      expect(JSON.stringify(list)).not.toMatch(ID_NUMBER_PATTERN);
    });
  });

  describe('invitations the elder confirms from their own WeChat', () => {
    it('verifies on the elder confirmation, once; reuse, expiry and other accounts are refused', async () => {
      const { daughter, elder } = household('F');
      const proxy = await t.loginResident('px-son-f');
      const memberId = await addElder(proxy, elder.idNumber);
      const inv = await t.call(routes.createProxyInvitation, {}, { token: proxy, params: { id: memberId } });
      expect(inv.status).toBe(201);
      expect(inv.body.path).toContain(inv.body.code);

      // someone else (verified, but not the elder) cannot confirm it
      const outsider = await t.loginResident('px-outsider-f');
      expect((await faceCheck(outsider, daughter, 10000)).status).toBe(200);
      const notYours = await t.call(routes.acceptProxyInvitation, { code: inv.body.code }, { token: outsider });
      expect([notYours.status, notYours.body.code]).toEqual([403, 'INVITATION_NOT_FOR_YOU']);
      // the elder must have verified their own identity first
      const elderToken = await t.loginResident('px-elder-f');
      const unverified = await t.call(routes.acceptProxyInvitation, { code: inv.body.code }, { token: elderToken });
      expect([unverified.status, unverified.body.code]).toEqual([409, 'REAL_NAME_REQUIRED']);
      expect((await faceCheck(elderToken, elder, 10000)).status).toBe(200);

      const preview = await t.call(routes.previewProxyInvitation, { code: inv.body.code }, { token: elderToken });
      expect(preview.body).toMatchObject({ elderNameMasked: '王*国', relationship: '父母' });
      const accepted = await t.call(routes.acceptProxyInvitation, { code: inv.body.code }, { token: elderToken });
      expect(accepted.status).toBe(200);
      expect(await stateOf(proxy, memberId)).toMatchObject({ state: 'verified', via: 'invitation' });
      const proxyAccount = await accountOf(proxy);
      expect(await proxyAnswer(proxyAccount, memberId)).toMatchObject({ via: 'invitation' });
      const elderAccount = await accountOf(elderToken);
      const hash = (await proxyAnswer(proxyAccount, memberId))!.elder.idNumberHash;
      expect(await t.ds.transaction((m) => directory.elderAccount(m, hash))).toMatchObject({ accountId: elderAccount });

      const again = await t.call(routes.acceptProxyInvitation, { code: inv.body.code }, { token: elderToken });
      expect([again.status, again.body.code]).toEqual([409, 'INVITATION_USED']);

      // an invitation past its expiry is refused and verifies nobody
      const second = await addElder(outsider, elder.idNumber);
      const late = await t.call(routes.createProxyInvitation, {}, { token: outsider, params: { id: second } });
      await t.ds.query(`UPDATE proxy_invitation SET expires_at = ? WHERE family_member_id = ?`, ['2000-01-01 00:00:00.000', second]);
      const expired = await t.call(routes.acceptProxyInvitation, { code: late.body.code }, { token: elderToken });
      expect([expired.status, expired.body.code]).toEqual([410, 'INVITATION_EXPIRED']);
      expect((await stateOf(outsider, second))?.state).toBe('unverified');
      expect((await auditActions(memberId)).length).toBeGreaterThanOrEqual(1);

      // the elder sees who acts for them and revokes: the query stops answering yes, and no household match restores it
      const mine = myProxyList.parse((await t.call(routes.listMyProxies, {}, { token: elderToken })).body);
      expect(mine.items.map((i) => i.verification.state).sort()).toEqual(['unverified', 'verified']);
      const revoke = await t.call(routes.revokeMyProxy, {}, { token: elderToken, params: { id: memberId } });
      expect(revoke.status).toBe(200);
      expect(await proxyAnswer(proxyAccount, memberId)).toBeNull();
      expect(await t.ds.transaction((m) => directory.isVerifiedProxyFor(m, proxyAccount, hash))).toBe(false);
      expect((await stateOf(proxy, memberId))?.state).toBe('revoked');
      const notTheirs = await t.call(routes.revokeMyProxy, {}, { token: proxy, params: { id: memberId } });
      expect(notTheirs.status).toBe(409); // the proxy has no verified identity of their own: cannot act as the elder
      expect((await auditActions(memberId)).at(-1)).toEqual({ action: 'proxy.revoke.elder', result: 'ok' });
    });

    it('withdrawing consent revokes every relation to the elder and is logged per relation', async () => {
      const { daughter, elder } = household('G');
      await seedRegistry(t.ds, [daughter, elder], t.config);
      const d = await t.loginResident('px-daughter-g');
      const memberId = await addElder(d, elder.idNumber);
      expect((await faceCheck(d, daughter, 10000)).status).toBe(200);
      expect((await stateOf(d, memberId))?.state).toBe('verified');
      const e = await t.loginResident('px-elder-g');
      expect((await faceCheck(e, elder, 10000)).status).toBe(200);
      expect((await t.call(routes.withdrawProxyConsent, {}, { token: e })).status).toBe(200);
      expect(await proxyAnswer(await accountOf(d), memberId)).toBeNull();
      const retry = await t.call(routes.checkHousehold, {}, { token: d, params: { id: memberId } });
      expect([retry.status, retry.body.code]).toEqual([409, 'PROXY_REVOKED']);
      expect(await auditActions(memberId)).toEqual(expect.arrayContaining([{ action: 'proxy.revoke.consent_withdrawn', result: 'ok' }]));
    });
  });
});
