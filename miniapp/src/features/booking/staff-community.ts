import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RegionView } from '@jianban/shared';
import { useSession } from '../../services/session';
import { useRegions } from '../family/hooks';
import { communitiesUnder } from '../regions/communities';

const KEY = 'jb.staffBookingCommunity';

/**
 * The community whose desk a staff member works at: their own for community staff; street and district staff
 * pick one of theirs (remembered; ?code=… in the URL wins).
 */
export interface StaffCommunity {
  community: RegionView | null;
  choices: RegionView[];
  loading: boolean;
  pick: (code: string | null) => void;
  isStaff: boolean;
}

export function useStaffCommunity(): StaffCommunity {
  const { me } = useSession();
  const regions = useRegions();
  const asked = Taro.getCurrentInstance().router?.params?.code;
  const [picked, setPicked] = useState<string | null>(() => {
    try {
      const v = Taro.getStorageSync(KEY);
      return typeof v === 'string' && v ? v : null;
    } catch {
      return null;
    }
  });
  if (me?.kind !== 'staff') return { community: null, choices: [], loading: false, pick: () => undefined, isStaff: false };
  if (me.region.level === 'community') return { community: me.region, choices: [me.region], loading: false, pick: () => undefined, isStaff: true };
  const choices = communitiesUnder(regions.data?.items ?? [], me.region.code);
  const community = choices.find((c) => c.code === asked) ?? choices.find((c) => c.code === picked) ?? null;
  const pick = (code: string | null) => {
    setPicked(code);
    try {
      if (code) Taro.setStorageSync(KEY, code);
      else Taro.removeStorageSync(KEY);
    } catch {
      // not remembered
    }
  };
  return { community, choices, loading: regions.isPending, pick, isStaff: true };
}
