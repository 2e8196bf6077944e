import type { RouteName } from '@jianban/shared';
import type { Reply, TestApp } from '../support/test-app';

// what the generic HTTP contract test (integration/contract.int-spec.ts) needs to know about each route.
// Each domain module keeps its own cases file; cases.ts merges them and the test fails on a route without one.
export interface ContractContext {
  t: TestApp;
  // tokens the generic tests use: a resident, and the district admin for staff routes
  resident: string;
  staff: string;
  pathOf(name: RouteName, params?: Record<string, string>): string;
  // sends each mass-assignment field (and all of them) through `send`; each must be a 400 naming exactly that key, DB unchanged
  // `declared`: attack fields the route really takes as input (skipped)
  expectRejectedEverywhere(send: (extra: Record<string, unknown>) => Promise<Reply<any>>, declared?: string[]): Promise<void>;
}

export interface ModuleContractCases {
  // path parameters that pass validation (the object need not exist)
  validParams?: Partial<Record<RouteName, Record<string, string>>>;
  // statuses a route may answer to input its schema accepts: the business outcome, never a crash
  okForValid: Partial<Record<RouteName, number[]>>;
  // for every route with a body: extra fields are rejected and nothing changes, then the clean input works
  massAssignment: Partial<Record<RouteName, (c: ContractContext) => Promise<void>>>;
}
