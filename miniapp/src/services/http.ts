// ONE wrapper for every server call: call(route, input, params?) → parsed data, or throws ApiError.
import Taro from '@tarojs/taro';
import type { RouteDef, RouteInput, RouteOutput, RouteParams } from '@jianban/shared';
import { createHttp, type AnyRoute, type HttpDeps, type Transport } from './http-core';
import { API_BASE, PARSE_OUTPUT } from './config';

export { ApiError } from './api-error';

export const REQUEST_TIMEOUT_MS = 7000;

// H5: the server keys its refresh cookie on this header (a forged cross-site request cannot send it)
const H5_HEADER: Record<string, string> = process.env.TARO_ENV === 'h5' ? { 'X-Jianban-Client': 'h5' } : {};

const taroTransport: Transport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method as keyof Taro.request.Method,
    header: { ...req.header, ...H5_HEADER },
    // H5: the refresh cookie is set and sent on our own origin only
    ...(process.env.TARO_ENV === 'h5' ? { credentials: 'same-origin' as const } : {}),
    data: req.data as Record<string, unknown> | undefined,
    dataType: 'json',
    // a request that cannot finish is reported within 8 s (issue 14), with 再试一次 on the page
    timeout: REQUEST_TIMEOUT_MS,
  });
  return { statusCode: res.statusCode, data: res.data };
};

// Builds that check every response (development, e2e) need the route schemas: on H5 they come in their own chunk
// with the first answer, never with the first screen; weapp loads no chunks at run time, so there the contract is
// bundled, in the builds that parse only. Production builds do not parse and carry none of it. (The conditions are
// written on process.env so the bundler drops the unused branches, and their imports, at build time.)
const outputSchemaOf: HttpDeps['outputSchemaOf'] =
  process.env.TARO_APP_PARSE_OUTPUT !== '1'
    ? undefined
    : process.env.TARO_ENV === 'h5'
      ? (name) => import(/* webpackChunkName: "contract" */ '@jianban/shared').then((m) => (m.routes as Record<string, RouteDef>)[name].output)
      : // eslint-disable-next-line @typescript-eslint/no-require-imports
        (name) => Promise.resolve(((require('@jianban/shared') as typeof import('@jianban/shared')).routes as Record<string, RouteDef>)[name].output);

// the session module installs getToken/onUnauthorized (keeps http free of session state)
const deps: HttpDeps = {
  transport: taroTransport,
  baseUrl: API_BASE,
  parseOutput: PARSE_OUTPUT,
  outputSchemaOf,
};
const client = createHttp(deps);

export function configureAuth(auth: Pick<HttpDeps, 'getToken' | 'onUnauthorized'>): void {
  deps.getToken = auth.getToken;
  deps.onUnauthorized = auth.onUnauthorized;
}

/** the staff password re-ask (services/step-up.ts) */
export function configureStepUp(onStepUpRequired: NonNullable<HttpDeps['onStepUpRequired']>): void {
  deps.onStepUpRequired = onStepUpRequired;
}

export function call<R extends AnyRoute>(route: R, input: RouteInput<R>, params?: RouteParams<R>): Promise<RouteOutput<R>> {
  return client.call(route, input, params);
}
