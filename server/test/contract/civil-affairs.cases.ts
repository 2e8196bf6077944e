import type { ModuleContractCases } from './contract-cases';

// the registry-import routes (district admin): both are reads, so no mass-assignment cases
export const CIVIL_AFFAIRS_CASES: ModuleContractCases = {
  validParams: { registryImportReport: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
  okForValid: {
    registryImports: [200],
    // 404: a well-formed id of no import
    registryImportReport: [200, 404],
  },
  massAssignment: {},
};
