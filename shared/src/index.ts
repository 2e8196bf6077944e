export * from './errors';
export * from './id-number';
export * from './phone';
export * from './dates';
export * from './route';
export * from './routes';
export * from './identity/identity.schema';
export * from './system/system.schema';
