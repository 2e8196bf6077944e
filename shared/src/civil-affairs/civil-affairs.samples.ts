import type { Sample } from '../route-sample';
import type { civilAffairsRoutes } from './civil-affairs.routes';

// test-only: a valid sample for every route of this module (routes.spec.ts fails on a route without one)
export const CIVIL_AFFAIRS_SAMPLES: Record<keyof typeof civilAffairsRoutes, Sample> = {
  registryImports: { input: {} },
  registryImportReport: { input: {}, params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
  uploadRegistryImport: { input: { kind: 'roster', fileName: '户籍名单.csv', base64: '6Lqr5Lu96K+B5Y+3' } },
  approveRegistryImport: { input: {}, params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
};
