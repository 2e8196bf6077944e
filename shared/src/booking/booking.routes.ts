// routes of the booking module; spread into the route table in ../routes.ts
export const bookingRoutes = {} as const;
