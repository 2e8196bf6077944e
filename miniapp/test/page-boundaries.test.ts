import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Pages reach the API only through feature modules (features/*): a page imports hooks and functions, never the HTTP
// client or Taro's request, so what a page sends is named, shared and testable without the page.

const SRC = join(__dirname, '..', 'src');

/** the lines of a page's source that reach the API directly */
export function directApiUse(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => /from ['"][./]*services\/http['"]/.test(line) || /\bTaro\.(request|uploadFile|downloadFile)\s*\(/.test(line) || /\bcall\(\s*(routes|routeRefs)\./.test(line) || /\brouteRefs\b/.test(line));
}

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return pageFiles(p);
    return /\.(tsx?|jsx?)$/.test(e.name) ? [p] : [];
  });
}

describe('page boundaries', () => {
  it('no page calls the API itself', () => {
    const files = [...pageFiles(join(SRC, 'pages')), ...pageFiles(join(SRC, 'subpackages'))];
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((f) => directApiUse(readFileSync(f, 'utf8')).map((line) => `${relative(SRC, f)}: ${line.trim()}`));
    expect(found).toEqual([]);
  });

  it('negative control: the check sees each way a page could call the API', () => {
    expect(directApiUse("import { call } from '../../services/http';")).toHaveLength(1);
    expect(directApiUse("  const r = await Taro.request({ url });")).toHaveLength(1);
    expect(directApiUse('  return call(routes.updateMe, input);')).toHaveLength(1);
    expect(directApiUse('  return call(routeRefs.updateMe, input);')).toHaveLength(1);
    expect(directApiUse("import { routeRefs } from '@jianban/shared';")).toHaveLength(1);
    expect(directApiUse("import { updateMyName } from '../../features/identity/me';")).toEqual([]);
    expect(directApiUse("import { ApiError } from '../../services/api-error';")).toEqual([]);
  });
});
