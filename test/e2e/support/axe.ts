import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './stack';

// axe-core in the page under test: injected through the DevTools protocol (page.evaluate), which the page's
// Content-Security-Policy does not govern, so the check runs on exactly what users get

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js', { paths: [ROOT] }), 'utf8');
  return source;
}

/** every serious or critical WCAG 2.x A/AA violation on the page as it is shown now */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string }[] }[] }> } }).axe;
    // Taro's H5 keeps earlier pages of the stack in the document, hidden: check only the page on show (and the tab bar)
    const shown = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none');
    const include = shown.length ? shown.map((p) => [p]) : [document.body];
    // our tab bar (components/TabBar) renders inside the page; should it ever render outside, check it too
    for (const bar of document.querySelectorAll('[role="navigation"][aria-label="页面导航"]')) {
      if (getComputedStyle(bar).display !== 'none' && !shown.some((p) => p.contains(bar))) include.push([bar]);
    }
    const r = await axe.run({ include }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** the pages app.config.ts declares, as '/pages/x/index' paths (main package and subpackages) */
export function declaredPages(): string[] {
  const text = readFileSync(join(ROOT, 'miniapp', 'src', 'app.config.ts'), 'utf8');
  const pagesBlock = /pages:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
  const main = [...pagesBlock.matchAll(/'([^']+)'/g)].map((m) => `/${m[1]}`);
  const subs = [...text.matchAll(/\{\s*root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)].flatMap((m) => [...m[2].matchAll(/'([^']+)'/g)].map((p) => `/${m[1]}/${p[1]}`));
  return [...main, ...subs];
}
