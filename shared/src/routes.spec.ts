import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { staffRoles } from './identity/identity.schema';
import { fillPath, type RouteDef } from './route';
import { routes, type RouteName } from './routes';
import { routeRefs } from './route-refs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_SAMPLES } from './catalog/catalog.samples';
import { NOTIFICATIONS_SAMPLES } from './notifications/notifications.samples';
import { BOOKING_SAMPLES } from './booking/booking.samples';
import { CIVIL_AFFAIRS_SAMPLES } from './civil-affairs/civil-affairs.samples';
import { STAFF_ADMIN_SAMPLES } from './identity/staff-admin.samples';
import { ALLOWANCE_SAMPLES } from './allowance/allowance.samples';
import { PROXIES_SAMPLES } from './identity/proxies.samples';
import { SERVICE_WORDS_SAMPLES } from './catalog/service-words.samples';
import { LEDGER_SAMPLES } from './allowance/ledger.samples';
import { STEP_UP_SAMPLES } from './identity/step-up.samples';
import { REGION_HOLD_SAMPLES } from './identity/region-holds.samples';

import type { Sample } from './route-sample';

// the smallest input and params each route accepts; a new route without an entry here fails the suite
const VALID: Record<RouteName, Sample> = {
  health: { input: {} },
  wechatLogin: { input: { code: 'abc' } },
  staffLogin: { input: { username: 'meicun', password: 'x' } },
  refreshSession: { input: { refreshToken: 'r'.repeat(32) } },
  logout: { input: {} },
  devWechatCode: { input: {} },
  me: { input: {} },
  regions: { input: {} },
  listFamilyMembers: { input: {} },
  addFamilyMember: { input: { name: '王建国', idNumber: '42100319400315001X', relationship: 'parent', communityCode: '421003003003' } },
  removeFamilyMember: { input: {}, params: { id: '3f1c1f5e-8d2a-4c1b-9b7e-2a4d5e6f7a8b' } },
  communityElders: { input: {}, params: { code: '421003003003' } },
  bindStaffWechat: { input: { code: '081xYz000abc' } },
  updateMe: { input: { displayName: '王女士' } },
  // each module keeps the samples for its own routes next to them
  ...CATALOG_SAMPLES,
  ...NOTIFICATIONS_SAMPLES,
  ...BOOKING_SAMPLES,
  ...STAFF_ADMIN_SAMPLES,
  ...ALLOWANCE_SAMPLES, ...PROXIES_SAMPLES, ...CIVIL_AFFAIRS_SAMPLES,
  ...SERVICE_WORDS_SAMPLES,
  ...LEDGER_SAMPLES,
  ...STEP_UP_SAMPLES,
  ...REGION_HOLD_SAMPLES,
};

const entries = Object.entries(routes) as [RouteName, RouteDef][];
const pathParamsOf = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);

function expectStrictObject(schema: z.ZodType) {
  expect(schema).toBeInstanceOf(z.ZodObject);
  const catchall = (schema as z.ZodObject).def.catchall;
  expect(catchall?._zod.def.type).toBe('never');
}

function expectRejectsExtraKey(schema: z.ZodType, valid: Record<string, unknown>) {
  const ok = schema.safeParse(valid);
  expect(ok.success).toBe(true);
  const extra = schema.safeParse({ ...valid, __extra: 1 });
  expect(extra.success).toBe(false);
  if (!extra.success) {
    const issue = extra.error.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue).toBeDefined();
    expect((issue as { keys: string[] }).keys).toEqual(['__extra']);
  }
}

describe('shared routes table', () => {
  it('has a valid sample input for every route (and no sample for a route that does not exist)', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(routes).sort());
  });

  it.each(entries)('%s has a strict input schema that rejects unknown keys', (name, route) => {
    expectStrictObject(route.input);
    expectRejectsExtraKey(route.input, VALID[name].input);
  });

  it.each(entries)('%s has strict params that reject unknown keys', (name, route) => {
    expectStrictObject(route.params);
    expectRejectsExtraKey(route.params, VALID[name].params ?? {});
  });

  it.each(entries)('%s declares exactly the path parameters its path uses', (_name, route) => {
    const inPath = pathParamsOf(route.path).sort();
    const declared = Object.keys((route.params as z.ZodObject).shape).sort();
    expect(declared).toEqual(inPath);
  });

  it.each(entries)('%s uses an allowed method and auth, a relative path and a 2xx success status', (_name, route) => {
    expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).toContain(route.method);
    expect(['public', 'resident', 'staff', 'any']).toContain(route.auth);
    expect(route.path).toMatch(/^\/[a-z0-9/:_-]*$/i);
    expect(route.path.startsWith('/api')).toBe(false);
    expect(route.status).toBeGreaterThanOrEqual(200);
    expect(route.status).toBeLessThan(300);
    expect(route.summary.length).toBeGreaterThan(0);
  });

  it.each(entries)('%s lists staff roles when staff-only and no roles otherwise', (_name, route) => {
    if (route.auth === 'staff') {
      expect(route.roles?.length).toBeGreaterThan(0);
      for (const role of route.roles!) expect(staffRoles).toContain(role);
    } else {
      expect(route.roles).toBeUndefined();
    }
  });

  it('has no two routes with the same method and path', () => {
    const keys = entries.map(([, r]) => `${r.method} ${r.path.replace(/:[A-Za-z]+/g, ':p')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('fillPath', () => {
  it('substitutes and URL-encodes every path parameter', () => {
    expect(fillPath(routes.communityElders.path, { code: '421003003003' })).toBe('/staff/communities/421003003003/elders');
    expect(fillPath(routes.communityElders.path, { code: 'a/b c?d#e' })).toBe('/staff/communities/a%2Fb%20c%3Fd%23e/elders');
    expect(fillPath(routes.removeFamilyMember.path, { id: '../../admin' })).toBe('/family-members/..%2F..%2Fadmin');
    expect(fillPath('/x/:a/:b', { a: 1, b: '梅村' })).toBe('/x/1/%E6%A2%85%E6%9D%91');
  });

  it('throws, naming the parameter, when one is missing', () => {
    expect(() => fillPath(routes.communityElders.path, {})).toThrow(/missing path parameter code/);
    expect(() => fillPath(routes.removeFamilyMember.path)).toThrow(/missing path parameter id/);
  });

  it('leaves a path without parameters unchanged', () => {
    expect(fillPath(routes.health.path)).toBe('/health');
  });
});

describe('routeRefs (the schema-free route table the mini-program sends requests with)', () => {
  it('is current: generated from routes, one ref per route with the same method, path and auth', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { render } = require('../scripts/gen-route-refs.cjs') as { render(table: typeof routes): string };
    const file = readFileSync(join(__dirname, 'route-refs.ts'), 'utf8');
    // out of date: pnpm --filter @jianban/shared build && node shared/scripts/gen-route-refs.cjs
    expect(file).toBe(render(routes));
    expect(Object.keys(routeRefs).sort()).toEqual(Object.keys(routes).sort());
    for (const [name, def] of Object.entries(routes) as [RouteName, RouteDef][]) {
      expect(routeRefs[name]).toEqual({ name, method: def.method, path: def.path, auth: def.auth });
    }
  });

  it('carries no schema and imports nothing at run time (so it never pulls zod into a bundle)', () => {
    const file = readFileSync(join(__dirname, 'route-refs.ts'), 'utf8');
    expect(file.split('\n').filter((l) => /^import /.test(l)).every((l) => l.startsWith('import type '))).toBe(true);
    for (const ref of Object.values(routeRefs)) expect(Object.keys(ref).sort()).toEqual(['auth', 'method', 'name', 'path']);
  });
});
