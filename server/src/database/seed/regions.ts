import { JINGZHOU_DIVISIONS_CSV } from './jingzhou-divisions';

export interface RegionSeedRow {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community';
  parentCode: string | null;
}

// the name residents know: 梅村社区居民委员会 → 梅村社区, 红光村村民委员会 → 红光村
export function plainDivisionName(official: string): string {
  return official.replace(/(居民委员会|村民委员会)$/, '');
}

// the region tree of 荆州区 from the official statistical codes (jingzhou-divisions.ts). Villages (村民委员会) and the
// farm units are stored at level 'community': each is the place a family belongs to and the centre that serves it.
export function parseDivisions(csv: string): RegionSeedRow[] {
  const lines = csv.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines[0] !== 'code,name,level,parent_code') throw new Error(`unexpected divisions header: ${lines[0]}`);
  return lines.slice(1).map((line) => {
    const [code, name, level, parent] = line.split(',');
    if (!/^421003(\d{3}){0,2}$/.test(code) || !name) throw new Error(`bad division row: ${line}`);
    const kind = level === 'village' ? 'community' : level;
    if (kind !== 'district' && kind !== 'street' && kind !== 'community') throw new Error(`bad division level: ${line}`);
    return { code, name: plainDivisionName(name), level: kind, parentCode: kind === 'district' ? null : parent };
  });
}

export const REGION_SEED: readonly RegionSeedRow[] = parseDivisions(JINGZHOU_DIVISIONS_CSV);

export const STAFF_SEED = [
  { username: 'meicun', displayName: '梅村社区 李敏', role: 'community_staff', regionCode: '421003003003' },
  { username: 'dongmen', displayName: '东门社区 张华', role: 'community_staff', regionCode: '421003002004' },
  { username: 'chengnan', displayName: '城南街道 刘芳', role: 'street_reviewer', regionCode: '421003003' },
  { username: 'district', displayName: '荆州区民政局 陈刚', role: 'district_admin', regionCode: '421003' },
] as const;

// the demo family: a daughter acting for Mr Wang (synthetic ID number with a valid check digit)
export const DEMO_RESIDENT = { peerUser: 'demo', displayName: '王女士（演示）' };
export const DEMO_ELDER = { name: '王建国', idNumber: '42100319400315001X', relationship: 'parent', communityCode: '421003003003' } as const;
// his daughter, the demo account's resident: in his household in the demo civil-affairs registry (synthetic ID number)
export const DEMO_DAUGHTER = { name: '王丽', idNumber: '421003196807020025', birthDate: '1968-07-02', sex: 'female' } as const;
