export * from './catalog.errors';
export * from './catalog.schema';
export * from './catalog.routes';
export * from './service-words.schema';
export * from './service-words.routes';
export * from './department.schema';
