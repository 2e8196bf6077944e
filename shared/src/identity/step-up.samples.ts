import type { Sample } from '../route-sample';
import type { stepUpRoutes } from './step-up.schema';

// test-only: the smallest valid input of each step-up route
export const STEP_UP_SAMPLES: Record<keyof typeof stepUpRoutes, Sample> = {
  staffStepUp: { input: { password: 'x' } },
};
