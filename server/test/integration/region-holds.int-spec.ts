import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorBody, regionHoldList, regionHoldRoutes, regionHoldView, routes, type RouteDef } from '@jianban/shared';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { BookingContactAccessEntity } from '../../src/booking/entities/booking-contact.entity';
import { BookingEntity } from '../../src/booking/entities/booking.entity';
import { BookingSettingsEntity } from '../../src/booking/entities/booking-settings.entity';
import { ClosureEntity } from '../../src/booking/entities/closure.entity';
import { ServiceItemEntity } from '../../src/booking/entities/service-item.entity';
import { SlotEntity } from '../../src/booking/entities/slot.entity';
import { CaseFileEntity } from '../../src/cases/entities/case-file.entity';
import { CatalogDemandReportEntity, CatalogItemEntity } from '../../src/catalog/entities/catalog.entity';
import { FamilyMemberEntity } from '../../src/identity/entities/family-member.entity';
import { StaffAccountEntity } from '../../src/identity/entities/staff-account.entity';
import { describeEngines } from '../support/describe-engines';
import { rowFor } from '../support/entity-rows';
import { startTestApp, type TestApp } from '../support/test-app';

// held placeholder codes (RegionCodes1764350000000): the district admin lists them and assigns each one once
const JINGNAN = { held: 'H21003001002', old: '421003001002', name: '荆南社区' };
const XIMEN = { held: 'H21003002001', old: '421003002001', name: '西门社区' };
const NANHU = { held: 'H21003001003', old: '421003001003', name: '南湖社区' };
const MINZHU = '421003001002'; // 民主社区 (西城街道), official
const TONGHUIQIAO = '421003001001'; // 通会桥社区 (西城街道), official

describeEngines('held region codes on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let meicun: string;
  let resident: string;

  const q = (n: string) => t.ds.driver.escape(n);
  const hold = (h: { held: string; old: string; name: string }) =>
    t.ds.query(`INSERT INTO region_code_hold (held_code, old_code, old_name, old_parent_name, rows_json, held_at) VALUES (?, ?, ?, ?, ?, ?)`, [h.held, h.old, h.name, '城南街道', '{}', '2026-11-02 01:00:00.000']);
  // the schema is the current one: a plain insert of a full row (no reading of the table's columns first)
  const insert = async <T extends ObjectLiteral>(entity: EntityTarget<T>, over: Partial<T>): Promise<string> => {
    const row = rowFor(t.ds, entity, { id: randomUUID(), ...over } as unknown as Partial<T>);
    await t.ds.getRepository(entity).insert(row);
    return String((row as Record<string, unknown>).id);
  };
  // how many rows carry each value in each table's region column
  const countsOf = async (value: string) => {
    const out: Record<string, number> = {};
    for (const [table, column] of [['family_member', 'community_code'], ['staff_account', 'region_code'], ['booking', 'community_code'], ['booking_slot', 'community_code'], ['booking_closure', 'community_code'], ['booking_service_item', 'community_code'], ['catalog_item', 'owner'], ['catalog_demand_report', 'community_code'], ['case_file', 'community_code'], ['booking_settings', 'community_code']]) {
      const [r] = await t.ds.query(`SELECT COUNT(*) AS n FROM ${q(table)} WHERE ${q(column)} = ?`, [value]);
      if (Number(r.n) > 0) out[table] = Number(r.n);
    }
    return out;
  };
  const list = async (token = admin) => regionHoldList.parse((await t.call(routes.listRegionHolds, {}, { token })).body);
  const assign = (held: string, regionCode: string, token = admin) => t.call(routes.assignRegionHold, { regionCode }, { token, params: { heldCode: held } });
  const audits = async (held: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM identity_audit WHERE object_id = ? AND action = 'region_hold.assign'`, [held]))[0].n);

  beforeAll(async () => {
    t = await startTestApp(engine, { name: 'region-holds' });
    admin = await t.loginStaff('district');
    meicun = await t.loginStaff('meicun');
    resident = await t.loginResident('hold-resident');

    for (const h of [JINGNAN, XIMEN, NANHU]) await hold(h);
    // 荆南's rows in every kind of table the move held
    const account = (await t.ds.query('SELECT id FROM resident_account LIMIT 1'))[0].id as string;
    const member = await insert(FamilyMemberEntity, { accountId: account, communityCode: JINGNAN.held });
    await insert(FamilyMemberEntity, { accountId: account, communityCode: JINGNAN.held });
    await insert(StaffAccountEntity, { username: 'jingnan.old', regionCode: JINGNAN.held, role: 'community_staff', active: false });
    const item = await insert(ServiceItemEntity, { communityCode: JINGNAN.held, seedKey: null });
    const slot = await insert(SlotEntity, { communityCode: JINGNAN.held, date: '2026-12-20', startTime: '09:00' });
    await insert(ClosureEntity, { communityCode: JINGNAN.held, date: '2026-12-21' });
    const booking = await insert(BookingEntity, { accountId: account, communityCode: JINGNAN.held, serviceItemId: item, slotId: slot, familyMemberId: member, date: '2026-12-20', startTime: '09:00', activeKey: null });
    await insert(CaseFileEntity, { communityCode: JINGNAN.held, subjectId: booking });
    // an audit row (staff saw the family's phone there): it keeps the code it was written with and is not counted
    await insert(BookingContactAccessEntity, { communityCode: JINGNAN.held, bookingId: booking, kind: 'reveal', phoneCount: 1 });
    await insert(CatalogItemEntity, { owner: JINGNAN.held, code: `C${JINGNAN.old}-01`, name: '荆南老证明', list: 'issue' });
    await insert(CatalogDemandReportEntity, { communityCode: JINGNAN.held, itemCode: 'NI-10' });
    // 西门's settings: the official community it would go to has its own already
    await insert(BookingSettingsEntity, { communityCode: XIMEN.held });
    await insert(FamilyMemberEntity, { accountId: account, communityCode: XIMEN.held });
    await insert(FamilyMemberEntity, { accountId: account, communityCode: NANHU.held });
  });
  afterAll(async () => t?.close());

  it('lists every held code with its old name and the rows still under it, per table, in Chinese', async () => {
    const { items } = await list();
    const jingnan = items.find((h) => h.heldCode === JINGNAN.held)!;
    expect(jingnan).toMatchObject({ oldCode: JINGNAN.old, oldName: '荆南社区', oldParentName: '城南街道', assigned: null, total: 10 });
    expect(Object.fromEntries(jingnan.rows.map((r) => [r.table, r.count]))).toEqual({
      booking: 1, booking_closure: 1, booking_service_item: 1, booking_slot: 1, case_file: 1, catalog_demand_report: 1, catalog_item: 1, family_member: 2, staff_account: 1,
    });
    expect(jingnan.rows.map((r) => r.label)).toEqual(expect.arrayContaining(['家人', '工作人员账号', '预约', '本社区证明事项', '办事记录']));
    expect(jingnan.rows.every((r) => /^[\u4e00-\u9fa5]+$/.test(r.label))).toBe(true);
    expect(items.map((h) => h.heldCode)).toEqual(expect.arrayContaining([JINGNAN.held, XIMEN.held, NANHU.held]));
  });

  it('moves every row carrying the marker to the chosen community in one go, audited, and refuses a second assignment with 409', async () => {
    const before = await countsOf(JINGNAN.held);
    const targetBefore = await countsOf(MINZHU);
    const r = await assign(JINGNAN.held, MINZHU);
    expect(r.status).toBe(200);
    const view = regionHoldView.parse(r.body);
    expect(view.assigned).toMatchObject({ code: MINZHU, name: expect.stringContaining('民主'), streetName: expect.stringContaining('西城') });
    expect(view.total).toBe(10);
    expect(await countsOf(JINGNAN.held)).toEqual({});
    const targetAfter = await countsOf(MINZHU);
    for (const [table, n] of Object.entries(before)) expect([table, targetAfter[table]]).toEqual([table, (targetBefore[table] ?? 0) + n]);
    expect(await audits(JINGNAN.held)).toBe(1);
    // the audit trail is left as written (the application's database user may not change it)
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM booking_contact_access WHERE community_code = ?', [JINGNAN.held]))[0].n)).toBe(1);

    const again = await assign(JINGNAN.held, TONGHUIQIAO);
    expect([again.status, errorBody.parse(again.body).code]).toEqual([409, 'REGION_HOLD_ALREADY_ASSIGNED']);
    expect(await countsOf(MINZHU)).toEqual(targetAfter);
    expect(await audits(JINGNAN.held)).toBe(1);

    // the list now shows it assigned, with what moved and who did it
    const listed = (await list()).items.find((h) => h.heldCode === JINGNAN.held)!;
    expect(listed.assigned).toMatchObject({ code: MINZHU, byName: expect.any(String) });
    expect(listed.total).toBe(10);
  });

  it('changes nothing when a row would collide with one the chosen community already has (409 REGION_HOLD_CONFLICT)', async () => {
    const before = { held: await countsOf(XIMEN.held), target: await countsOf(TONGHUIQIAO) };
    const r = await assign(XIMEN.held, TONGHUIQIAO);
    expect([r.status, errorBody.parse(r.body).code]).toEqual([409, 'REGION_HOLD_CONFLICT']);
    expect({ held: await countsOf(XIMEN.held), target: await countsOf(TONGHUIQIAO) }).toEqual(before);
    expect((await t.ds.query('SELECT assigned_code FROM region_code_hold WHERE held_code = ?', [XIMEN.held]))[0].assigned_code).toBeNull();
    expect(await audits(XIMEN.held)).toBe(0);
  });

  it('lets exactly one of two admins assigning the same hold at once win', async () => {
    const [a, b] = await Promise.all([assign(NANHU.held, TONGHUIQIAO), assign(NANHU.held, MINZHU)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? TONGHUIQIAO : MINZHU;
    expect((await t.ds.query('SELECT assigned_code FROM region_code_hold WHERE held_code = ?', [NANHU.held]))[0].assigned_code).toBe(winner);
    expect(await countsOf(NANHU.held)).toEqual({});
    expect(await audits(NANHU.held)).toBe(1);
  });

  it('refuses a community that does not exist and a hold that does not exist with 404, changing nothing', async () => {
    await hold({ held: 'H21003001009', old: '421003001009', name: '旧社区' });
    for (const [held, code] of [['H21003001009', '421003999999'], ['H21003001009', '421003000000'], ['H99999999999', MINZHU]]) {
      const r = await assign(held, code);
      expect([held, code, r.status, errorBody.parse(r.body).code]).toEqual([held, code, 404, 'NOT_FOUND']);
    }
    expect((await t.ds.query('SELECT assigned_code FROM region_code_hold WHERE held_code = ?', ['H21003001009']))[0].assigned_code).toBeNull();
  });

  describe('A1/A2', () => {
    it('A2: covers every held-code route; a resident and community staff get 403 and change nothing', async () => {
      expect(Object.keys(regionHoldRoutes).sort()).toEqual(['assignRegionHold', 'listRegionHolds']);
      await hold({ held: 'H21003001008', old: '421003001008', name: '旧社区二' });
      for (const token of [resident, meicun]) {
        for (const [route, input, params] of [[routes.listRegionHolds, {}, undefined], [routes.assignRegionHold, { regionCode: MINZHU }, { heldCode: 'H21003001008' }]] as const) {
          const r = await t.call(route as RouteDef, input as never, { token, params: params as never });
          expect([route.path, r.status, errorBody.parse(r.body).code]).toEqual([route.path, 403, 'FORBIDDEN']);
        }
      }
      expect((await t.ds.query('SELECT assigned_code FROM region_code_hold WHERE held_code = ?', ['H21003001008']))[0].assigned_code).toBeNull();
    });
    it('A1: a hold that does not exist answers the same 404 as one that never did, for any well-formed id', async () => {
      const answers: [number, unknown][] = [];
      for (const held of ['H00000000000', 'H21003001099', 'H12345678901']) {
        const r = await assign(held, MINZHU);
        answers.push([r.status, r.body]);
      }
      expect(answers.every(([s, b]) => s === 404 && JSON.stringify(b) === JSON.stringify(answers[0][1]))).toBe(true);
    });
  });
});
