import type { Sample } from '../route-sample';
import type { bookingRoutes } from './booking.routes';

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const BOOKING_SAMPLES: Record<keyof typeof bookingRoutes, Sample> = {};
