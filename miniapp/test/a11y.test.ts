import { describe, expect, it } from '@jest/globals';
import { a11y, a11yLabel, inputA11y } from '../src/components/a11y';
import { activatesOnKey } from '../src/components/keyboard';

describe('a11y(): what each platform reads', () => {
  it('H5 gets WAI-ARIA role and states, and interactive roles are reachable with Tab', () => {
    expect(a11y('button', { label: '确认预约', pressed: true }, 'h5')).toEqual({ role: 'button', 'aria-label': '确认预约', 'aria-pressed': 'true', tabindex: 0 });
    expect(a11y('switch', { checked: false }, 'h5')).toEqual({ role: 'switch', 'aria-checked': 'false', tabindex: 0 });
    expect(a11y('heading', { level: 2 }, 'h5')).toEqual({ role: 'heading', 'aria-level': 2 });
  });

  it('never emits WeChat-only aria-role on H5, nor role or tabindex on weapp', () => {
    for (const role of ['button', 'list', 'listitem', 'tab', 'radio', 'switch', 'alert', 'status'] as const) {
      expect(a11y(role, {}, 'h5')).not.toHaveProperty('aria-role');
      const weapp = a11y(role, { label: 'x' }, 'weapp');
      expect(weapp['aria-role']).toBe(role);
      expect(weapp).not.toHaveProperty('role');
      expect(weapp).not.toHaveProperty('tabindex');
    }
  });

  it('a disabled control says so and leaves the Tab order; a plain region is not focusable unless asked', () => {
    expect(a11y('button', { disabled: true }, 'h5')).toEqual({ role: 'button', 'aria-disabled': 'true' });
    expect(a11y('listitem', {}, 'h5')).toEqual({ role: 'listitem' });
    expect(a11y('listitem', { focusable: true }, 'h5')).toHaveProperty('tabindex', 0);
    expect(a11y('list', { level: 2 }, 'h5')).not.toHaveProperty('aria-level');
  });

  it('inputs are named on the inner native element on H5 only', () => {
    expect(inputA11y('身份证号', true, 'h5')).toEqual({ 'aria-label': '身份证号', 'aria-invalid': 'true', nativeProps: { 'aria-label': '身份证号', 'aria-invalid': 'true' } });
    expect(inputA11y('身份证号', false, 'weapp')).toEqual({ 'aria-label': '身份证号', 'aria-invalid': 'false' });
    expect(a11yLabel('预约码 1 2 3')).toEqual({ 'aria-label': '预约码 1 2 3' });
  });
});

describe('keyboard activation on H5', () => {
  const el = (tagName: string, attrs: Record<string, string>) => ({ tagName, getAttribute: (n: string) => attrs[n] ?? null });
  it('Enter and Space act as a tap on a focused row, choice or switch', () => {
    expect(activatesOnKey({ key: 'Enter' }, el('TARO-VIEW-CORE', { role: 'button' }))).toBe(true);
    expect(activatesOnKey({ key: ' ' }, el('TARO-VIEW-CORE', { role: 'switch' }))).toBe(true);
    expect(activatesOnKey({ key: 'Enter' }, el('TARO-VIEW-CORE', { role: 'tab' }))).toBe(true);
  });
  it('leaves native controls, disabled ones, other keys, modifiers and IME composition alone', () => {
    expect(activatesOnKey({ key: 'Enter' }, el('BUTTON', { role: 'button' }))).toBe(false);
    expect(activatesOnKey({ key: 'Enter' }, el('INPUT', {}))).toBe(false);
    expect(activatesOnKey({ key: 'Enter' }, el('TARO-VIEW-CORE', { role: 'button', 'aria-disabled': 'true' }))).toBe(false);
    expect(activatesOnKey({ key: 'Enter' }, el('TARO-VIEW-CORE', { role: 'listitem' }))).toBe(false);
    expect(activatesOnKey({ key: 'a' }, el('TARO-VIEW-CORE', { role: 'button' }))).toBe(false);
    expect(activatesOnKey({ key: 'Enter', ctrlKey: true }, el('TARO-VIEW-CORE', { role: 'button' }))).toBe(false);
    expect(activatesOnKey({ key: 'Enter', isComposing: true }, el('TARO-VIEW-CORE', { role: 'button' }))).toBe(false);
    expect(activatesOnKey({ key: 'Enter' }, null)).toBe(false);
  });
});
