// the booking module's TypeORM entities; registered in database/entities.ts
export const BOOKING_ENTITIES: Function[] = [];
