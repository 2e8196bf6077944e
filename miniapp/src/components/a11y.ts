// One typed accessibility helper for every component and page.
//
// The two platforms read different attributes: a browser (the H5 build, also the staff console) reads WAI-ARIA `role`
// and `aria-*`; WeChat's renderer reads `aria-role` instead of `role` and the same `aria-*` states. Emitting both on
// both (as the code did before) leaves an attribute that does not exist on each: on H5 `aria-role` is an invalid ARIA
// attribute (axe: aria-valid-attr, critical). So each call emits exactly what its platform understands.

export type A11yRole =
  | 'alert'
  | 'button'
  | 'contentinfo'
  | 'dialog'
  | 'group'
  | 'heading'
  | 'img'
  | 'link'
  | 'list'
  | 'listitem'
  | 'navigation'
  | 'note'
  | 'radio'
  | 'radiogroup'
  | 'region'
  | 'search'
  | 'status'
  | 'switch'
  | 'tab'
  | 'tablist'
  | 'tabpanel';

export type Platform = 'h5' | 'weapp';

export interface A11yOptions {
  /** the accessible name (what a screen reader says) */
  label?: string;
  /** heading level */
  level?: 1 | 2 | 3 | 4;
  selected?: boolean;
  pressed?: boolean;
  checked?: boolean;
  disabled?: boolean;
  expanded?: boolean;
  live?: 'polite' | 'assertive';
  /** make a non-interactive element reachable with Tab (e.g. a row that opens its detail) */
  focusable?: boolean;
}

/** attributes spread onto a Taro component: only strings and numbers, nothing the component would misread */
export type A11yAttributes = Readonly<Record<string, string | number>>;

const INTERACTIVE: ReadonlySet<A11yRole> = new Set(['button', 'link', 'radio', 'switch', 'tab']);

export function currentPlatform(): Platform {
  return process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5';
}

const bool = (v: boolean) => (v ? 'true' : 'false');

export function a11y(role: A11yRole, opts: A11yOptions = {}, platform: Platform = currentPlatform()): A11yAttributes {
  const out: Record<string, string | number> = {};
  out[platform === 'weapp' ? 'aria-role' : 'role'] = role;
  if (opts.label) out['aria-label'] = opts.label;
  if (opts.level !== undefined && role === 'heading') out['aria-level'] = opts.level;
  if (opts.selected !== undefined) out['aria-selected'] = bool(opts.selected);
  if (opts.pressed !== undefined) out['aria-pressed'] = bool(opts.pressed);
  if (opts.checked !== undefined) out['aria-checked'] = bool(opts.checked);
  if (opts.disabled !== undefined) out['aria-disabled'] = bool(opts.disabled);
  if (opts.expanded !== undefined) out['aria-expanded'] = bool(opts.expanded);
  if (opts.live) out['aria-live'] = opts.live;
  // the Tab key reaches interactive roles (Taro's H5 elements are custom elements, not focusable by themselves);
  // WeChat has no keyboard focus, so nothing is emitted there
  if (platform === 'h5' && ((INTERACTIVE.has(role) && !opts.disabled) || opts.focusable)) out.tabindex = 0;
  return out;
}

/** a name only, for an element whose role the platform already knows (e.g. a text that reads a code digit by digit) */
export function a11yLabel(label: string): A11yAttributes {
  return { 'aria-label': label };
}

/**
 * A text input's name and validity. On H5 Taro renders `<taro-input-core>` around the real `<input>`; a label on the
 * wrapper does not name the input (axe: label), so the same attributes also go to the inner element through Taro's
 * `nativeProps`.
 */
export function inputA11y(label: string, invalid = false, platform: Platform = currentPlatform()): Readonly<Record<string, unknown>> {
  const attrs = { 'aria-label': label, 'aria-invalid': bool(invalid) };
  return platform === 'h5' ? { ...attrs, nativeProps: attrs } : attrs;
}
