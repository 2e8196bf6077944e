import { useDidHide } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';

/** how long a "done" notice stays: long enough to read slowly, then the page goes back to normal */
export const TRANSIENT_MS = 8000;

/**
 * A value shown for a short while (e.g. "已添加：王建国"): cleared after `ms`, or as soon as the page is left.
 * Showing the same value again restarts the timer.
 */
export function useTransient<T>(ms = TRANSIENT_MS): [T | null, (value: T | null) => void] {
  const [shown, setShown] = useState<{ value: T; n: number } | null>(null);
  useEffect(() => {
    if (!shown) return undefined;
    const timer = setTimeout(() => setShown(null), ms);
    return () => clearTimeout(timer);
  }, [shown, ms]);
  useDidHide(() => setShown(null));
  const show = useCallback((value: T | null) => setShown((prev) => (value === null ? null : { value, n: (prev?.n ?? 0) + 1 })), []);
  return [shown ? shown.value : null, show];
}
