// the catalog module's TypeORM entities; registered in database/entities.ts
export const CATALOG_ENTITIES: Function[] = [];
