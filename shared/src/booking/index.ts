export * from './booking.errors';
export * from './booking.schema';
export * from './booking.routes';
export * from './statutory-lines';
