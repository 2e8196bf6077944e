import { ErrorCode, errorBody, errorStatus, routes, type RouteDef, type RouteName } from '@jianban/shared';
import { z } from 'zod';
import { H5_COOKIE_ROUTES } from '../identity/h5-refresh-cookie';
import { ROUTE_ERRORS } from './route-errors';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

/** the HTTP status the server answers an error code with: the one place this document reads it (the table in shared) */
export function statusOf(code: ErrorCode): number {
  return errorStatus(code);
}

const hasBody = (route: RouteDef) => route.method !== 'GET' && route.method !== 'DELETE';

/** every error code a route can return: the ones its shape implies (validation, body parsing, login, role) and the
 *  ones its handler and what it calls throw (ROUTE_ERRORS, not-found included); the 5xx every route may give (INTERNAL_ERROR,
 *  DATABASE_UNAVAILABLE, TIMEOUT) are the `default` response */
export function errorCodesOf(name: RouteName, route: RouteDef): ErrorCode[] {
  const codes: ErrorCode[] = [ErrorCode.Validation];
  if (hasBody(route)) codes.push(ErrorCode.MalformedJson, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType);
  // the guard: SESSION_REVOKED once the session's login family was revoked for refresh-token reuse
  if (route.auth !== 'public') codes.push(ErrorCode.Unauthenticated, ErrorCode.SessionExpired, ErrorCode.SessionRevoked);
  // the H5 refresh-cookie interceptor (identity/h5-refresh-cookie.ts)
  if (H5_COOKIE_ROUTES.includes(route)) codes.push(ErrorCode.CsrfRejected);
  if (route.auth === 'resident' || route.auth === 'staff') codes.push(ErrorCode.Forbidden);
  // the guard: a staff member on a temporary password may only call the routes marked whileTemporaryPassword
  if (route.auth === 'staff' && !route.whileTemporaryPassword) codes.push(ErrorCode.PasswordChangeRequired);
  // the guard: a sensitive action needs the password re-entered within the last few minutes
  if (route.stepUp) codes.push(ErrorCode.StepUpRequired);
  return [...new Set([...codes, ...ROUTE_ERRORS[name]])];
}

const errorSchema = (codes?: readonly string[]) => {
  const base = jsonSchema(errorBody, 'output') as { properties: Record<string, unknown> };
  return codes ? { ...base, properties: { ...base.properties, code: { type: 'string', enum: [...codes] } } } : base;
};
const errorContent = (codes?: readonly string[]) => ({ 'application/json': { schema: errorSchema(codes) } });

function errorResponses(name: RouteName, route: RouteDef) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(name, route)) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, codes]) => [String(status), { description: codes.join(', '), content: errorContent(codes) }]),
  );
}

function operation(name: RouteName, route: RouteDef) {
  const params = Object.keys((route.params as z.ZodObject).shape ?? {}).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } }));
  const bodyless = !hasBody(route);
  const query = bodyless
    ? Object.entries((route.input as z.ZodObject).shape ?? {}).map(([k, v]) => ({ name: k, in: 'query', required: !(v as z.ZodType).safeParse(undefined).success, schema: jsonSchema(v as z.ZodType, 'input') }))
    : [];
  return {
    operationId: name,
    summary: route.summary,
    'x-auth': route.auth,
    ...(route.roles ? { 'x-roles': route.roles } : {}),
    ...(route.stepUp ? { 'x-step-up': true } : {}),
    // public routes say so explicitly; the rest need the bearer session token
    security: route.auth === 'public' ? [] : [{ bearer: [] }],
    parameters: [...params, ...query],
    ...(bodyless ? {} : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.input, 'input') } } } }),
    responses: {
      [String(route.status)]: { description: 'ok', content: { 'application/json': { schema: jsonSchema(route.output, 'output') } } },
      ...errorResponses(name, route),
      default: { description: 'any other error, e.g. 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE or TIMEOUT: { code, message, details? }', content: errorContent() },
    },
  };
}

// generated from the shared route table: the server and the mini-program share this one contract
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const path = '/api' + route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation(name, route) };
  }
  return {
    openapi: '3.0.3',
    info: { title: '简办 Jianban API', version },
    // the API is served under /api by the same origin as the H5 app, whatever host that is
    servers: [{ url: '/', description: 'the origin this document was fetched from' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the session token of POST /api/auth/wechat, /api/auth/staff or /api/auth/refresh' } } },
    paths,
  };
}

export function docsPage(): string {
  const rows = (Object.entries(routes) as [string, RouteDef][])
    .map(([name, r]) => `<tr><td>${r.method}</td><td><code>/api${r.path}</code></td><td>${r.summary}</td><td>${r.auth}${r.roles ? ' (' + r.roles.join(', ') + ')' : ''}</td><td>${name}</td></tr>`)
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>简办 API</title>
<style>body{font:18px/1.6 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.4rem .7rem;text-align:left}code{font-size:16px}</style></head>
<body><h1>简办 Jianban API</h1><p>机器可读的完整描述：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3，由共享的 zod 契约生成）。错误响应一律为 <code>{ code, message, details? }</code>。</p>
<table><thead><tr><th>方法</th><th>路径</th><th>说明</th><th>权限</th><th>名称</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
