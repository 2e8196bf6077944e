import type { ModuleContractCases } from './contract-cases';

// contract cases of the catalog module's routes (see contract-cases.ts)
export const CATALOG_CASES: ModuleContractCases = {
  okForValid: {},
  massAssignment: {},
};
