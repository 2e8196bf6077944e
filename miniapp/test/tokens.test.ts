// reads styles/tokens.scss and checks the elder-first rules on the real values
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const scss = readFileSync(join(__dirname, '../src/styles/tokens.scss'), 'utf8');

function colour(name: string): string {
  const m = new RegExp(`\\$color-${name}:\\s*(#[0-9a-fA-F]{6})`).exec(scss);
  if (!m) throw new Error(`no $color-${name} in tokens.scss`);
  return m[1];
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function block(mixin: string): Record<string, string> {
  const m = new RegExp(`@mixin ${mixin} \\{([^}]*)\\}`).exec(scss);
  if (!m) throw new Error(`no mixin ${mixin}`);
  return Object.fromEntries([...m[1].matchAll(/--jb-([a-z-]+):\s*([^;]+);/g)].map((x) => [x[1], x[2].trim()]));
}

describe('contrast', () => {
  it('computes known ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  // text colour, background
  const pairs: Array<[string, string]> = [
    ['text', 'surface'],
    ['text', 'page'],
    ['text', 'primary-soft'],
    ['text', 'notice-soft'],
    ['text', 'danger-soft'],
    ['text', 'success-soft'],
    ['text-secondary', 'surface'],
    ['text-secondary', 'page'],
    ['text-secondary', 'notice-soft'],
    ['primary', 'surface'],
    ['primary', 'page'],
    ['primary', 'primary-soft'],
    ['on-primary', 'primary'],
    ['danger', 'surface'],
    ['on-primary', 'danger'], // 确定移除 button
    ['danger', 'danger-soft'],
    ['success', 'surface'],
  ];
  it.each(pairs)('$color-%s on $color-%s is at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });
  it('input borders stand out (non-text, at least 3:1)', () => {
    expect(contrast(colour('border'), colour('surface'))).toBeGreaterThanOrEqual(3);
  });
});

describe('sizes', () => {
  const normal = block('size-variables');
  const elder = block('elder-size-variables');
  const px = (v: string) => Number(/^(\d+)px$/.exec(v)?.[1] ?? NaN);

  it('keeps all text at least 32px at design width 750, targets at least 88px, line height at least 1.5', () => {
    for (const k of ['font-small', 'font-body', 'font-large', 'font-title']) expect(px(normal[k])).toBeGreaterThanOrEqual(32);
    expect(px(normal['tap-min'])).toBeGreaterThanOrEqual(88);
    expect(Number(normal['line-height'])).toBeGreaterThanOrEqual(1.5);
  });

  it('makes 长辈模式 clearly larger (at least 1.25×) for every size variable', () => {
    for (const k of ['font-small', 'font-body', 'font-large', 'font-title', 'tap-min']) {
      expect(px(elder[k]) / px(normal[k])).toBeGreaterThanOrEqual(1.25);
    }
    expect(Number(elder['line-height'])).toBeGreaterThanOrEqual(Number(normal['line-height']));
  });
});
