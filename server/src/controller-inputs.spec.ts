import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// issue 10 item 5: a controller takes its inputs as the route's schemas parse them — ParsedInput/ParsedParams of the
// same shared route — never as a hand-written type that can drift from the contract
const BINDING = /@Route(Input|Params)\(routes\.(\w+)\)\s+\w+\s*:\s*([^,)]+(?:<[^>]*>)?)/g;

export function handTypedInputs(source: string): string[] {
  const wrong: string[] = [];
  for (const m of source.matchAll(BINDING)) {
    const want = `${m[1] === 'Input' ? 'ParsedInput' : 'ParsedParams'}<typeof routes.${m[2]}>`;
    if (m[3].trim() !== want) wrong.push(`${m[2]}: ${m[3].trim()}`);
  }
  return wrong;
}

function controllers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? controllers(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : [],
  );
}

describe('controller inputs come from the contract', () => {
  it('types every @RouteInput and @RouteParams as ParsedInput/ParsedParams of its own route', () => {
    const files = controllers(__dirname);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const wrong = files.flatMap((f) => handTypedInputs(readFileSync(f, 'utf8')).map((w) => `${f.slice(__dirname.length + 1)} ${w}`));
    expect(wrong).toEqual([]);
  });

  it('negative control: a hand-written type, or the type of another route, is reported', () => {
    const src = `
      a(@RouteInput(routes.catalogSearch) q: { q: string; limit: number }) {}
      b(@RouteParams(routes.getBooking) p: ParsedParams<typeof routes.cancelBooking>) {}
      c(@RouteInput(routes.me) _q: ParsedInput<typeof routes.me>) {}`;
    expect(handTypedInputs(src)).toEqual(['catalogSearch: { q: string; limit: number }', 'getBooking: ParsedParams<typeof routes.cancelBooking>']);
  });
});
