export * from './notifications.errors';
export * from './notifications.schema';
export * from './notifications.routes';
