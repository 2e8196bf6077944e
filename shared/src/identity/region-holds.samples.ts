import type { Sample } from '../route-sample';
import type { regionHoldRoutes } from './region-holds.schema';

// test-only: the smallest valid input of each held-region-code route
export const REGION_HOLD_SAMPLES: Record<keyof typeof regionHoldRoutes, Sample> = {
  listRegionHolds: { input: {} },
  assignRegionHold: { input: { regionCode: '421003003003' }, params: { heldCode: 'H21003001002' } },
};
