import type { Sample } from '../route-sample';
import type { catalogRoutes } from './catalog.routes';

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const CATALOG_SAMPLES: Record<keyof typeof catalogRoutes, Sample> = {};
