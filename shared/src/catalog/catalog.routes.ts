// routes of the catalog module; spread into the route table in ../routes.ts
export const catalogRoutes = {} as const;
