export * from './civil-affairs.schema';
export * from './civil-affairs.routes';
export * from './civil-affairs.errors';
