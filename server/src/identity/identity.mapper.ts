import { ageOn, maskIdNumber, type FamilyMemberView, type MeView, type ProxyVerificationView, type RegionView } from '@jianban/shared';
import type { z } from 'zod';
import type { elderView } from '@jianban/shared';
import type { FamilyMemberEntity } from './entities/family-member.entity';
import type { FamilyProxyEntity } from './entities/family-proxy.entity';
import type { RegionEntity } from './entities/region.entity';
import type { ResidentAccountEntity } from './entities/resident-account.entity';
import type { StaffAccountEntity } from './entities/staff-account.entity';

export function toRegionView(r: RegionEntity): RegionView {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode };
}

// a family member whose community code was retired from the region tree still lists, marked as such
export function missingRegionView(code: string): RegionView {
  return { code, name: '（社区已调整，请重新选择）', level: 'community', parentCode: null };
}

export type ElderExtras = Pick<z.infer<typeof elderView>, 'name' | 'nameSource' | 'proxies'>;

export function toElderView(f: FamilyMemberEntity, idNumber: string, community: RegionView, today: string, extras: ElderExtras): z.infer<typeof elderView> {
  return { id: f.id, ...extras, idNumberMasked: maskIdNumber(idNumber), gender: f.gender, age: ageOn(f.birthDate, today), community };
}

export function toResidentMe(a: ResidentAccountEntity): MeView {
  return { kind: 'resident', id: a.id, displayName: a.displayName };
}

export function toStaffMe(s: StaffAccountEntity, region: RegionEntity): MeView {
  return {
    kind: 'staff', id: s.id, displayName: s.displayName, username: s.username, role: s.role, region: toRegionView(region),
    mustChangePassword: s.mustChangePassword,
  };
}

// no row (or a row for the person the family member stood for before an edit): unverified
export function toProxyVerification(f: Pick<FamilyMemberEntity, 'idNumberHash'>, p: FamilyProxyEntity | undefined): ProxyVerificationView {
  if (!p || p.idNumberHash !== f.idNumberHash) return { state: 'unverified', via: null, verifiedAt: null };
  return { state: p.state, via: p.via, verifiedAt: p.verifiedAt ? new Date(p.verifiedAt).toISOString() : null };
}

export function toFamilyMemberView(f: FamilyMemberEntity, idNumber: string, community: RegionView, today: string, proxy?: FamilyProxyEntity): FamilyMemberView {
  return {
    id: f.id,
    name: f.name,
    idNumberMasked: maskIdNumber(idNumber),
    relationship: f.relationship as FamilyMemberView['relationship'],
    gender: f.gender,
    birthDate: f.birthDate,
    age: ageOn(f.birthDate, today),
    community,
    createdAt: new Date(f.createdAt).toISOString(),
    verification: toProxyVerification(f, proxy),
  };
}
