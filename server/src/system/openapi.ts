import { routes, errorBody, type RouteDef } from '@jianban/shared';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

function operation(name: string, route: RouteDef) {
  const params = Object.keys((route.params as z.ZodObject).shape ?? {}).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } }));
  const bodyless = route.method === 'GET' || route.method === 'DELETE';
  const query = bodyless
    ? Object.entries((route.input as z.ZodObject).shape ?? {}).map(([k, v]) => ({ name: k, in: 'query', required: !(v as z.ZodType).safeParse(undefined).success, schema: jsonSchema(v as z.ZodType, 'input') }))
    : [];
  return {
    operationId: name,
    summary: route.summary,
    'x-auth': route.auth,
    ...(route.roles ? { 'x-roles': route.roles } : {}),
    ...(route.auth === 'public' ? {} : { security: [{ bearer: [] }] }),
    parameters: [...params, ...query],
    ...(bodyless ? {} : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.input, 'input') } } } }),
    responses: {
      [String(route.status)]: { description: 'ok', content: { 'application/json': { schema: jsonSchema(route.output, 'output') } } },
      default: { description: 'error: { code, message, details? }', content: { 'application/json': { schema: jsonSchema(errorBody, 'output') } } },
    },
  };
}

// generated from the shared route table: the server and the mini-program share this one contract
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
    const path = '/api' + route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation(name, route) };
  }
  return {
    openapi: '3.0.3',
    info: { title: '简办 Jianban API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
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
