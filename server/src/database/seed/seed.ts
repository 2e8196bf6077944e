import { createHash, randomUUID } from 'node:crypto';
import { hashPassword } from '../../identity/password-hash';
import { parseIdNumber, shanghaiDate } from '@jianban/shared';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../common/config';
import { PiiCipher } from '../../common/pii-cipher';
import { FamilyMemberEntity } from '../../identity/entities/family-member.entity';
import { FamilyProxyEntity } from '../../identity/entities/family-proxy.entity';
import { ResidentIdentityEntity } from '../../identity/entities/resident-identity.entity';
import { RegionEntity } from '../../identity/entities/region.entity';
import { ResidentAccountEntity } from '../../identity/entities/resident-account.entity';
import { StaffAccountEntity } from '../../identity/entities/staff-account.entity';
import { seedBookingReference } from '../../booking/booking.seed';
import { seedCatalogReference } from '../../catalog/catalog.seed';
import { seedServiceWords } from '../../catalog/search/service-words.seed';
import { DEMO_DAUGHTER, DEMO_ELDER, DEMO_RESIDENT, REGION_SEED, STAFF_SEED } from './regions';

// the local WeChat peer derives a stable openid from a nickname the same way
export function peerOpenidFor(user: string): string {
  return 'o' + createHash('sha256').update(`jianban-peer:${user}`).digest('base64url').slice(0, 27);
}

// upserts by code, so it must never run on a schema whose migrations are pending: before RegionCodes1764350000000 the
// codes 421003001… meant the placeholder 城南街道 and 梅村社区, and an upsert would rename them to 西城街道 and 通会桥社区
// with their families, staff and bookings still attached. Migrations first, then the seed.
export async function seedRegions(ds: DataSource): Promise<number> {
  if (await ds.showMigrations()) throw new Error('pending migrations: run them before seeding regions');
  const rows: RegionEntity[] = REGION_SEED.map((r, i) => ({ ...r, sortOrder: i }));
  await ds.getRepository(RegionEntity).upsert(rows, ['code']);
  return rows.length;
}

// reference data every installation needs (regions, then each module's own); idempotent
export async function seedReference(ds: DataSource): Promise<string[]> {
  const lines = [`${await seedRegions(ds)} regions`];
  const communities = await ds.getRepository(RegionEntity).find({ select: { code: true }, where: { level: 'community' }, order: { sortOrder: 'ASC' } });
  for (const seeder of [(d: DataSource) => seedCatalogReference(d), (d: DataSource) => seedBookingReference(d, communities.map((c) => c.code))]) {
    const line = await seeder(ds);
    if (line) lines.push(line);
  }
  const serviceWords = await seedServiceWords(ds);
  if (serviceWords) lines.push(serviceWords);
  return lines;
}

export interface DemoCredentials {
  staff: { username: string; password: string; role: string; region: string }[];
  residentDevUser: string;
}

// demo accounts are for development and tests only; config refuses SEED_DEMO in production
export async function seedDemo(ds: DataSource, config: AppConfig, staffPassword: string): Promise<DemoCredentials> {
  const now = new Date();
  // test runs log staff in thousands of times: a cheap hash there; development keeps argon2's defaults
  const hash = await hashPassword(config, staffPassword);
  const staffRepo = ds.getRepository(StaffAccountEntity);
  for (const s of STAFF_SEED) {
    const existing = await staffRepo.findOne({ where: { username: s.username } });
    await staffRepo.save({
      id: existing?.id ?? randomUUID(), ...s, passwordHash: hash, openidHash: existing?.openidHash ?? null, active: true,
      createdAt: existing?.createdAt ?? now, updatedAt: now,
    });
  }
  const counterStaff = await staffRepo.findOneOrFail({ where: { username: 'meicun' } });
  await seedDemoResident(ds, new PiiCipher(config), now, counterStaff.id);
  return {
    staff: STAFF_SEED.map((s) => ({ username: s.username, password: staffPassword, role: s.role, region: s.regionCode })),
    residentDevUser: DEMO_RESIDENT.peerUser,
  };
}

// The demo family as it would stand after one visit to 梅村's centre: the daughter's own identity and her acting for
// her father were checked at the counter by 梅村 staff (the H5 build has no face check), so a newcomer can apply for the
// allowance with no setup. Every other account verifies itself (face check, household match, counter or invitation).
async function seedDemoResident(ds: DataSource, cipher: PiiCipher, now: Date, counterStaffId: string) {
  const openid = peerOpenidFor(DEMO_RESIDENT.peerUser);
  const openidHash = cipher.blindIndex('openid', openid);
  const accounts = ds.getRepository(ResidentAccountEntity);
  if (await accounts.findOne({ where: { openidHash } })) return;
  const accountId = randomUUID();
  const parsed = parseIdNumber(DEMO_ELDER.idNumber, shanghaiDate(now));
  if (!parsed.ok) throw new Error('demo elder ID number is invalid');
  const daughter = parseIdNumber(DEMO_DAUGHTER.idNumber, shanghaiDate(now));
  if (!daughter.ok) throw new Error('demo daughter ID number is invalid');
  const memberId = randomUUID();
  await ds.transaction(async (tx) => {
    await tx.insert(ResidentAccountEntity, {
      id: accountId, openidHash, openidHashKv: cipher.blindIndexVersion, openidEnc: cipher.encrypt(openid), displayName: DEMO_RESIDENT.displayName, familyCount: 1, createdAt: now, updatedAt: now,
    });
    await tx.insert(FamilyMemberEntity, {
      id: memberId, accountId, name: DEMO_ELDER.name, idNumberEnc: cipher.encrypt(parsed.id.value),
      idNumberHash: cipher.blindIndex('id_number', parsed.id.value), idNumberHashKv: cipher.blindIndexVersion, birthDate: parsed.id.birthDate, gender: parsed.id.gender,
      relationship: DEMO_ELDER.relationship, communityCode: DEMO_ELDER.communityCode, createdAt: now, updatedAt: now,
    });
    await tx.insert(ResidentIdentityEntity, {
      accountId, name: DEMO_DAUGHTER.name, idNumberEnc: cipher.encrypt(daughter.id.value), idNumberHash: cipher.blindIndex('id_number', daughter.id.value), idNumberHashKv: cipher.blindIndexVersion,
      method: 'counter', verifiedByStaffId: counterStaffId, verifiedAt: now,
    });
    await tx.insert(FamilyProxyEntity, {
      familyMemberId: memberId, accountId, idNumberHash: cipher.blindIndex('id_number', parsed.id.value), idNumberHashKv: cipher.blindIndexVersion, state: 'verified', via: 'staff',
      verifiedByKind: 'staff', verifiedById: counterStaffId, verifiedAt: now, verifiedName: DEMO_ELDER.name, revokedAt: null, revokedBy: null, revokedById: null,
    });
  });
}
