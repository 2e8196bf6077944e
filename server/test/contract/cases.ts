import type { RouteName } from '@jianban/shared';
import { BOOKING_CASES } from './booking.cases';
import { CATALOG_CASES } from './catalog.cases';
import { CIVIL_AFFAIRS_CASES } from './civil-affairs.cases';
import type { ContractContext, ModuleContractCases } from './contract-cases';
import { IDENTITY_CASES } from './identity.cases';
import { NOTIFICATIONS_CASES } from './notifications.cases';
import { PROXIES_CASES } from './proxies.cases';
import { ALLOWANCE_CASES } from './allowance.cases';
import { LEDGER_CASES } from './ledger.cases';
import { PAYVIEW_CASES } from './payview.cases';

const MODULES: ModuleContractCases[] = [IDENTITY_CASES, CATALOG_CASES, NOTIFICATIONS_CASES, BOOKING_CASES, PROXIES_CASES, ALLOWANCE_CASES, CIVIL_AFFAIRS_CASES];
MODULES.push(LEDGER_CASES); // issue 12's ledger
MODULES.push(PAYVIEW_CASES); // issue 12's payments view and figures (one line per later module keeps merges trivial)

export const VALID_PARAMS: Partial<Record<RouteName, Record<string, string>>> = Object.assign({}, ...MODULES.map((m) => m.validParams ?? {}));
export const OK_FOR_VALID: Partial<Record<RouteName, number[]>> = Object.assign({}, ...MODULES.map((m) => m.okForValid));
export const MASS_ASSIGNMENT: Partial<Record<RouteName, (c: ContractContext) => Promise<void>>> = Object.assign({}, ...MODULES.map((m) => m.massAssignment));
export type { ContractContext };
