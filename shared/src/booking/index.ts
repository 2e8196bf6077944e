export * from './booking.errors';
export * from './booking.schema';
export * from './booking.routes';
