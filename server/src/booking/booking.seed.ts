import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { exampleSettings } from './calendar/calendar.service';
import { BookingSettingsEntity } from './entities/booking-settings.entity';
import { ServiceItemEntity } from './entities/service-item.entity';

const ID = ['居民身份证原件'];
const HOUSEHOLD = ['居民身份证原件', '居民户口簿原件'];

/**
 * Service items every community centre starts with: the certificates a 村(居)委会 SHOULD still issue (certificate
 * catalog codes IS-xx, names as in the catalog) plus common services. Durations and materials are EXAMPLES for staff to
 * adjust (the catalog marks most materials as inferred).
 */
// IS-02…IS-04 and IS-06…IS-10 are other places' examples of what a community still issues (their catalog origin is
// other_place): 荆州区 has not adopted them, so they start switched off; community staff switch one on (预约设置 → 办理事项)
// once the district adopts the catalog item.
const OTHER_PLACE_EXAMPLES = new Set(['IS-02', 'IS-03', 'IS-04', 'IS-06', 'IS-07', 'IS-08', 'IS-09', 'IS-10']);

export const SEED_SERVICE_ITEMS: { key: string; name: string; minutes: number; materials: string[]; catalogCode: string | null }[] = [
  { key: 'IS-01', name: '收养人婚姻、子女与抚养能力情况证明', minutes: 30, materials: ['收养人居民户口簿和居民身份证'], catalogCode: 'IS-01' },
  { key: 'IS-02', name: '在职党员到居住地报到情况反馈', minutes: 15, materials: ID, catalogCode: 'IS-02' },
  { key: 'IS-03', name: '入党外调政审等发展党员证明', minutes: 30, materials: ID, catalogCode: 'IS-03' },
  { key: 'IS-04', name: '学生参加活动情况反馈证明', minutes: 15, materials: ID, catalogCode: 'IS-04' },
  { key: 'IS-05', name: '其他依法依规需要出具的证明', minutes: 30, materials: ID, catalogCode: 'IS-05' },
  { key: 'IS-06', name: '农村土地承包经营权变更事项证明', minutes: 30, materials: HOUSEHOLD, catalogCode: 'IS-06' },
  { key: 'IS-07', name: '婚姻登记档案丢失的婚姻状况证明', minutes: 30, materials: HOUSEHOLD, catalogCode: 'IS-07' },
  { key: 'IS-08', name: '居(租)住证明', minutes: 20, materials: [...HOUSEHOLD, '房产证或租赁合同'], catalogCode: 'IS-08' },
  { key: 'IS-09', name: '权属来源证明', minutes: 30, materials: [...HOUSEHOLD, '相关权属材料'], catalogCode: 'IS-09' },
  { key: 'IS-10', name: '贫困学生证明', minutes: 20, materials: [...HOUSEHOLD, '学生证或录取通知书'], catalogCode: 'IS-10' },
  { key: 'elderly-allowance', name: '高龄津贴申请咨询', minutes: 20, materials: ['老人居民身份证原件', '居民户口簿原件', '老人本人银行卡或存折', '代办人居民身份证（代办时）'], catalogCode: null },
  { key: 'residence-proof', name: '居住证明', minutes: 20, materials: [...HOUSEHOLD, '房产证或租赁合同'], catalogCode: null },
  { key: 'medical-insurance', name: '医保参保', minutes: 20, materials: HOUSEHOLD, catalogCode: null },
  { key: 'dibao', name: '低保咨询', minutes: 30, materials: [...HOUSEHOLD, '家庭收入情况说明'], catalogCode: null },
  { key: 'other', name: '其他', minutes: 20, materials: ID, catalogCode: null },
];

// the booking module's reference data (not demo data): runs on every seed, so it must be idempotent — it only adds
// what is missing and never overwrites what staff configured. 167 communities: read what exists in two queries and
// insert the rest in batches (INSERT … IGNORE: a concurrent seed may have inserted a row meanwhile).
// communityCodes: every community, in the region seed's order (identity owns the regions; the seed passes them in)
export async function seedBookingReference(ds: DataSource, communityCodes: string[]): Promise<string | null> {
  const communities = communityCodes.map((code) => ({ code }));
  const now = new Date();
  const hasSettings = new Set((await ds.getRepository(BookingSettingsEntity).find({ select: { communityCode: true } })).map((s) => s.communityCode));
  const hasItem = new Set(
    (await ds.getRepository(ServiceItemEntity).find({ select: { communityCode: true, seedKey: true } })).map((i) => `${i.communityCode} ${i.seedKey}`),
  );
  const settings = communities.filter((c) => !hasSettings.has(c.code)).map((c) => exampleSettings(c.code, now));
  const items = communities.flatMap((c) =>
    SEED_SERVICE_ITEMS.map((s, i) => ({ s, i }))
      .filter(({ s }) => !hasItem.has(`${c.code} ${s.key}`))
      .map(({ s, i }) => ({
        id: randomUUID(), communityCode: c.code, name: s.name, description: null, durationMinutes: s.minutes,
        materialsJson: JSON.stringify(s.materials), catalogCode: s.catalogCode, active: !OTHER_PLACE_EXAMPLES.has(s.key), sortOrder: (i + 1) * 10,
        seedKey: s.key, createdAt: now, updatedAt: now,
      })),
  );
  const added = { settings: 0, items: 0 };
  await ds.transaction(async (tx) => {
    for (let i = 0; i < settings.length; i += 100) {
      const r = await tx.createQueryBuilder().insert().into(BookingSettingsEntity).values(settings.slice(i, i + 100)).orIgnore().execute();
      added.settings += affected(r.raw, settings.slice(i, i + 100).length);
    }
    for (let i = 0; i < items.length; i += 100) {
      const r = await tx.createQueryBuilder().insert().into(ServiceItemEntity).values(items.slice(i, i + 100)).orIgnore().execute();
      added.items += affected(r.raw, items.slice(i, i + 100).length);
    }
  });
  return added.settings || added.items ? `booking: ${added.settings} community settings, ${added.items} service items` : null;
}

// rows an INSERT IGNORE really added: mysql2 reports affectedRows; better-sqlite3's raw result carries `changes` (else: the batch)
function affected(raw: unknown, batch: number): number {
  const r = raw as { affectedRows?: number; changes?: number } | undefined;
  return r?.affectedRows ?? r?.changes ?? batch;
}
