// whether a page is part of this build (pages of other features may not exist yet)
declare const __wxConfig: { pages?: string[] } | undefined;

export function registeredPages(): string[] | null {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      return typeof __wxConfig !== 'undefined' && Array.isArray(__wxConfig?.pages) ? __wxConfig.pages : null;
    }
    const cfg = (globalThis as { __taroAppConfig?: { routes?: { path?: string }[] } }).__taroAppConfig;
    if (cfg && Array.isArray(cfg.routes)) return cfg.routes.map((r) => String(r.path ?? ''));
  } catch {
    // unknown
  }
  return null;
}

export function pageExists(path: string): boolean {
  const pages = registeredPages();
  if (!pages) return false;
  const want = path.replace(/^\/+/, '').split('?')[0];
  return pages.some((p) => p.replace(/^\/+/, '') === want);
}
