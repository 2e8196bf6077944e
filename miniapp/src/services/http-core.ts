// The HTTP wrapper without Taro, so it can be tested with a fake transport.
// No toasts, no navigation, no console output: it returns parsed data or throws ApiError.
import { fillPath, type RouteDef, type RouteInput, type RouteOutput, type RouteParams, type RouteRef } from '@jianban/shared';
import { ApiError, ClientErrorCode } from './api-error';
import { ErrorCode } from '@jianban/shared';

export interface RawRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
}
export interface RawResponse {
  statusCode: number;
  data: unknown;
}
export type Transport = (req: RawRequest) => Promise<RawResponse>;

export interface HttpDeps {
  transport: Transport;
  baseUrl: string;
  /** parse every response with route.output (development / e2e builds) */
  parseOutput: boolean;
  getToken?: () => string | null;
  /** called once on a 401 from a non-public route, with the token that was refused; resolves true when a new token is in place */
  onUnauthorized?: (refusedToken: string | null) => Promise<boolean>;
  /** called once on 403 STEP_UP_REQUIRED (a sensitive staff action): resolves true when the password was re-entered */
  onStepUpRequired?: () => Promise<boolean>;
  /**
   * the output schema of a route called by its ref (routeRefs: no schemas, so no zod on the first screen); asked only
   * when parseOutput is on, so builds that do not parse never load the contract
   */
  outputSchemaOf?: (name: string) => Promise<RouteDef['output']>;
}

/** a full route definition, or its schema-free ref from routeRefs */
export type AnyRoute = RouteDef | RouteRef;

const codeOfBody = (data: unknown) => (data && typeof data === 'object' ? (data as { code?: unknown }).code : undefined);

type Scalar = string | number | boolean;

/** query string for GET/DELETE input: undefined/null skipped, arrays repeated, keys sorted for stable URLs */
export function buildQuery(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const parts: string[] = [];
  for (const key of Object.keys(input).sort()) {
    const v = (input as Record<string, unknown>)[key];
    const values = Array.isArray(v) ? v : [v];
    for (const item of values) {
      if (item === undefined || item === null) continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item as Scalar))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function buildRequest(
  baseUrl: string,
  route: AnyRoute,
  input: unknown,
  params: Record<string, string | number> | undefined,
  token: string | null,
): RawRequest {
  const path = fillPath(route.path, params ?? {});
  const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  const header: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) header['Content-Type'] = 'application/json';
  if (token && route.auth !== 'public') header.Authorization = `Bearer ${token}`;
  const base = baseUrl.replace(/\/+$/, '');
  if (hasBody) return { url: base + path, method: route.method, header, data: input ?? {} };
  return { url: base + path + buildQuery(input), method: route.method, header };
}

function transportError(e: unknown): ApiError {
  const msg = (e as { errMsg?: string; message?: string } | null)?.errMsg ?? (e as Error | null)?.message ?? '';
  if (/timeout|超时/i.test(msg)) return new ApiError(ErrorCode.Timeout, 0, msg);
  return new ApiError(ClientErrorCode.Network, 0, msg);
}

export function createHttp(deps: HttpDeps) {
  async function outputSchemaOf(route: RouteRef): Promise<RouteDef['output']> {
    if (!deps.outputSchemaOf) throw new Error(`no output schema for ${route.method} ${route.path}: set HttpDeps.outputSchemaOf`);
    return deps.outputSchemaOf(route.name);
  }
  async function call<R extends AnyRoute>(
    route: R,
    input: RouteInput<R>,
    params?: RouteParams<R>,
    retried = false,
    steppedUp = false,
  ): Promise<RouteOutput<R>> {
    const token = deps.getToken?.() ?? null;
    const req = buildRequest(deps.baseUrl, route, input, params as Record<string, string | number> | undefined, token);
    let res: RawResponse;
    try {
      res = await deps.transport(req);
    } catch (e) {
      throw transportError(e);
    }
    if (res.statusCode === 401 && route.auth !== 'public' && !retried && deps.onUnauthorized) {
      const ok = await deps.onUnauthorized(token).catch(() => false);
      if (ok) return call(route, input, params, true, steppedUp);
    }
    if (res.statusCode === 403 && codeOfBody(res.data) === ErrorCode.StepUpRequired && !steppedUp && deps.onStepUpRequired) {
      const ok = await deps.onStepUpRequired().catch(() => false);
      if (ok) return call(route, input, params, retried, true);
    }
    if (res.statusCode < 200 || res.statusCode >= 300) throw ApiError.from(res.statusCode, res.data);
    if (!deps.parseOutput) return res.data as RouteOutput<R>;
    const schema = 'output' in route ? route.output : await outputSchemaOf(route);
    const parsed = schema.safeParse(res.data);
    if (!parsed.success) {
      throw new ApiError(ClientErrorCode.BadResponse, res.statusCode, `response of ${route.method} ${route.path} does not match the contract`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    return parsed.data as RouteOutput<R>;
  }
  return { call };
}
