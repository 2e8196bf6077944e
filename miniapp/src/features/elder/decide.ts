// 长辈模式: the user's own choice wins; without one, follow WeChat's font setting.
// WeChat reports fontSizeSetting in px: iOS standard 17 (关怀模式 23.8), Android 16 × scale.
export const LARGE_FONT_THRESHOLD = 17;

export function isLargeSystemFont(fontSizeSetting: unknown): boolean {
  return typeof fontSizeSetting === 'number' && Number.isFinite(fontSizeSetting) && fontSizeSetting > LARGE_FONT_THRESHOLD;
}

export function decideElderMode(userChoice: boolean | null, fontSizeSetting: unknown): boolean {
  if (userChoice !== null) return userChoice;
  return isLargeSystemFont(fontSizeSetting);
}

/** stored value → user choice ('1' on, '0' off, anything else: no choice yet) */
export function parseElderChoice(stored: unknown): boolean | null {
  if (stored === '1' || stored === true) return true;
  if (stored === '0' || stored === false) return false;
  return null;
}

/**
 * 长辈模式 when the app comes back to the foreground (the user may have changed WeChat's font size meanwhile).
 * An explicit choice is never overridden; an unreadable font setting keeps what is in effect.
 */
export function recheckElderMode(userChoice: boolean | null, fontSizeSetting: unknown, current: boolean): boolean {
  if (userChoice !== null) return userChoice;
  if (typeof fontSizeSetting !== 'number' || !Number.isFinite(fontSizeSetting)) return current;
  return isLargeSystemFont(fontSizeSetting);
}
