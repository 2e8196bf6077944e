import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { checkDigitOf, familyMemberList, familyMemberView, ID_NUMBER_PATTERN, routes } from '@jianban/shared';
import { describeEngines } from '../support/describe-engines';
import { startTestApp, type TestApp } from '../support/test-app';

const MEICUN = '421003003003';
const DONGMEN = '421003002004';
const elder = (idNumber: string, extra: Record<string, unknown> = {}) => ({ name: '王建国', idNumber, relationship: 'parent' as const, communityCode: MEICUN, ...extra });

// valid check digits, computed for this test (ISO 7064 MOD 11-2)
const IDS = ['421003193001010035', '421003194207080025', '42100319400315001X', '110105194912310021'.slice(0, 17) + 'X', '53010219200508011X', '440524188001015368', '34052419800101001X'];

describeEngines('family members on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'family' });
  });
  afterAll(async () => t?.close());

  it('adds a family member and only ever returns the masked ID number', async () => {
    const token = await t.loginResident('fm-a');
    const r = await t.call(routes.addFamilyMember, elder(' ４２１００３１９３００１０１００３５ '), { token });
    expect(r.status).toBe(201);
    const view = familyMemberView.parse(r.body);
    expect(view).toMatchObject({ idNumberMasked: '421003**********35', gender: 'male', birthDate: '1930-01-01', community: { code: MEICUN, name: '梅村社区' } });
    expect(view.age).toBeGreaterThanOrEqual(96);
    const list = familyMemberList.parse((await t.call(routes.listFamilyMembers, {}, { token })).body);
    expect(list.items.map((i) => i.id)).toEqual([view.id]);
    expect(JSON.stringify(list)).not.toMatch(ID_NUMBER_PATTERN);
  });

  it('explains each kind of ID number mistake and writes nothing', async () => {
    const token = await t.loginResident('fm-b');
    const cases: [string, string][] = [
      ['42100319300101003', '18位'],
      ['421003193001010036', '校验位'],
      ['421003194502290017', '出生日期不存在'],
      ['421003209901010011', '晚于今天'],
    ];
    for (const [id, text] of cases) {
      const r = await t.call(routes.addFamilyMember, elder(id), { token });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.idNumber', message: expect.stringContaining(text) })]));
    }
    expect((await t.call(routes.listFamilyMembers, {}, { token })).body.items).toHaveLength(0);
  });

  it('refuses the same person twice for one account but lets another family add them', async () => {
    const a = await t.loginResident('fm-c');
    const b = await t.loginResident('fm-d');
    expect((await t.call(routes.addFamilyMember, elder(IDS[1]), { token: a })).status).toBe(201);
    const dup = await t.call(routes.addFamilyMember, elder(IDS[1].toLowerCase(), { name: '李秀英' }), { token: a });
    expect([dup.status, dup.body.code]).toEqual([409, 'FAMILY_MEMBER_DUPLICATE']);
    expect((await t.call(routes.addFamilyMember, elder(IDS[1]), { token: b })).status).toBe(201);
  });

  it('never lets concurrent requests push an account past 5 family members', async () => {
    const token = await t.loginResident('fm-e');
    const results = await Promise.all(IDS.map((id) => t.call(routes.addFamilyMember, elder(id), { token })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'FAMILY_MEMBER_LIMIT')).toBe(true);
    const list = await t.call(routes.listFamilyMembers, {}, { token });
    expect(list.body.items).toHaveLength(5);
    const [{ family_count }] = await t.ds.query(`SELECT family_count FROM resident_account WHERE id = ?`, [(await t.call(routes.me, {}, { token })).body.id]);
    expect(Number(family_count)).toBe(5);
  });

  it("answers another family's member id exactly like a missing one and changes nothing", async () => {
    const owner = await t.loginResident('fm-f');
    const intruder = await t.loginResident('fm-g');
    const added = await t.call(routes.addFamilyMember, elder(IDS[2]), { token: owner });
    const theirs = await t.call(routes.removeFamilyMember, {}, { token: intruder, params: { id: added.body.id } });
    const missing = await t.call(routes.removeFamilyMember, {}, { token: intruder, params: { id: '00000000-0000-4000-8000-000000000000' } });
    expect([theirs.status, theirs.body]).toEqual([missing.status, missing.body]);
    expect(theirs.status).toBe(404);
    expect((await t.call(routes.listFamilyMembers, {}, { token: owner })).body.items).toHaveLength(1);
    expect((await t.call(routes.removeFamilyMember, {}, { token: owner, params: { id: added.body.id } })).status).toBe(200);
    expect((await t.call(routes.listFamilyMembers, {}, { token: owner })).body.items).toHaveLength(0);
  });

  it('keeps staff inside their place in the region tree', async () => {
    const resident = await t.loginResident('fm-h');
    const fresh = '42100319481111002' + checkDigitOf('42100319481111002');
    expect((await t.call(routes.addFamilyMember, elder(fresh, { name: '赵桂兰' }), { token: resident })).status).toBe(201);
    const meicun = await t.loginStaff('meicun');
    const dongmen = await t.loginStaff('dongmen');
    const street = await t.loginStaff('chengnan');
    const district = await t.loginStaff('district');
    const names = async (token: string, code: string) => (await t.call(routes.communityElders, {}, { token, params: { code } })).body.items?.map((i: { name: string }) => i.name);
    expect(await names(meicun, MEICUN)).toContain('赵桂兰');
    expect(await names(street, MEICUN)).toContain('赵桂兰');
    expect(await names(district, MEICUN)).toContain('赵桂兰');
    const outside = await t.call(routes.communityElders, {}, { token: dongmen, params: { code: MEICUN } });
    const unknown = await t.call(routes.communityElders, {}, { token: dongmen, params: { code: '421003009009' } });
    expect([outside.status, outside.body]).toEqual([unknown.status, unknown.body]);
    expect(outside.status).toBe(404);
    expect((await t.call(routes.communityElders, {}, { token: meicun, params: { code: DONGMEN } })).status).toBe(404);
    const asResident = await t.call(routes.communityElders, {}, { token: resident, params: { code: MEICUN } });
    expect([asResident.status, asResident.body.code]).toEqual([403, 'FORBIDDEN']);
    const staffOnResidentRoute = await t.call(routes.listFamilyMembers, {}, { token: meicun });
    expect(staffOnResidentRoute.status).toBe(403);
  });

  it('stores no ID number or openid in plaintext anywhere in the database (G1)', async () => {
    const token = await t.loginResident('fm-i');
    await t.call(routes.addFamilyMember, elder(IDS[5], { name: '孙大爷' }), { token });
    const tables: string[] = engine === 'sqlite'
      ? (await t.ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((r: { name: string }) => r.name)
      : (await t.ds.query(`SHOW TABLES`)).map((r: Record<string, string>) => Object.values(r)[0]);
    let dump = '';
    for (const table of tables) dump += JSON.stringify(await t.ds.query(`SELECT * FROM ${engine === 'sqlite' ? `"${table}"` : `\`${table}\``}`));
    expect(dump).toContain('孙大爷');
    expect(dump.match(ID_NUMBER_PATTERN)).toBeNull();
    expect(dump).not.toContain(IDS[5]);
    const received = await t.peerCall('/__peer/received?endpoint=jscode2session');
    const openids = received.requests.map((r: { response: { body: { openid?: string } } }) => r.response.body.openid).filter(Boolean);
    expect(openids.length).toBeGreaterThan(0);
    for (const openid of openids) expect(dump).not.toContain(openid);
    if (t.sqlitePath) {
      await t.ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(t.sqlitePath).toString('latin1');
      expect(bytes.match(ID_NUMBER_PATTERN)).toBeNull();
    }
  });

  it('pages the community elder list with a total, one row per person, and refuses oversized pages', async () => {
    const staff = await t.loginStaff('chengnan');
    const code = '421003003002'; // 御河社区: nobody else registers elders there in this file
    for (let i = 0; i < 7; i++) {
      const token = await t.loginResident(`fm-page-${i}`);
      const first17 = `421003193501${10 + i}00${i}`;
      expect((await t.call(routes.addFamilyMember, elder(first17 + checkDigitOf(first17), { name: `老人${'甲乙丙丁戊己庚'[i]}`, communityCode: code }), { token })).status).toBe(201);
    }
    // a second family registering the same person does not make a second row
    const again = await t.loginResident('fm-page-dup');
    const dupId = '42100319350110000';
    expect((await t.call(routes.addFamilyMember, elder(dupId + checkDigitOf(dupId), { name: '老人甲', communityCode: code }), { token: again })).status).toBe(201);
    const page = (n: number) => t.call(routes.communityElders, { page: n, pageSize: 3 } as never, { token: staff, params: { code } });
    const [p1, p2, p3] = [await page(1), await page(2), await page(3)];
    expect([p1.body.total, p1.body.page, p1.body.pageSize]).toEqual([7, 1, 3]);
    const names = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((i: { name: string }) => i.name);
    expect(names).toHaveLength(7);
    expect(new Set(names).size).toBe(7);
    const tooBig = await t.call(routes.communityElders, { pageSize: 1000 } as never, { token: staff, params: { code } });
    expect([tooBig.status, tooBig.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
