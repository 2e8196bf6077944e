export * from './allowance.errors';
export * from './allowance.consent';
export * from './allowance.schema';
export * from './allowance.routes';
export * from './allowance.rules';
export * from './ledger.errors';
export * from './ledger.schema';
export * from './ledger.routes';
