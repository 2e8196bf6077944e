// Keyboard use of the H5 build (also the staff console on a PC): Taro renders taps as custom elements, which a browser
// does not activate with the keyboard. Rows, choices and switches carry role="button" (or tab/radio/switch/link) and
// tabindex="0" from a11y(); this one listener makes Enter and Space on such a focused element do what a tap does.
// Native buttons and text inputs keep their own behaviour.

const ACTIVATED_ROLES = new Set(['button', 'link', 'tab', 'radio', 'switch']);

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

export interface ElementLike {
  tagName: string;
  getAttribute(name: string): string | null;
}

/** whether a key press on this element should act as a tap */
export function activatesOnKey(e: KeyLike, el: ElementLike | null): boolean {
  if (!el || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return false;
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'button' || tag === 'input' || tag === 'textarea' || tag === 'a') return false;
  const role = el.getAttribute('role');
  if (!role || !ACTIVATED_ROLES.has(role)) return false;
  return el.getAttribute('aria-disabled') !== 'true';
}

let installed = false;

export function installKeyboardActivation(): void {
  if (installed || process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  installed = true;
  document.addEventListener('keydown', (e) => {
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (!activatesOnKey(e, el)) return;
    e.preventDefault();
    el?.click();
  });
}
