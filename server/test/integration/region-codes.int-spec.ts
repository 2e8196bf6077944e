import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { REGION_CODE_COLUMNS } from '../../src/database/migrations/1764350000000-RegionCodes';
import { seedReference, seedRegions } from '../../src/database/seed/seed';
import { BookingEntity } from '../../src/booking/entities/booking.entity';
import { BookingSettingsEntity } from '../../src/booking/entities/booking-settings.entity';
import { ClosureEntity } from '../../src/booking/entities/closure.entity';
import { ServiceItemEntity } from '../../src/booking/entities/service-item.entity';
import { SlotEntity } from '../../src/booking/entities/slot.entity';
import { CatalogDemandReportEntity, CatalogItemEntity, CatalogItemVersionEntity } from '../../src/catalog/entities/catalog.entity';
import { FamilyMemberEntity } from '../../src/identity/entities/family-member.entity';
import { RegionEntity } from '../../src/identity/entities/region.entity';
import { ResidentAccountEntity } from '../../src/identity/entities/resident-account.entity';
import { StaffAccountEntity } from '../../src/identity/entities/staff-account.entity';
import { describeEngines } from '../support/describe-engines';
import { insertRow } from '../support/entity-rows';
import { undoThrough } from '../support/migrations';
import { createDatabase, type TestDatabase } from '../support/test-app';

// the tree the seed wrote before the official codes (server/src/database/seed/regions.ts until RegionCodes1764350000000)
const PLACEHOLDER_TREE = [
  ['421003', '荆州区', 'district', null],
  ['421003001', '城南街道', 'street', '421003'],
  ['421003001001', '梅村社区', 'community', '421003001'],
  ['421003001002', '荆南社区', 'community', '421003001'],
  ['421003001003', '南湖社区', 'community', '421003001'],
  ['421003002', '西城街道', 'street', '421003'],
  ['421003002001', '西门社区', 'community', '421003002'],
  ['421003002002', '太晖社区', 'community', '421003002'],
  ['421003003', '东城街道', 'street', '421003'],
  ['421003003001', '东门社区', 'community', '421003003'],
] as const;
const OLD = { meicun: '421003001001', jingnan: '421003001002', ximen: '421003002001', dongmen: '421003003001', chengnan: '421003001', xicheng: '421003002', district: '421003' };
const NEW = { meicun: '421003003003', dongmen: '421003002004', chengnan: '421003003', xicheng: '421003001', district: '421003' };

describeEngines('moving the placeholder region codes to the official ones on %s', (engine) => {
  let ds: DataSource;
  let db: TestDatabase;
  const ids: Record<string, string> = {};
  const countsBefore: Record<string, number> = {};

  const count = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${ds.driver.escape(table)}`))[0].n);
  const insert = async <T extends ObjectLiteral>(entity: EntityTarget<T>, key: string, over: Partial<T>) => {
    ids[key] = await insertRow(ds, entity, over);
  };

  beforeAll(async () => {
    db = await createDatabase(engine);
    ds = await createDataSource(loadConfig({ NODE_ENV: 'test', ...db.env }).db).initialize();
    await ds.runMigrations({ transaction: 'each' });
    // back to the schema before the move, then the data an installation had under the placeholder codes
    // back past the migrations that came after the move (they run again with it below), then the move itself
    await undoThrough(ds, 'RegionCodes1764350000000');
    await ds.getRepository(RegionEntity).insert(PLACEHOLDER_TREE.map(([code, name, level, parentCode], i) => ({ code, name, level, parentCode, sortOrder: i })));

    await insert(StaffAccountEntity, 'staffMeicun', { username: 'meicun', regionCode: OLD.meicun, role: 'community_staff' });
    await insert(StaffAccountEntity, 'staffXimen', { username: 'ximen', regionCode: OLD.ximen, role: 'community_staff' });
    await insert(StaffAccountEntity, 'staffDongmen', { username: 'dongmen', regionCode: OLD.dongmen, role: 'community_staff' });
    await insert(StaffAccountEntity, 'staffChengnan', { username: 'chengnan', regionCode: OLD.chengnan, role: 'street_reviewer' });
    await insert(StaffAccountEntity, 'staffXicheng', { username: 'xicheng', regionCode: OLD.xicheng, role: 'street_reviewer' });
    await insert(StaffAccountEntity, 'staffDistrict', { username: 'district', regionCode: OLD.district, role: 'district_admin' });
    await insert(ResidentAccountEntity, 'account', {});
    for (const [key, code] of [['memberMeicun', OLD.meicun], ['memberMeicun2', OLD.meicun], ['memberDongmen', OLD.dongmen], ['memberJingnan', OLD.jingnan]] as const) {
      await insert(FamilyMemberEntity, key, { accountId: ids.account, communityCode: code });
    }
    for (const [key, code] of [['Meicun', OLD.meicun], ['Ximen', OLD.ximen], ['Dongmen', OLD.dongmen]] as const) {
      await insert(BookingSettingsEntity, `settings${key}`, { communityCode: code }); // only the columns it had then (the centre's contact came later)
      await insert(ServiceItemEntity, `item${key}`, { communityCode: code, seedKey: 'other', catalogCode: `C${code}-01` });
      await insert(SlotEntity, `slot${key}`, { communityCode: code, date: '2026-11-20', startTime: '09:00' });
      await insert(ClosureEntity, `closure${key}`, { communityCode: code, date: '2026-11-21' });
      await insert(CatalogItemEntity, `catalog${key}`, { owner: code, code: `C${code}-01`, name: `${key}证明`, list: 'issue' });
      await insert(CatalogItemVersionEntity, `version${key}`, { itemId: ids[`catalog${key}`], version: 1 });
      await insert(CatalogDemandReportEntity, `report${key}`, { communityCode: code, itemCode: `C${code}-01` });
      await insert(BookingEntity, `booking${key}`, {
        accountId: ids.account, communityCode: code, serviceItemId: ids[`item${key}`], slotId: ids[`slot${key}`], familyMemberId: ids.memberMeicun,
        date: '2026-11-20', startTime: '09:00', activeKey: null,
      });
    }
    await insert(CatalogItemEntity, 'catalogDistrict', { owner: 'district', code: 'NI-10', name: '区级事项', list: 'issue' });
    await insert(CatalogDemandReportEntity, 'reportNone', { communityCode: null, itemCode: 'NI-10' });
    for (const t of new Set([...REGION_CODE_COLUMNS.map((c) => c.table), 'region', 'catalog_item_version', 'resident_account'])) countsBefore[t] = await count(t);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('refuses to seed the official regions over a schema whose migrations are pending (negative control for the order)', async () => {
    await expect(seedRegions(ds)).rejects.toThrow(/pending migrations/);
    expect((await ds.getRepository(RegionEntity).findOneByOrFail({ code: '421003001' })).name).toBe('城南街道');
  });

  it('moves every mapped row to its official code and holds the rest, losing none', async () => {
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(false);

    for (const [t, n] of Object.entries(countsBefore)) if (t !== 'region') expect([t, await count(t)]).toEqual([t, n]);
    const code = async (entity: EntityTarget<ObjectLiteral>, key: string, column = 'communityCode') =>
      (await ds.getRepository(entity).findOneByOrFail({ id: ids[key] }))[column];

    expect(await code(StaffAccountEntity, 'staffMeicun', 'regionCode')).toBe(NEW.meicun);
    expect(await code(StaffAccountEntity, 'staffDongmen', 'regionCode')).toBe(NEW.dongmen);
    expect(await code(StaffAccountEntity, 'staffChengnan', 'regionCode')).toBe(NEW.chengnan);
    expect(await code(StaffAccountEntity, 'staffXicheng', 'regionCode')).toBe(NEW.xicheng);
    expect(await code(StaffAccountEntity, 'staffDistrict', 'regionCode')).toBe(NEW.district);
    expect(await code(StaffAccountEntity, 'staffXimen', 'regionCode')).toBe('H21003002001');
    expect(await code(FamilyMemberEntity, 'memberMeicun')).toBe(NEW.meicun);
    expect(await code(FamilyMemberEntity, 'memberMeicun2')).toBe(NEW.meicun);
    expect(await code(FamilyMemberEntity, 'memberDongmen')).toBe(NEW.dongmen);
    expect(await code(FamilyMemberEntity, 'memberJingnan')).toBe('H21003001002');

    for (const [key, to, itemCode] of [['Meicun', NEW.meicun, `C${NEW.meicun}-01`], ['Dongmen', NEW.dongmen, `C${NEW.dongmen}-01`], ['Ximen', 'H21003002001', `C${OLD.ximen}-01`]]) {
      expect([key, await code(BookingEntity, `booking${key}`), await code(SlotEntity, `slot${key}`), await code(ClosureEntity, `closure${key}`), await code(ServiceItemEntity, `item${key}`)])
        .toEqual([key, to, to, to, to]);
      expect(await ds.getRepository(BookingSettingsEntity).findOneBy({ communityCode: to })).not.toBeNull();
      // the references between rows hold: the booking's slot and item are the moved ones, the item's catalog link followed
      const booking = await ds.getRepository(BookingEntity).findOneByOrFail({ id: ids[`booking${key}`] });
      expect([booking.slotId, booking.serviceItemId, booking.familyMemberId]).toEqual([ids[`slot${key}`], ids[`item${key}`], ids.memberMeicun]);
      const item = await ds.getRepository(CatalogItemEntity).findOneByOrFail({ id: ids[`catalog${key}`] });
      expect([item.owner, item.code]).toEqual([to, itemCode]);
      expect(await code(ServiceItemEntity, `item${key}`, 'catalogCode')).toBe(itemCode);
      expect(await code(CatalogDemandReportEntity, `report${key}`, 'itemCode')).toBe(itemCode);
      expect(await code(CatalogDemandReportEntity, `report${key}`)).toBe(to);
      expect((await ds.getRepository(CatalogItemVersionEntity).findOneByOrFail({ id: ids[`version${key}`] })).itemId).toBe(item.id);
    }
    expect(await code(CatalogItemEntity, 'catalogDistrict', 'owner')).toBe('district');
    expect(await code(CatalogDemandReportEntity, 'reportNone')).toBeNull();
    for (const old of [OLD.meicun, OLD.ximen, OLD.dongmen, OLD.jingnan]) {
      for (const { table, column } of REGION_CODE_COLUMNS) {
        const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM ${ds.driver.escape(table)} WHERE ${ds.driver.escape(column)} = ?`, [old]);
        expect([table, old, Number(n)]).toEqual([table, old, 0]);
      }
    }
  });

  it('lists the rows it could not map, with the placeholder name, for the district admin', async () => {
    const held = await ds.query(`SELECT held_code, old_code, old_name, old_parent_name, rows_json, assigned_code FROM region_code_hold ORDER BY held_code`);
    expect(held.map((h: Record<string, unknown>) => ({ ...h, rows_json: JSON.parse(String(h.rows_json)) }))).toEqual([
      { held_code: 'H21003001002', old_code: OLD.jingnan, old_name: '荆南社区', old_parent_name: '城南街道', rows_json: { family_member: 1 }, assigned_code: null },
      {
        held_code: 'H21003002001', old_code: OLD.ximen, old_name: '西门社区', old_parent_name: '西城街道', assigned_code: null,
        rows_json: { staff_account: 1, booking: 1, booking_slot: 1, booking_closure: 1, booking_service_item: 1, booking_settings: 1, catalog_item: 1, catalog_demand_report: 1 },
      },
    ]);
  });

  it('keeps 梅村 in 城南 when the seed then writes the official map over it', async () => {
    await seedReference(ds);
    const regions = ds.getRepository(RegionEntity);
    expect(await regions.count()).toBe(181);
    expect(await regions.count({ where: { level: 'community' } })).toBe(167);
    expect(await regions.findOneByOrFail({ code: NEW.meicun })).toMatchObject({ name: '梅村社区', parentCode: NEW.chengnan });
    expect(await regions.findOneByOrFail({ code: NEW.chengnan })).toMatchObject({ name: '城南街道', level: 'street' });
    expect(await regions.findOneByOrFail({ code: '421003001' })).toMatchObject({ name: '西城街道' });
    expect(await regions.findOneByOrFail({ code: '421003001001' })).toMatchObject({ name: '通会桥社区', parentCode: '421003001' });
    const members = await ds.getRepository(FamilyMemberEntity).findBy({ communityCode: NEW.meicun });
    expect(members.map((m) => m.id).sort()).toEqual([ids.memberMeicun, ids.memberMeicun2].sort());
    expect(await ds.getRepository(FamilyMemberEntity).countBy({ communityCode: '421003001001' })).toBe(0);
    expect(await ds.getRepository(BookingEntity).countBy({ communityCode: '421003001001' })).toBe(0);
    // no held marker is a region: the held rows stay held until the district admin assigns them
    expect(await regions.count({ where: { code: 'H21003002001' } })).toBe(0);
  });
});

describeEngines('the region-code move on a new database (%s)', (engine) => {
  it('creates the hold table, holds nothing and leaves the official seed alone', async () => {
    const db = await createDatabase(engine);
    const ds = await createDataSource(loadConfig({ NODE_ENV: 'test', ...db.env }).db).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      await seedReference(ds);
      expect(Number((await ds.query('SELECT COUNT(*) AS n FROM region_code_hold'))[0].n)).toBe(0);
      expect(await ds.getRepository(RegionEntity).findOneByOrFail({ code: '421003003003' })).toMatchObject({ name: '梅村社区', level: 'community', parentCode: '421003003' });
      // a village is a place a family belongs to, too
      expect(await ds.getRepository(RegionEntity).findOneByOrFail({ code: '421003003201' })).toMatchObject({ name: '红光村', level: 'community' });
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
