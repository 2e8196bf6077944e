import type { ModuleContractCases } from './contract-cases';

// contract cases of the booking module's routes (see contract-cases.ts)
export const BOOKING_CASES: ModuleContractCases = {
  okForValid: {},
  massAssignment: {},
};
