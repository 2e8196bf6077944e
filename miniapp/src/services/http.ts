// ONE wrapper for every server call: call(route, input, params?) → parsed data, or throws ApiError.
import Taro from '@tarojs/taro';
import type { RouteDef, RouteInput, RouteOutput, RouteParams } from '@jianban/shared';
import { createHttp, type HttpDeps, type Transport } from './http-core';
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

// the session module installs getToken/onUnauthorized (keeps http free of session state)
const deps: HttpDeps = { transport: taroTransport, baseUrl: API_BASE, parseOutput: PARSE_OUTPUT };
const client = createHttp(deps);

export function configureAuth(auth: Pick<HttpDeps, 'getToken' | 'onUnauthorized'>): void {
  deps.getToken = auth.getToken;
  deps.onUnauthorized = auth.onUnauthorized;
}

/** the staff password re-ask (services/step-up.ts) */
export function configureStepUp(onStepUpRequired: NonNullable<HttpDeps['onStepUpRequired']>): void {
  deps.onStepUpRequired = onStepUpRequired;
}

export function call<R extends RouteDef>(route: R, input: RouteInput<R>, params?: RouteParams<R>): Promise<RouteOutput<R>> {
  return client.call(route, input, params);
}
