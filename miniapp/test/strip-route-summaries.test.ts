import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stripRouteSummaries } = require('../config/strip-route-summaries.cjs') as { stripRouteSummaries: (s: string) => string };

const esm = resolve(__dirname, '../../shared/dist/esm');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.js') ? [join(dir, n)] : []));

describe('the mini-program builds leave out the route summaries (server-only API document titles)', () => {
  const routeFiles = files(esm).filter((f) => readFileSync(f, 'utf8').includes('defineRoute({'));

  it('finds the route files of the built contract', () => {
    expect(routeFiles.length).toBeGreaterThan(5);
  });

  it('removes every summary of every defineRoute call and nothing else', () => {
    let removed = 0;
    for (const f of routeFiles) {
      const src = readFileSync(f, 'utf8');
      const out = stripRouteSummaries(src);
      const calls = src.split('defineRoute({').length;
      expect(out.split('defineRoute({').length).toBe(calls);
      expect(out).not.toMatch(/defineRoute\(\{[^}]*\bsummary: '/);
      // every path, method and auth stays
      for (const key of ['path: ', 'method: ', 'auth: ']) expect(out.split(key).length).toBe(src.split(key).length);
      removed += src.length - out.length;
    }
    expect(removed).toBeGreaterThan(5_000);
  });

  it('leaves a summary outside a route definition alone', () => {
    const src = "const a = { summary: '不是路由' };\nexport const r = defineRoute({ method: 'GET', path: '/x', summary: '标题', auth: 'public' });";
    expect(stripRouteSummaries(src)).toBe("const a = { summary: '不是路由' };\nexport const r = defineRoute({ method: 'GET', path: '/x', auth: 'public' });");
  });
});
