import { describe, expect, it } from '@jest/globals';
import type { RegionView } from '@jianban/shared';
import { communitiesUnder, searchCommunities } from '../src/features/regions/communities';

const r = (code: string, level: RegionView['level'], parentCode: string | null): RegionView => ({ code, name: code, level, parentCode });
const TREE = [
  r('421003', 'district', null),
  r('421003001', 'street', '421003'),
  r('421003001001', 'community', '421003001'),
  r('421003001002', 'community', '421003001'),
  r('421003002', 'street', '421003'),
  r('421003002001', 'community', '421003002'),
  r('429999', 'district', null),
  r('429999001001', 'community', '429999'),
];

describe('communitiesUnder', () => {
  it('gives a street reviewer only the communities of their street', () => {
    expect(communitiesUnder(TREE, '421003001').map((c) => c.code)).toEqual(['421003001001', '421003001002']);
  });

  it('gives a district admin every community of the district and none of another', () => {
    expect(communitiesUnder(TREE, '421003').map((c) => c.code)).toEqual(['421003001001', '421003001002', '421003002001']);
  });

  it('gives community staff just their own community, and an unknown place nothing', () => {
    expect(communitiesUnder(TREE, '421003002001').map((c) => c.code)).toEqual(['421003002001']);
    expect(communitiesUnder(TREE, '000000')).toEqual([]);
  });
});

describe('searchCommunities', () => {
  const n = (code: string, name: string, level: RegionView['level'], parentCode: string | null): RegionView => ({ code, name, level, parentCode });
  const MAP = [
    n('421003', '荆州区', 'district', null),
    n('421003003', '城南街道', 'street', '421003'),
    n('421003003003', '梅村社区', 'community', '421003003'),
    n('421003003200', '新红村', 'community', '421003003'),
    n('421003003201', '红光村', 'community', '421003003'),
    n('421003106', '郢城镇', 'street', '421003'),
    n('421003106202', '太晖村', 'community', '421003106'),
    n('421003106203', '红星村', 'community', '421003106'),
    n('421003451', '菱角湖管理区', 'street', '421003'),
    n('421003451401', '南湖社区', 'community', '421003451'),
  ];
  const found = (q: string, limit?: number) => searchCommunities(MAP, q, limit).map((m) => `${m.community.name}（${m.street.name}）`);

  it('finds a community or village by part of its name, with its street or town', () => {
    expect(found('梅村')).toEqual(['梅村社区（城南街道）']);
    expect(found(' 太晖 ')).toEqual(['太晖村（郢城镇）']);
    expect(found('南湖社区')).toEqual(['南湖社区（菱角湖管理区）']);
  });

  it('accepts the official committee name and puts names that start with the words first', () => {
    expect(found('梅村社区居民委员会')).toEqual(['梅村社区（城南街道）']);
    expect(found('太晖村村委会')).toEqual(['太晖村（郢城镇）']);
    expect(found('红')).toEqual(['红光村（城南街道）', '红星村（郢城镇）', '新红村（城南街道）']);
    expect(found('村')).toEqual(['梅村社区（城南街道）', '新红村（城南街道）', '红光村（城南街道）', '太晖村（郢城镇）', '红星村（郢城镇）']);
  });

  it('lists a town\'s villages when the town is typed, stops at the limit, and finds nothing for nothing', () => {
    expect(found('郢城')).toEqual(['太晖村（郢城镇）', '红星村（郢城镇）']);
    expect(found('村', 2)).toHaveLength(2);
    expect(found('')).toEqual([]);
    expect(found('   ')).toEqual([]);
    expect(found('北京')).toEqual([]);
  });
});
