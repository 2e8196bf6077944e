import { describe, expect, it } from '@jest/globals';
import type { RegionView } from '@jianban/shared';
import { communitiesUnder } from '../src/features/regions/communities';

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
