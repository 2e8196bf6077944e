import { describe } from '@jest/globals';
import { testEngines, type Engine } from './engines';

// (not in engines.ts: global setup imports that, and @jest/globals cannot load outside a test file)
export const ALL_ENGINES: readonly Engine[] = ['sqlite', 'mariadb'];

/**
 * `describe.each(testEngines())(title, body)` that keeps the engines it cannot run visible: each engine of `engines`
 * (default: all) gets its own `describe`, or — when global setup found it unreachable — a `describe.skip` with the
 * same body, so jest reports each of its tests as skipped (the closing line's skipped count) instead of the suite
 * silently shrinking. It never hands `describe.each` an empty list, which throws at load and takes the file's other
 * suites with it. `%s` in the title is the engine.
 */
export function describeEngines(title: string, body: (engine: Engine) => void, engines: readonly Engine[] = ALL_ENGINES): void {
  const running = testEngines();
  for (const engine of engines) {
    const name = title.replace('%s', engine);
    if (running.includes(engine)) describe(name, () => body(engine));
    else describe.skip(`${name} — SKIPPED: ${engine} not reachable in this run (REQUIRE_MYSQL=1 makes that fail)`, () => body(engine));
  }
}
