import type { ModuleContractCases } from './contract-cases';

const ID = '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b';

// contract cases of the payments view and district figures (issue 12 items 6 and 7); GET routes, no body
export const PAYVIEW_CASES: ModuleContractCases = {
  validParams: {
    familyPayments: { id: ID },
  },
  okForValid: {
    familyPayments: [200, 404],
    districtPayFigures: [200, 400],
    exportDistrictPayFigures: [200, 400],
  },
  massAssignment: {},
};
