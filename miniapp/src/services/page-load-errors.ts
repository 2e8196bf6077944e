// H5: a page lives in its own script file, fetched when it is first opened. Offline, that fetch fails and Taro's router
// just stays where it was — the tap "did nothing" (issue 14). Say so instead, in plain words, once per failure burst.
import Taro from '@tarojs/taro';

const CHUNK_FAILED = /Loading (CSS )?chunk [\w-]+ failed|ChunkLoadError|Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;

let telling = false;
async function tell(): Promise<void> {
  if (telling) return;
  telling = true;
  await Taro.showModal({ title: '网络不通，页面没打开', content: '请检查手机网络，网络好了再点一次。', showCancel: false, confirmText: '知道了' }).catch(() => undefined);
  telling = false;
}

const messageOf = (reason: unknown) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason ?? ''));

export function isPageLoadFailure(reason: unknown): boolean {
  return CHUNK_FAILED.test(messageOf(reason));
}

export function installPageLoadErrors(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  window.addEventListener('unhandledrejection', (e) => {
    if (!isPageLoadFailure(e.reason)) return;
    e.preventDefault();
    void tell();
  });
  window.addEventListener('error', (e) => {
    if (isPageLoadFailure(e.error ?? e.message)) void tell();
  });
}
