export * from './cases.schema';
