import { Body, HttpCode, Param, Query, RequestMapping, RequestMethod, SetMetadata, applyDecorators } from '@nestjs/common';
import type { RouteDef } from '@jianban/shared';
import { ZodPipe } from './zod.pipe';

export const ROUTE_KEY = 'jianban:route';

// binds a controller method to a shared route definition: path, method, status and auth metadata
export function Endpoint(route: RouteDef) {
  return applyDecorators(
    RequestMapping({ path: route.path, method: RequestMethod[route.method] }),
    HttpCode(route.status),
    SetMetadata(ROUTE_KEY, route),
  );
}

export const RouteInput = (route: RouteDef) =>
  route.method === 'GET' || route.method === 'DELETE' ? Query(new ZodPipe(route.input, 'query')) : Body(new ZodPipe(route.input, 'body'));

export const RouteParams = (route: RouteDef) => Param(new ZodPipe(route.params, 'params'));
