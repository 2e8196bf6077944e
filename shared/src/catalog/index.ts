export * from './catalog.errors';
export * from './catalog.schema';
export * from './catalog.routes';
export * from './department.schema';
