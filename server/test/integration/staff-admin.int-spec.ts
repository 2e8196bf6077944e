import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { meView, routes, staffAccountDetail, staffAccountList, staffWithPasswordView } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

const MEICUN = '421003003003';
const CHENGNAN = '421003003';
const DISTRICT = '421003';

describeEngines('staff accounts for the whole district on %s (issue 10 item 10)', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'staffadmin' });
    admin = await t.loginStaff('district');
  });
  afterAll(async () => t?.close());

  const count = async (table: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const login = (username: string, password: string) => t.http('POST', '/api/auth/staff', { body: { username, password } });
  const create = (body: Record<string, unknown>, token = admin) => t.call(routes.createStaffAccount, body as never, { token });

  it('creates an account with a one-time temporary password that must be replaced before anything else', async () => {
    const made = await create({ username: 'Wang.Li', displayName: '王丽', role: 'community_staff', regionCode: MEICUN });
    expect(made.status).toBe(201);
    const { account, temporaryPassword } = staffWithPasswordView.parse(made.body);
    expect(account).toMatchObject({ username: 'wang.li', displayName: '王丽', role: 'community_staff', active: true, mustChangePassword: true, wechatBound: false });
    expect(account.region).toMatchObject({ code: MEICUN, name: '梅村社区', level: 'community' });
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    // the password is stored only as a hash
    const [row] = await t.ds.query("SELECT password_hash AS h FROM staff_account WHERE username = 'wang.li'");
    expect(row.h).toMatch(/^\$argon2id\$/);

    const session = await login('wang.li', temporaryPassword);
    expect(session.status).toBe(200);
    const token = session.body.token as string;
    expect(meView.parse(session.body.me)).toMatchObject({ kind: 'staff', mustChangePassword: true });
    // until the temporary password is replaced, staff work is refused with a code the app turns into the change screen
    const blocked = await t.call(routes.communityElders, {}, { token, params: { code: MEICUN } });
    expect([blocked.status, blocked.body.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    expect((await t.call(routes.me, {}, { token })).status).toBe(200);

    const change = (body: Record<string, string>) => t.call(routes.changeOwnPassword, body as never, { token });
    expect((await change({ currentPassword: 'wrong', newPassword: 'a-long-new-secret' })).body.code).toBe('INVALID_CREDENTIALS');
    const short = await change({ currentPassword: temporaryPassword, newPassword: 'short' });
    expect([short.status, short.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const withName = await change({ currentPassword: temporaryPassword, newPassword: 'wang.li-2026-spring' });
    expect([withName.status, withName.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await change({ currentPassword: temporaryPassword, newPassword: 'plum-tree-by-the-gate' })).status).toBe(200);

    expect((await t.call(routes.communityElders, {}, { token, params: { code: MEICUN } })).status).toBe(200);
    expect((await t.call(routes.me, {}, { token })).body.mustChangePassword).toBe(false);
    expect((await login('wang.li', temporaryPassword)).status).toBe(401);
    expect((await login('wang.li', 'plum-tree-by-the-gate')).status).toBe(200);

    const detail = staffAccountDetail.parse((await t.call(routes.getStaffAccount, {}, { token: admin, params: { id: account.id } })).body);
    expect(detail.audit.map((a) => a.action)).toEqual(['change_password', 'create']);
    expect(detail.audit[1]).toMatchObject({ actorName: '荆州区民政局 陈刚' });
    expect(detail.audit[1].changes).toEqual(['姓名：王丽', '岗位：社区工作人员', '负责的地方：梅村社区']);
    expect(JSON.stringify(detail)).not.toContain(temporaryPassword);
  });

  it('refuses a role that does not fit the place, a taken username and bad input, writing nothing', async () => {
    const before = [await count('staff_account'), await count('staff_audit')];
    const wrongLevel = await create({ username: 'zhao', displayName: '赵强', role: 'community_staff', regionCode: CHENGNAN });
    expect([wrongLevel.status, wrongLevel.body.code]).toEqual([400, 'STAFF_REGION_MISMATCH']);
    const unknown = await create({ username: 'zhao', displayName: '赵强', role: 'street_reviewer', regionCode: '421003999' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'STAFF_REGION_MISMATCH']);
    const taken = await create({ username: 'MeiCun', displayName: '赵强', role: 'community_staff', regionCode: MEICUN });
    expect([taken.status, taken.body.code]).toEqual([409, 'STAFF_USERNAME_TAKEN']);
    for (const bad of [{ username: '1abc' }, { displayName: '赵\u202e强' }, { role: 'boss' }, { extra: 1 }]) {
      const r = await create({ username: 'zhao', displayName: '赵强', role: 'community_staff', regionCode: MEICUN, ...bad });
      expect([JSON.stringify(bad), r.status, r.body.code]).toEqual([JSON.stringify(bad), 400, 'VALIDATION_FAILED']);
    }
    expect([await count('staff_account'), await count('staff_audit')]).toEqual(before);
  });

  it('re-assigns, deactivates and re-activates an account, taking effect on its open session at once', async () => {
    const { account, temporaryPassword } = staffWithPasswordView.parse((await create({ username: 'sun', displayName: '孙敏', role: 'community_staff', regionCode: MEICUN })).body);
    const token = (await login('sun', temporaryPassword)).body.token as string;
    await t.call(routes.changeOwnPassword, { currentPassword: temporaryPassword, newPassword: 'plum-blossom-2027' }, { token });

    const moved = await t.call(routes.updateStaffAccount, { role: 'street_reviewer', regionCode: CHENGNAN }, { token: admin, params: { id: account.id } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'street_reviewer', region: { code: CHENGNAN } });
    // the open session acts in the new role straight away
    expect((await t.call(routes.me, {}, { token })).body).toMatchObject({ role: 'street_reviewer', region: { code: CHENGNAN } });
    expect((await t.call(routes.listStaffAccounts, {}, { token })).status).toBe(200);

    const off = await t.call(routes.setStaffAccountActive, { active: false }, { token: admin, params: { id: account.id } });
    expect([off.status, off.body.active]).toEqual([200, false]);
    expect((await t.call(routes.me, {}, { token })).status).toBe(401);
    expect((await login('sun', 'plum-blossom-2027')).status).toBe(401);
    const listed = staffAccountList.parse((await t.call(routes.listStaffAccounts, { status: 'inactive' }, { token: admin })).body);
    expect(listed.items.map((s) => s.username)).toContain('sun');

    expect((await t.call(routes.setStaffAccountActive, { active: true }, { token: admin, params: { id: account.id } })).body.active).toBe(true);
    expect((await login('sun', 'plum-blossom-2027')).status).toBe(200);
    // the session from before the deactivation stays ended
    expect((await t.call(routes.me, {}, { token })).status).toBe(401);

    const audit = staffAccountDetail.parse((await t.call(routes.getStaffAccount, {}, { token: admin, params: { id: account.id } })).body).audit;
    expect(audit.map((a) => a.action)).toEqual(['activate', 'deactivate', 'update', 'change_password', 'create']);
    expect(audit[2].changes).toEqual(['岗位：社区工作人员 → 街道审核人员', '负责的地方：梅村社区 → 城南街道']);
  });

  it('resets a password: old sessions end, the temporary one works once and must be replaced', async () => {
    const { account, temporaryPassword } = staffWithPasswordView.parse((await create({ username: 'qian', displayName: '钱芳', role: 'community_staff', regionCode: MEICUN })).body);
    const token = (await login('qian', temporaryPassword)).body.token as string;
    await t.call(routes.changeOwnPassword, { currentPassword: temporaryPassword, newPassword: 'river-stone-garden' }, { token });
    const reset = await t.call(routes.resetStaffPassword, {}, { token: admin, params: { id: account.id } });
    const fresh = staffWithPasswordView.parse(reset.body);
    expect(fresh.temporaryPassword).not.toBe(temporaryPassword);
    expect(fresh.account.mustChangePassword).toBe(true);
    expect((await t.call(routes.me, {}, { token })).status).toBe(401);
    expect((await login('qian', 'river-stone-garden')).status).toBe(401);
    const again = await login('qian', fresh.temporaryPassword);
    expect(again.body.me.mustChangePassword).toBe(true);
  });

  it('lets a street reviewer read only their street\'s staff, and nobody but the district admin change them', async () => {
    const street = await t.loginStaff('chengnan');
    const list = staffAccountList.parse((await t.call(routes.listStaffAccounts, { status: 'all', pageSize: 100 }, { token: street })).body);
    const names = list.items.map((s) => s.username);
    expect(names).toContain('meicun');
    expect(names).toContain('chengnan');
    expect(names).not.toContain('dongmen');
    expect(names).not.toContain('district');
    const dongmen = staffAccountList.parse((await t.call(routes.listStaffAccounts, { q: 'dongmen' }, { token: admin })).body).items[0];
    expect((await t.call(routes.getStaffAccount, {}, { token: street, params: { id: dongmen.id } })).status).toBe(404);
    expect((await create({ username: 'zhou', displayName: '周平', role: 'community_staff', regionCode: MEICUN }, street)).status).toBe(403);
    expect((await t.call(routes.setStaffAccountActive, { active: false }, { token: street, params: { id: dongmen.id } })).status).toBe(403);
    const community = await t.loginStaff('meicun');
    expect((await t.call(routes.listStaffAccounts, {}, { token: community })).status).toBe(403);
    // search: part of a name, and a typed % matches only itself
    expect(staffAccountList.parse((await t.call(routes.listStaffAccounts, { q: '刘芳' }, { token: admin })).body).items.map((s) => s.username)).toEqual(['chengnan']);
    expect(staffAccountList.parse((await t.call(routes.listStaffAccounts, { q: '%' }, { token: admin })).body).total).toBe(0);
  });

  it('never leaves the district without an active admin, even when two admins deactivate each other at once', async () => {
    const self = staffAccountList.parse((await t.call(routes.listStaffAccounts, { q: 'district' }, { token: admin })).body).items[0];
    const own = await t.call(routes.setStaffAccountActive, { active: false }, { token: admin, params: { id: self.id } });
    expect([own.status, own.body.code]).toEqual([409, 'STAFF_OWN_ACCOUNT']);
    const demote = await t.call(routes.updateStaffAccount, { role: 'street_reviewer', regionCode: CHENGNAN }, { token: admin, params: { id: self.id } });
    expect([demote.status, demote.body.code]).toEqual([409, 'STAFF_OWN_ACCOUNT']);

    for (let round = 0; round < 4; round++) {
      const made = staffWithPasswordView.parse((await create({ username: `admin${round}`, displayName: '吴刚', role: 'district_admin', regionCode: DISTRICT })).body);
      const second = (await login(`admin${round}`, made.temporaryPassword)).body.token as string;
      await t.call(routes.changeOwnPassword, { currentPassword: made.temporaryPassword, newPassword: `second-admin-pw-${round}` }, { token: second });
      const [a, b] = await Promise.all([
        t.call(routes.setStaffAccountActive, { active: false }, { token: admin, params: { id: made.account.id } }),
        t.call(routes.setStaffAccountActive, { active: false }, { token: second, params: { id: self.id } }),
      ]);
      const active = Number((await t.ds.query("SELECT COUNT(*) AS n FROM staff_account WHERE role = 'district_admin' AND active = ?", [true]))[0].n);
      expect([round, active]).toEqual([round, 1]);
      const outcomes = [a, b].map((r) => (r.status === 200 ? 'ok' : r.body.code)).sort();
      expect(['LAST_DISTRICT_ADMIN', 'UNAUTHENTICATED']).toContain(outcomes[0]);
      expect(outcomes[1]).toBe('ok');
      // put the first admin back for the next round
      if (b.status === 200) {
        const back = await t.ds.query("UPDATE staff_account SET active = ? WHERE username = 'district'", [true]);
        void back;
        admin = await t.loginStaff('district');
        await t.ds.query('UPDATE staff_account SET active = ? WHERE id = ?', [false, made.account.id]);
      }
    }
  });
});
