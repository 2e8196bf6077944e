import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteAuth = 'public' | 'resident' | 'staff' | 'any';
export type StaffRole = 'community_staff' | 'street_reviewer' | 'district_admin';

export interface RouteDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string; // relative to /api, with :params
  summary: string;
  auth: RouteAuth;
  roles?: readonly StaffRole[];
  // a staff member still on a temporary password may call it (who am I, replace the password, log out); every other
  // route answers PASSWORD_CHANGE_REQUIRED to them
  whileTemporaryPassword?: true;
  // a sensitive action (a full ID number, bank account or phone, a payment roster): the staff member must have
  // re-entered their password within the last few minutes, else 403 STEP_UP_REQUIRED
  stepUp?: true;
  status: number; // success status
  input: I; // body for POST/PUT/PATCH, query for GET/DELETE
  params: P;
  output: O;
}

export const noInput = z.strictObject({});
export const noParams = z.strictObject({});

// what a module writes for one route (status defaults to 200, params to none)
export interface RouteSpec<I extends z.ZodType, O extends z.ZodType, P extends z.ZodType> {
  method: HttpMethod;
  path: string;
  summary: string;
  auth: RouteAuth;
  roles?: readonly StaffRole[];
  // a staff member still on a temporary password may call it (who am I, replace the password, log out); every other
  // route answers PASSWORD_CHANGE_REQUIRED to them
  whileTemporaryPassword?: true;
  // see RouteDef.stepUp
  stepUp?: true;
  status?: number;
  input: I;
  output: O;
  params?: P;
}

export function defineRoute<I extends z.ZodType, O extends z.ZodType, P extends z.ZodType = typeof noParams>(def: RouteSpec<I, O, P>): RouteDef<I, O, P> {
  return { ...def, status: def.status ?? 200, params: (def.params ?? noParams) as P };
}

export type RouteInput<R extends RouteDef | RouteRef> = z.input<DefOf<R>['input']>;
export type RouteOutput<R extends RouteDef | RouteRef> = z.output<DefOf<R>['output']>;
export type RouteParams<R extends RouteDef | RouteRef> = z.input<DefOf<R>['params']>;
// what a server handler receives after the route's schemas parsed the request (defaults filled, text normalised)
export type ParsedInput<R extends RouteDef> = z.output<R['input']>;
export type ParsedParams<R extends RouteDef> = z.output<R['params']>;

// fillPath lives in its own file, free of zod (the mini-program's first screen needs it and nothing else here)
export { fillPath } from './fill-path';

/**
 * A route without its schemas: what a client needs to send a request (name, method, path, auth) and nothing that
 * pulls zod or the contract into its bundle. `routeRefs` (route-refs.ts, generated from `routes`) holds one per route;
 * the full definition travels only as a type (`__def`, never set), so inputs and outputs stay typed.
 */
export interface RouteRef<D extends RouteDef = RouteDef> {
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly auth: RouteAuth;
  readonly __def?: D;
}

/** the full definition a route or a route ref stands for */
export type DefOf<R extends RouteDef | RouteRef> = R extends RouteRef<infer D> ? D : R extends RouteDef ? R : never;
