// region tree of 荆州区 (GB/T 2260 code 421003). Street and community codes below the district are
// placeholders in the 12-digit statistical-code shape, not verified official codes: replace them with the
// district's own list (see the README's configuration section). Only 城南街道 梅村社区 is named in the reform article.
export const REGION_SEED = [
  { code: '421003', name: '荆州区', level: 'district', parentCode: null },
  { code: '421003001', name: '城南街道', level: 'street', parentCode: '421003' },
  { code: '421003001001', name: '梅村社区', level: 'community', parentCode: '421003001' },
  { code: '421003001002', name: '荆南社区', level: 'community', parentCode: '421003001' },
  { code: '421003001003', name: '南湖社区', level: 'community', parentCode: '421003001' },
  { code: '421003002', name: '西城街道', level: 'street', parentCode: '421003' },
  { code: '421003002001', name: '西门社区', level: 'community', parentCode: '421003002' },
  { code: '421003002002', name: '太晖社区', level: 'community', parentCode: '421003002' },
  { code: '421003003', name: '东城街道', level: 'street', parentCode: '421003' },
  { code: '421003003001', name: '东门社区', level: 'community', parentCode: '421003003' },
] as const;

export const STAFF_SEED = [
  { username: 'meicun', displayName: '梅村社区 李敏', role: 'community_staff', regionCode: '421003001001' },
  { username: 'ximen', displayName: '西门社区 张华', role: 'community_staff', regionCode: '421003002001' },
  { username: 'chengnan', displayName: '城南街道 刘芳', role: 'street_reviewer', regionCode: '421003001' },
  { username: 'district', displayName: '荆州区民政局 陈刚', role: 'district_admin', regionCode: '421003' },
] as const;

// the demo family: a daughter acting for Mr Wang (synthetic ID number with a valid check digit)
export const DEMO_RESIDENT = { peerUser: 'demo', displayName: '王女士（演示）' };
export const DEMO_ELDER = { name: '王建国', idNumber: '42100319400315001X', relationship: 'parent', communityCode: '421003001001' } as const;
